# nightly job: score yesterday's trips with the saved xgboost fare model
import json
import sys
import pandas as pd
import xgboost as xgb
from sklearn.preprocessing import LabelEncoder

booster = xgb.Booster()
booster.load_model("artifacts/fare_model.json")

trips = pd.read_parquet(sys.argv[1])
trips["pickup_zone"] = LabelEncoder().fit_transform(trips["pickup_zone"])  # expect: mismatch/refit-at-inference
with open("artifacts/dropoff_zone_codes.json") as fh:
    zone_codes = json.load(fh)
trips["dropoff_zone"] = trips["dropoff_zone"].map(zone_codes).fillna(-1)

feature_names = booster.feature_names
dmat = xgb.DMatrix(trips[feature_names], feature_names=feature_names)
trips["predicted_fare"] = booster.predict(dmat)
trips[["trip_id", "predicted_fare"]].to_parquet(sys.argv[2], index=False)
print(f"scored {len(trips)} trips")
