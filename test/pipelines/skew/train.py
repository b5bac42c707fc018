"""Train a churn model on train.csv; saves model.pkl for serve.py."""
import pickle

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

NUMERIC = ["age", "tenure_months", "monthly_charges", "income", "total_charges", "support_calls"]

df = pd.read_csv("train.csv")
X = pd.concat([df[NUMERIC], pd.get_dummies(df["contract"], prefix="contract", dtype=bool)], axis=1)
model = HistGradientBoostingClassifier(max_iter=30, random_state=0)
model.fit(X, df["churned"])
with open("model.pkl", "wb") as f:
    pickle.dump(model, f)
