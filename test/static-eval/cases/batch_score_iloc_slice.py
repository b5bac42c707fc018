"""Monthly batch: score every row of the warehouse extract (first column is the account id)."""
import joblib
import pandas as pd

clf = joblib.load("artifacts/attrition_rf.joblib")

extract = pd.read_csv("warehouse/accounts_extract.csv")
X_batch = extract.iloc[:, 1:].values  # expect: mismatch/column-order
extract["attrition_risk"] = clf.predict_proba(X_batch)[:, 1]
extract[["account_id", "attrition_risk"]].to_csv("attrition_scores.csv", index=False)
