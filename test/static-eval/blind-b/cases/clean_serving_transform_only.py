# Risk scoring microservice: reuse the scaler fitted during training.
from typing import List

import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
bundle = joblib.load("/models/risk_bundle.joblib")
scaler, model, FEATURES = bundle["scaler"], bundle["model"], bundle["features"]


class Applicant(BaseModel):
    age: float
    income: float
    debt_ratio: float
    open_lines: int
    late_90d: int


@app.post("/score")
def score(applicants: List[Applicant]):
    frame = pd.DataFrame([a.dict() for a in applicants])[FEATURES]
    probs = model.predict_proba(scaler.transform(frame))[:, 1]
    return {"scores": probs.round(4).tolist()}
