"""SageMaker inference handlers for the loan-default model (script mode)."""
import io
import os
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler

NUMERIC = ["loan_amnt", "annual_inc", "dti", "revol_util", "int_rate", "installment"]


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "gbm.joblib"))


def input_fn(request_body, content_type="text/csv"):
    if content_type != "text/csv":
        raise ValueError(f"unsupported content type {content_type}")
    return pd.read_csv(io.StringIO(request_body))


def predict_fn(input_data, model):
    feats = input_data[NUMERIC].copy()
    feats[NUMERIC] = StandardScaler().fit_transform(feats[NUMERIC])  # expect: mismatch/refit-at-inference
    return model.predict_proba(feats)[:, 1]


def output_fn(prediction, accept="application/json"):
    return pd.Series(prediction, name="p_default").to_json(orient="values")
