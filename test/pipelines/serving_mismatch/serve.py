"""Serve, written against a batch export that changed under it: one-hot with get_dummies (the batch has an
unseen city, so one column more), numpy, then the first six columns by position for the six-feature model;
the batch's columns are reordered and income is in thousands; and the scaler is refitted on the batch."""
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler

batch = pd.read_csv("batch.csv")
X = pd.get_dummies(batch.drop(columns=["customer_id"]), columns=["city"], dtype=int).to_numpy(dtype=float)
X = X[:, :6]
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
model = joblib.load("model.joblib")
pred = model.predict(X_scaled)
