# FastAPI service for the car-price model.
from typing import List

import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel
from sklearn.preprocessing import OneHotEncoder

app = FastAPI()
regressor = joblib.load("car_price_ridge.joblib")
CATS = ["make", "fuel", "transmission"]
NUMS = ["year", "km_driven", "engine_cc"]


class Car(BaseModel):
    make: str
    fuel: str
    transmission: str
    year: int
    km_driven: float
    engine_cc: float


@app.post("/price")
def price(cars: List[Car]):
    df = pd.DataFrame([c.dict() for c in cars])
    enc = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    cat_part = enc.fit_transform(df[CATS])  # expect: mismatch/refit-at-inference
    X = pd.concat([df[NUMS].reset_index(drop=True), pd.DataFrame(cat_part)], axis=1)
    return {"prices": regressor.predict(X).tolist()}
