"""Weekly propensity scoring, aligned: the training job wrote its feature order next to the model."""
import json
import pickle

import pandas as pd

with open("models/propensity_rf.pkl", "rb") as f:
    rf = pickle.load(f)
with open("models/propensity_features.json") as f:
    feature_order = json.load(f)

extract = pd.read_parquet("exports/customers_week.parquet")
missing = set(feature_order) - set(extract.columns)
if missing:
    raise SystemExit(f"extract lacks columns: {sorted(missing)}")

matrix = extract[feature_order].to_numpy()
proba = rf.predict_proba(matrix)[:, 1]

out = pd.DataFrame({"customer_id": extract["customer_id"], "propensity": proba})
out.to_csv("exports/propensity_week.csv", index=False)
print(out["propensity"].describe())
