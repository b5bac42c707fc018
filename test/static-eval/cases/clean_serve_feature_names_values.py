"""Batch scorer: columns are put in the order the model was trained with before .values."""
import joblib
import pandas as pd

model = joblib.load("models/price_model.joblib")
train_columns = list(model.feature_names_in_)

listings = pd.read_csv("incoming/listings.csv")
listings = listings.fillna({"bathrooms": 1, "reviews_per_month": 0})

X = listings[train_columns].values
listings["predicted_price"] = model.predict(X)
listings[["listing_id", "predicted_price"]].to_csv("outgoing/prices.csv", index=False)
