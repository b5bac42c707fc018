"""Kafka consumer that scores payment events in micro-batches with the deployed fraud model."""
import json

import numpy as np
import pandas as pd
import xgboost as xgb
from kafka import KafkaConsumer

booster = xgb.XGBClassifier()
booster.load_model("fraud_xgb.json")

consumer = KafkaConsumer("payments", bootstrap_servers="kafka:9092", group_id="fraud-scorer",
                         value_deserializer=lambda b: json.loads(b.decode("utf-8")))

buffer = []
for msg in consumer:
    buffer.append(msg.value)
    if len(buffer) < 200:
        continue
    events = pd.json_normalize(buffer)
    ids = events.pop("payment_id")
    feats = np.asarray(events, dtype=np.float32)  # expect: mismatch/column-order
    risk = booster.predict_proba(feats)[:, 1]
    for pid, r in zip(ids, risk):
        if r > 0.9:
            print("ALERT", pid, round(float(r), 3))
    buffer.clear()
