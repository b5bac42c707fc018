"""Flask app that quotes a used-car price. Model: gradient boosting trained in notebooks/cars.ipynb."""
import joblib
import pandas as pd
from flask import Flask, request, jsonify

app = Flask(__name__)
model = joblib.load("car_price_gbr.joblib")


@app.route("/quote", methods=["POST"])
def quote():
    payload = request.get_json(force=True)
    cars = pd.DataFrame(payload["cars"])
    cars["age"] = 2026 - cars.pop("year")
    cars["km_per_year"] = cars["km"] / cars["age"].clip(lower=1)
    prices = model.predict(cars.values)  # expect: mismatch/column-order
    return jsonify({"prices": [round(float(p), -1) for p in prices]})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
