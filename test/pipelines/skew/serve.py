"""Score batch.csv with the model train.py saved."""
import pickle

import pandas as pd

NUMERIC = ["age", "tenure_months", "monthly_charges", "income", "total_charges", "support_calls"]

with open("model.pkl", "rb") as f:
    model = pickle.load(f)
batch = pd.read_csv("batch.csv")
X = pd.concat([batch[NUMERIC], pd.get_dummies(batch["contract"], prefix="contract", dtype=bool)], axis=1)
scores = batch[["customer_id"]].assign(churn=model.predict_proba(X)[:, 1].round(6))
print(f"scored {len(scores)} customers")
