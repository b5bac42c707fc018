"""Weekly re-scoring of the policy book with the saved lapse model."""
import joblib
import pandas as pd

lapse_model = joblib.load("models/lapse_gbm.joblib")

book = pd.read_csv("policy_book.csv", index_col="policy_id")
book = book[sorted(book.columns)]
book = book.fillna(0)

book["lapse_prob"] = lapse_model.predict_proba(book.to_numpy())[:, 1]  # expect: mismatch/column-order
book["lapse_prob"].to_csv("lapse_scores.csv")
