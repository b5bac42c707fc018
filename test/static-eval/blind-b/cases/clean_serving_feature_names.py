"""Flask quote service, aligned version: columns are put in the order the model was trained with."""
import joblib
import pandas as pd
from flask import Flask, request, jsonify

app = Flask(__name__)
model = joblib.load("car_price_gbr.joblib")
TRAIN_COLUMNS = list(model.feature_names_in_)


@app.route("/quote", methods=["POST"])
def quote():
    cars = pd.DataFrame(request.get_json(force=True)["cars"])
    cars["age"] = 2026 - cars.pop("year")
    cars["km_per_year"] = cars["km"] / cars["age"].clip(lower=1)
    X = cars.reindex(columns=TRAIN_COLUMNS, fill_value=0)
    prices = model.predict(X.to_numpy())
    return jsonify({"prices": [round(float(p), -1) for p in prices]})


if __name__ == "__main__":
    app.run(port=8080)
