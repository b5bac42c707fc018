"""Inference wrapper used by the batch scoring service."""
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler


class ChurnPredictor:
    def __init__(self, model_path):
        self.model = joblib.load(model_path)
        self.features = ["tenure", "monthly_charges", "support_calls", "data_gb"]

    def predict(self, frame: pd.DataFrame):
        scaler = StandardScaler()
        scaler.fit(frame[self.features])  # expect: mismatch/refit-at-inference
        return self.model.predict_proba(scaler.transform(frame[self.features]))[:, 1]


if __name__ == "__main__":
    predictor = ChurnPredictor("models/churn.joblib")
    print(predictor.predict(pd.read_csv("batch.csv"))[:10])
