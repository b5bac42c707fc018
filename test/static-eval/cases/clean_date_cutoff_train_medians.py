# Loan default: train on loans issued before 2018, test on later ones.
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

loans = pd.read_csv("loans.csv", parse_dates=["issue_d"])
cutoff = pd.Timestamp("2018-01-01")
train = loans[loans["issue_d"] < cutoff].copy()
test = loans[loans["issue_d"] >= cutoff].copy()

num = ["annual_inc", "dti", "revol_util", "int_rate", "emp_length"]
for c in num:
    fill = train[c].median()
    train[c] = train[c].fillna(fill)
    test[c] = test[c].fillna(fill)

rf = RandomForestClassifier(n_estimators=300, min_samples_leaf=5, random_state=0)
rf.fit(train[num], train["default"])
print("AUC on post-2018 loans:", roc_auc_score(test["default"], rf.predict_proba(test[num])[:, 1]))
