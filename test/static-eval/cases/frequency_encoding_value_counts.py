# Frequency-encode high-cardinality categoricals before boosting.
import pandas as pd
from sklearn.model_selection import train_test_split
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score

apps = pd.read_csv("app_installs.csv")
for col in ["device_model", "app_category", "country"]:
    apps[col + "_freq"] = apps[col].map(apps[col].value_counts(normalize=True))  # expect: leakage/preprocessing

cols = ["device_model_freq", "app_category_freq", "country_freq", "session_count", "days_since_install"]
X_train, X_test, y_train, y_test = train_test_split(apps[cols], apps["purchased"], test_size=0.2, random_state=0)
model = LGBMClassifier(n_estimators=400).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
