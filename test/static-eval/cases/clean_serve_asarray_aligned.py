# Scoring job: the feature order is stored next to the model at training time.
import json

import joblib
import numpy as np
import pandas as pd

model = joblib.load("artifacts/risk_model.joblib")
with open("artifacts/feature_order.json") as fh:
    feature_order = json.load(fh)

batch = pd.read_csv("incoming/accounts.csv")
X = np.asarray(batch[feature_order], dtype=float)
batch["risk"] = model.predict_proba(X)[:, 1]
batch[["account_id", "risk"]].to_csv("outgoing/risk.csv", index=False)
