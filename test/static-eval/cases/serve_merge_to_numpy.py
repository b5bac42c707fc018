"""Daily propensity scoring: join profile and activity tables, then score."""
import joblib
import pandas as pd

model = joblib.load("propensity_lgbm.joblib")

profiles = pd.read_csv("exports/profiles.csv")
activity = pd.read_csv("exports/activity_30d.csv")
features = profiles.merge(activity, on="user_id", how="left").fillna(0)
user_ids = features.pop("user_id")

propensity = model.predict_proba(features.to_numpy())[:, 1]  # expect: mismatch/column-order
pd.DataFrame({"user_id": user_ids, "propensity": propensity}).to_csv("scores.csv", index=False)
