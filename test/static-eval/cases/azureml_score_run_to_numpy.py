"""score.py for the Azure ML managed endpoint (churn model)."""
import json
import os
import joblib
import pandas as pd

model = None


def init():
    global model
    path = os.path.join(os.getenv("AZUREML_MODEL_DIR", "."), "model", "churn_lgbm.pkl")
    model = joblib.load(path)


def run(raw_data):
    payload = json.loads(raw_data)
    frame = pd.DataFrame(payload["data"])
    frame = frame.fillna(0)
    proba = model.predict_proba(frame.to_numpy())[:, 1]  # expect: mismatch/column-order
    return {"churn_probability": proba.tolist()}
