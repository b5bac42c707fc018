"""Nightly scoring job: score yesterday's applications with the trained model."""
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler

FEATURES = ["income", "loan_amount", "term_months", "credit_score", "debt_to_income"]

model = joblib.load("artifacts/credit_model.joblib")

apps = pd.read_csv("incoming/applications_2024-05-01.csv")
apps = apps.dropna(subset=FEATURES)

scaler = StandardScaler()
X_new = scaler.fit_transform(apps[FEATURES])  # expect: mismatch/refit-at-inference

apps["pd_score"] = model.predict_proba(X_new)[:, 1]
apps[["application_id", "pd_score"]].to_csv("outgoing/scores_2024-05-01.csv", index=False)
print(f"scored {len(apps)} applications")
