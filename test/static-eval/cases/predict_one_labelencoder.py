# Real-time scoring helper imported by the web app.
import joblib
import pandas as pd
from sklearn.preprocessing import LabelEncoder

MODEL = joblib.load("models/delivery_delay_gbm.joblib")
COLUMNS = ["distance_km", "items", "hour", "city", "vehicle"]


def predict_one(order: dict) -> float:
    row = pd.DataFrame([order])[COLUMNS]
    for col in ("city", "vehicle"):
        row[col] = LabelEncoder().fit_transform(row[col])  # expect: mismatch/refit-at-inference
    return float(MODEL.predict(row)[0])


if __name__ == "__main__":
    print(predict_one({"distance_km": 4.2, "items": 3, "hour": 19, "city": "Leeds", "vehicle": "bike"}))
