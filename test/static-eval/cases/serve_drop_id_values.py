"""Score a customer extract: drop the id column and feed the rest to the model."""
import joblib
import pandas as pd

model = joblib.load("ltv_model.joblib")
extract = pd.read_csv("crm_extract.csv")
ltv = model.predict(extract.drop(columns=["customer_id"]).values)  # expect: mismatch/column-order
extract.assign(predicted_ltv=ltv)[["customer_id", "predicted_ltv"]].to_csv("ltv_scores.csv", index=False)
