"""Streaming scorer: keep the scaler 'fresh' with each incoming batch."""
import joblib
import pandas as pd

scaler = joblib.load("artifacts/scaler.joblib")
model = joblib.load("artifacts/model.joblib")
FEATURES = ["temp", "pressure", "flow", "vibration"]


def score_batch(batch: pd.DataFrame) -> pd.Series:
    scaler.partial_fit(batch[FEATURES])  # expect: mismatch/refit-at-inference
    return pd.Series(model.predict(scaler.transform(batch[FEATURES])), index=batch.index)


if __name__ == "__main__":
    for chunk in pd.read_csv("stream.csv", chunksize=10000):
        score_batch(chunk).to_csv("scores.csv", mode="a", header=False)
