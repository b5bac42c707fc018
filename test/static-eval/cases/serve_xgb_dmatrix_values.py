"""Batch inference with a raw XGBoost booster."""
import pandas as pd
import xgboost as xgb

booster = xgb.Booster()
booster.load_model("ctr_model.json")

requests = pd.read_csv("requests_batch.csv")
request_ids = requests.pop("request_id")
ctr = booster.predict(xgb.DMatrix(requests.values))  # expect: mismatch/column-order
pd.DataFrame({"request_id": request_ids, "ctr": ctr}).to_csv("ctr_predictions.csv", index=False)
