# train.py - fits preprocessing on the training split only and saves everything for serving
import json
import joblib
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

data = pd.read_csv("loans.csv")
FEATURES = ["loan_amnt", "annual_inc", "dti", "revol_util", "int_rate", "installment"]
X_train, X_test, y_train, y_test = train_test_split(
    data[FEATURES], data["default"], test_size=0.2, stratify=data["default"], random_state=10
)

scaler = StandardScaler()
X_train_s = scaler.fit_transform(X_train)
gbm = GradientBoostingClassifier(random_state=10).fit(X_train_s, y_train)
print("test AUC:", roc_auc_score(y_test, gbm.predict_proba(scaler.transform(X_test))[:, 1]))

joblib.dump(scaler, "artifacts/scaler.joblib")
joblib.dump(gbm, "artifacts/gbm.joblib")
with open("artifacts/features.json", "w") as fh:
    json.dump(FEATURES, fh)
