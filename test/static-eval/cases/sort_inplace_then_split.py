"""Hourly parking occupancy model."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

park = pd.read_csv("parking.csv")
park["ts"] = pd.to_datetime(park["ts"])
park.sort_values("ts", inplace=True)
park["arrivals_prev_hour"] = park.groupby("lot_id")["arrivals"].shift(1)
park = park.dropna()

X = park[["lot_id", "arrivals_prev_hour", "capacity"]]
y = park["occupancy"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)  # expect: leakage/temporal
rf = RandomForestRegressor(n_estimators=200).fit(X_train, y_train)
print("MAE", mean_absolute_error(y_test, rf.predict(X_test)))
