"""app.py -- scoring endpoint for the insurance pricing model."""
import joblib
import pandas as pd
from flask import Flask, request, jsonify
from sklearn.preprocessing import KBinsDiscretizer

app = Flask(__name__)
pricing = joblib.load("pricing_glm.joblib")


def preprocess_request(payload):
    df = pd.DataFrame(payload["drivers"])
    bins = KBinsDiscretizer(n_bins=5, encode="ordinal", strategy="quantile")
    df[["age", "vehicle_value"]] = bins.fit_transform(df[["age", "vehicle_value"]])  # expect: mismatch/refit-at-inference
    return df[["age", "vehicle_value", "claims_5y", "urban"]]


@app.post("/quote")
def quote():
    features = preprocess_request(request.get_json())
    return jsonify(premiums=pricing.predict(features).tolist())
