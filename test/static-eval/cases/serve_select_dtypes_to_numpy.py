"""Score all numeric columns of today's feature dump."""
import joblib
import pandas as pd

model = joblib.load("models/retention.joblib")
dump = pd.read_csv("features_today.csv")
X = dump.select_dtypes("number").to_numpy()  # expect: mismatch/column-order
dump["retention_prob"] = model.predict_proba(X)[:, 1]
dump[["user_id", "retention_prob"]].to_csv("retention_today.csv", index=False)
