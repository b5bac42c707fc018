"""Predict machine temperature 10 minutes ahead from the current sensor readings."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error

readings = pd.read_csv("machine_sensors.csv", parse_dates=["ts"]).sort_values("ts")
readings["temp_in_10min"] = readings["temperature"].shift(-10)
readings = readings.dropna()

cols = ["temperature", "vibration", "pressure", "rpm"]
X_tr, X_te, y_tr, y_te = train_test_split(readings[cols], readings["temp_in_10min"], test_size=0.3, shuffle=True)  # expect: leakage/temporal

ridge = Ridge(alpha=0.5).fit(X_tr, y_tr)
print("RMSE", mean_squared_error(y_te, ridge.predict(X_te)) ** 0.5)
