"""Drop exact duplicates and log-transform skewed columns, then split and model."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

listings = pd.read_csv("airbnb_listings_numeric.csv")
listings = listings.drop_duplicates().dropna(subset=["price"])
for col in ["number_of_reviews", "minimum_nights", "host_listings_count"]:
    listings[col] = np.log1p(listings[col])

X = listings.drop(columns=["listing_id", "price"])
y = np.log1p(listings["price"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=300, random_state=0).fit(X_train, y_train)
print("MAE (log price):", mean_absolute_error(y_test, rf.predict(X_test)))
