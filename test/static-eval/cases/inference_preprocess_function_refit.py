# inference.py -- imported by the scoring DAG.
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler

MODEL = joblib.load("/models/credit_limit.joblib")


def preprocess(frame):
    return pd.DataFrame(StandardScaler().fit_transform(frame), columns=frame.columns)  # expect: mismatch/refit-at-inference


def run(path):
    frame = pd.read_csv(path)[["income", "age", "utilisation", "tenure"]]
    return MODEL.predict(preprocess(frame))
