"""Churn scoring: today's batch of customers -> churn probabilities, using the model saved by train.py.

    python churn/serve.py                                        (from examples/, after train.py)
    python -m skewer record --phase serve churn/serve.py         (recorded)
"""
import pickle
from pathlib import Path

import pandas as pd
from sklearn.preprocessing import StandardScaler

DATA = Path(__file__).resolve().parent.parent / "data"

with open(DATA / "churn_model.pkl", "rb") as f:
    artifacts = pickle.load(f)
model, encoder = artifacts["model"], artifacts["encoder"]
NUMERIC, CATEGORICAL = artifacts["numeric"], artifacts["categorical"]

batch = pd.read_csv(DATA / "serve_batch.csv")
usage = pd.read_csv(DATA / "usage.csv")

per_customer = usage.groupby("customer_id").agg(
    minutes_avg=("minutes", "mean"), data_gb_avg=("data_gb", "mean"), months_active=("month", "count"))
batch = batch.merge(per_customer, on="customer_id", how="left")
batch["total_charges"] = batch["total_charges"].fillna(batch["monthly_charges"] * batch["tenure_months"])
batch["retention_offer_made"] = 0

scaler = StandardScaler().set_output(transform="pandas")
numbers = scaler.fit_transform(batch[NUMERIC])  # BUG(mismatch/refit-at-inference): the scaler is refitted on the serving batch instead of reusing the one fitted in training
categories = encoder.transform(batch[CATEGORICAL])
features = pd.concat([numbers, categories], axis=1)
X = features[sorted(features.columns)].to_numpy()  # BUG(mismatch/column-order): columns are sorted alphabetically here, but the model was trained on numeric-then-one-hot order; a bare array carries no names to check

proba = model.predict_proba(X)[:, 1]
scores = batch[["customer_id"]].assign(churn_probability=proba.round(6))
scores.to_csv(DATA / "churn_scores.csv", index=False)
print(f"scored {len(scores)} customers; mean churn probability {proba.mean():.4f}")
