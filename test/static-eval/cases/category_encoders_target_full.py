"""High-cardinality zip codes: target-encode them with category_encoders."""
import pandas as pd
import category_encoders as ce
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

leads = pd.read_csv("leads.csv")
X = leads[["zip_code", "source", "pages_viewed", "minutes_on_site"]]
y = leads["converted"]

enc = ce.TargetEncoder(cols=["zip_code", "source"])
X_enc = enc.fit_transform(X, y)  # expect: leakage/preprocessing, leakage/target

X_train, X_test, y_train, y_test = train_test_split(X_enc, y, test_size=0.25, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
