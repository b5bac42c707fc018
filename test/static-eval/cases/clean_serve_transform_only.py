"""Scoring service: every fitted object comes from the training run's artefacts."""
import json

import joblib
import pandas as pd

with open("artifacts/feature_list.json") as fh:
    FEATURES = json.load(fh)

scaler = joblib.load("artifacts/scaler.joblib")
imputer = joblib.load("artifacts/imputer.joblib")
model = joblib.load("artifacts/model.joblib")


def score(batch: pd.DataFrame) -> pd.Series:
    frame = batch.reindex(columns=FEATURES)
    filled = imputer.transform(frame)
    scaled = scaler.transform(filled)
    return pd.Series(model.predict_proba(scaled)[:, 1], index=batch.index, name="score")


if __name__ == "__main__":
    incoming = pd.read_csv("incoming/batch.csv")
    out = incoming[["request_id"]].copy()
    out["score"] = score(incoming)
    out.to_csv("outgoing/batch_scores.csv", index=False)
