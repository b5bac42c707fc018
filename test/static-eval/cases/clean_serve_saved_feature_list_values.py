"""Cron job: score new leads with the saved model, columns ordered as at training time."""
import json
import pickle
import pandas as pd

with open("artifacts/lead_model.pkl", "rb") as fh:
    model = pickle.load(fh)
with open("artifacts/feature_order.json") as fh:
    feature_order = json.load(fh)

leads = pd.read_csv("exports/new_leads.csv")
leads = leads.fillna({"pages_viewed": 0, "emails_opened": 0})
matrix = leads[feature_order].values
leads["conversion_p"] = model.predict_proba(matrix)[:, 1]
leads = leads.sort_values("conversion_p", ascending=False)
leads[["lead_id", "conversion_p"]].to_csv("exports/scored_leads.csv", index=False)
print(leads.head(10)[["lead_id", "conversion_p"]])
print("scored", len(leads), "leads")
