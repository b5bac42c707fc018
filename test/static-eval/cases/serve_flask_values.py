"""Minimal Flask endpoint that serves the house-price model."""
import joblib
import pandas as pd
from flask import Flask, jsonify, request

app = Flask(__name__)
model = joblib.load("model/price_gbr.joblib")


@app.route("/predict", methods=["POST"])
def predict():
    records = request.get_json(force=True)["instances"]
    frame = pd.DataFrame.from_records(records)
    frame = frame.fillna(0)
    prices = model.predict(frame.values)  # expect: mismatch/column-order
    return jsonify({"predictions": prices.tolist()})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
