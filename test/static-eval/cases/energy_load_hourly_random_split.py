# Hourly electricity load model with calendar and rolling-temperature features.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

load = pd.read_csv("pjm_hourly.csv")
load["Datetime"] = pd.to_datetime(load["Datetime"])
load = load.sort_values("Datetime").reset_index(drop=True)

load["hour"] = load["Datetime"].dt.hour
load["month"] = load["Datetime"].dt.month
load["temp_roll_24h"] = load["temperature"].rolling(24, min_periods=1).mean()

X = load[["hour", "month", "temperature", "temp_roll_24h"]]
y = load["load_mw"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: leakage/temporal

hgb = HistGradientBoostingRegressor(max_iter=400).fit(X_train, y_train)
print("MAE (MW):", mean_absolute_error(y_test, hgb.predict(X_test)))
