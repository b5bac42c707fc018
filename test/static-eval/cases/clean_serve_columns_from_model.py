# Offline scoring; columns are reordered to the model's training order first.
import joblib
import pandas as pd

gbm = joblib.load("models/claims_gbm.joblib")
claims = pd.read_csv("claims_today.csv")
claims = claims[gbm.feature_names_in_]
claims_scores = gbm.predict_proba(claims.to_numpy())[:, 1]
pd.Series(claims_scores, name="fraud_score").to_csv("claims_today_scores.csv", index=False)
