"""Train: one-hot city with get_dummies, go through numpy, scale, fit a logistic regression; save the
scaler and the model with joblib (serve.py and serve_ok.py load them)."""
import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

FEATURES = ["age", "income", "tenure_months", "city"]

df = pd.read_csv("train.csv")
X = pd.get_dummies(df[FEATURES], columns=["city"], dtype=int).to_numpy(dtype=float)
y = df["churned"]
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
model = LogisticRegression(max_iter=500)
model.fit(X_scaled, y)
joblib.dump(scaler, "scaler.joblib")
joblib.dump(model, "model.joblib")
