# Lambda handler that scores a JSON batch with the saved model.
import json
import pickle

import numpy as np
import pandas as pd

with open("/opt/model/fraud_xgb.pkl", "rb") as fh:
    MODEL = pickle.load(fh)


def handler(event, context):
    body = json.loads(event["body"])
    frame = pd.json_normalize(body["transactions"])
    X = np.asarray(frame, dtype=np.float32)  # expect: mismatch/column-order
    probs = MODEL.predict_proba(X)[:, 1]
    return {"statusCode": 200, "body": json.dumps({"fraud_probability": probs.tolist()})}
