"""FastAPI endpoint for the house-price model; columns aligned to what the model saw."""
import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
model = joblib.load("artifacts/price_gbr.joblib")
scaler = joblib.load("artifacts/price_scaler.joblib")
FEATURES = list(model.feature_names_in_)


class Listing(BaseModel):
    sqft: float
    beds: int
    baths: float
    lot_size: float
    year_renovated: int


@app.post("/predict")
def predict(items: list[Listing]):
    frame = pd.DataFrame([i.dict() for i in items])
    frame = frame.reindex(columns=FEATURES, fill_value=0)
    X = pd.DataFrame(scaler.transform(frame), columns=FEATURES)
    return {"price": model.predict(X).tolist()}
