"""Relative income (percentile rank among all applicants) as a feature."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

apps = pd.read_csv("credit_applications.csv")
apps["income_pct"] = apps["income"].rank(pct=True)  # expect: leakage/preprocessing
apps["debt_ratio"] = apps["debt"] / apps["income"].clip(lower=1)

cols = ["income_pct", "debt_ratio", "age", "n_cards"]
X_train, X_test, y_train, y_test = train_test_split(apps[cols], apps["approved"], test_size=0.25, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("AUC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
