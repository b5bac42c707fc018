"""Scoring with columns ordered as the model saw them in training."""
import joblib
import pandas as pd

model = joblib.load("ltv_model.joblib")
extract = pd.read_csv("crm_extract.csv")
cols = list(model.feature_names_in_)
ltv = model.predict(extract[cols].to_numpy())
extract.assign(predicted_ltv=ltv)[["customer_id", "predicted_ltv"]].to_csv("ltv_scores.csv", index=False)
