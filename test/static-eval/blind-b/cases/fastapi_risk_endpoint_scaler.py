"""Risk scoring microservice (FastAPI). The model is trained offline by train_risk.py."""
from typing import List

import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel
from sklearn.preprocessing import StandardScaler

app = FastAPI(title="risk-scorer")
MODEL = joblib.load("/models/risk_logreg.joblib")
FEATURES = ["age", "income", "debt_ratio", "open_lines", "late_90d"]


class Applicant(BaseModel):
    age: float
    income: float
    debt_ratio: float
    open_lines: int
    late_90d: int


@app.post("/score")
def score(applicants: List[Applicant]):
    frame = pd.DataFrame([a.dict() for a in applicants])[FEATURES]
    scaled = StandardScaler().fit_transform(frame)  # expect: mismatch/refit-at-inference
    probs = MODEL.predict_proba(scaled)[:, 1]
    return {"scores": [round(float(p), 4) for p in probs]}


@app.get("/health")
def health():
    return {"ok": True}
