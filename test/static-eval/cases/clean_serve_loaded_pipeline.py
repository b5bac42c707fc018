"""serve.py: the whole preprocessing + model pipeline is loaded from training."""
import joblib
import pandas as pd
from flask import Flask, jsonify, request

app = Flask(__name__)
pipeline = joblib.load("artifacts/full_pipeline.joblib")


@app.route("/predict", methods=["POST"])
def predict():
    frame = pd.DataFrame(request.get_json()["rows"])
    return jsonify(pipeline.predict_proba(frame)[:, 1].tolist())
