# Weekly propensity scoring: read the new extract, drop the key, predict.
import pickle
import pandas as pd

with open("models/propensity_rf.pkl", "rb") as f:
    rf = pickle.load(f)

extract = pd.read_parquet("exports/customers_week.parquet")
print(extract.columns.tolist())

keys = extract["customer_id"]
matrix = extract.drop(columns=["customer_id"]).to_numpy()  # expect: mismatch/column-order
proba = rf.predict_proba(matrix)[:, 1]

out = pd.DataFrame({"customer_id": keys, "propensity": proba})
out.sort_values("propensity", ascending=False).to_csv("exports/propensity_week.csv", index=False)
print(out.describe())
