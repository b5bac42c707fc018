"""Winsorise the heavy-tailed columns at the 1st/99th percentile, then fit."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import HuberRegressor
from sklearn.metrics import mean_absolute_error

taxi = pd.read_csv("taxi_trips_numeric.csv")
for c in ["trip_distance", "fare_amount", "tip_amount"]:
    taxi[c] = taxi[c].clip(taxi[c].quantile(0.01), taxi[c].quantile(0.99))  # expect: leakage/preprocessing

X = taxi[["trip_distance", "fare_amount", "passenger_count"]]
y = taxi["tip_amount"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
huber = HuberRegressor().fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, huber.predict(X_test)))
