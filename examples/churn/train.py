"""Churn model training: customer records + monthly usage -> churn classifier.

    python churn/train.py                                        (from examples/)
    python -m skewer record --phase train churn/train.py         (recorded)
"""
import pickle
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = Path(__file__).resolve().parent.parent / "data"
NUMERIC = ["age", "tenure_months", "monthly_charges", "total_charges", "support_calls",
           "minutes_avg", "data_gb_avg", "months_active", "retention_offer_made"]
CATEGORICAL = ["contract", "payment_method", "region"]

customers = pd.read_csv(DATA / "customers.csv")
usage = pd.read_csv(DATA / "usage.csv")

per_customer = usage.groupby("customer_id").agg(
    minutes_avg=("minutes", "mean"), data_gb_avg=("data_gb", "mean"), months_active=("month", "count"))
df = customers.merge(per_customer, on="customer_id", how="left")
df = df.drop_duplicates(subset="customer_id")
df["total_charges"] = df["total_charges"].fillna(df["monthly_charges"] * df["tenure_months"])
df = df[df["age"] >= 21]
df["retention_offer_made"] = df["churned"] * (df["support_calls"] > 1)  # BUG(leakage/target): the retention team only makes offers after a customer asks to cancel, so this feature encodes the label

encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False).set_output(transform="pandas")
categories = encoder.fit_transform(df[CATEGORICAL])
scaler = StandardScaler().set_output(transform="pandas")
numbers = scaler.fit_transform(df[NUMERIC])  # BUG(leakage/preprocessing): mean and std are learned from every row, including the rows that become the test set below
X = pd.concat([numbers, categories], axis=1)
y = df["churned"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42, stratify=y)

candidates = {
    "logreg": LogisticRegression(max_iter=1000),
    "forest": RandomForestClassifier(n_estimators=60, max_depth=6, random_state=0),
}
scores = {}
for name, model in candidates.items():
    model.fit(X_train, y_train)
    scores[name] = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])  # BUG(leakage/multi-test): the test set picks the winner, so the reported AUC is no longer an unbiased estimate
best = max(scores, key=scores.get)
print(f"test AUC: {', '.join(f'{k}={v:.4f}' for k, v in scores.items())}; keeping {best}")

with open(DATA / "churn_model.pkl", "wb") as f:
    pickle.dump({"model": candidates[best], "scaler": scaler, "encoder": encoder,
                 "numeric": NUMERIC, "categorical": CATEGORICAL}, f)
