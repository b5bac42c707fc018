"""Serve done right: training's columns in training's order, the training scaler and model loaded from disk."""
import joblib
import pandas as pd

FEATURES = ["age", "income", "tenure_months", "city"]

batch = pd.read_csv("batch_ok.csv")
X = pd.get_dummies(batch[FEATURES], columns=["city"], dtype=int).to_numpy(dtype=float)
scaler = joblib.load("scaler.joblib")
X_scaled = scaler.transform(X)
model = joblib.load("model.joblib")
pred = model.predict(X_scaled)
