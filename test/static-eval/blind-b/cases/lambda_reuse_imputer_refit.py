# AWS Lambda handler: score sensor payloads for anomaly probability.
import json
import os

import boto3
import joblib
import pandas as pd

s3 = boto3.client("s3")
BUCKET = os.environ.get("MODEL_BUCKET", "ml-models-prod")


def _load(key):
    local = f"/tmp/{os.path.basename(key)}"
    if not os.path.exists(local):
        s3.download_file(BUCKET, key, local)
    return joblib.load(local)


imputer = _load("anomaly/v3/imputer.joblib")
detector = _load("anomaly/v3/iforest.joblib")
COLS = ["vibration", "temp", "pressure", "rpm", "current"]


def handler(event, context):
    records = json.loads(event["body"])["readings"]
    df = pd.DataFrame.from_records(records, columns=COLS)
    imputer.fit(df)  # expect: mismatch/refit-at-inference
    filled = pd.DataFrame(imputer.transform(df), columns=COLS)
    scores = -detector.score_samples(filled)
    return {"statusCode": 200, "body": json.dumps({"anomaly": scores.tolist()})}
