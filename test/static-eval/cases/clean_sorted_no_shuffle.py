"""Hourly air-quality model: chronological hold-out (last 20% of hours)."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Lasso
from sklearn.metrics import mean_absolute_error

aq = pd.read_csv("air_quality.csv", parse_dates=["datetime"]).sort_values("datetime")
aq["hour"] = aq["datetime"].dt.hour
X = aq[["hour", "temp", "humidity", "wind", "no2"]]
y = aq["pm25"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)

scaler = StandardScaler().fit(X_train)
lasso = Lasso(alpha=0.05).fit(scaler.transform(X_train), y_train)
print("MAE", mean_absolute_error(y_test, lasso.predict(scaler.transform(X_test))))
