"""Readmission risk (logistic regression), cleaned-up version of Maria's notebook."""
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, brier_score_loss

visits = pd.read_csv("readmissions_2019.csv")
features = ["age", "n_prior_visits", "los_days", "n_meds", "hba1c", "creatinine"]
visits = visits.dropna(subset=features + ["readmit_30d"])

X = visits[features]
y = visits["readmit_30d"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=19)

mm = MinMaxScaler()
mm.fit(X)  # expect: leakage/preprocessing
X_train_s = mm.transform(X_train)
X_test_s = mm.transform(X_test)

logit = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
logit.fit(X_train_s, y_train)
p = logit.predict_proba(X_test_s)[:, 1]
print("AUC  ", round(roc_auc_score(y_test, p), 3))
print("Brier", round(brier_score_loss(y_test, p), 3))
for name, coef in zip(features, logit.coef_[0]):
    print(f"{name:>16s} {coef:+.3f}")
