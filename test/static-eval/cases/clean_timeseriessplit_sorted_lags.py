# Electricity load: lag features + forward-chaining CV
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.linear_model import RidgeCV

load = pd.read_csv("hourly_load.csv", parse_dates=["datetime"]).sort_values("datetime")
for lag in (1, 24, 168):
    load[f"lag_{lag}"] = load["load_mw"].shift(lag)
load["hour"] = load["datetime"].dt.hour
load["dow"] = load["datetime"].dt.dayofweek
load = load.dropna()

X = load[["lag_1", "lag_24", "lag_168", "hour", "dow", "temp_c"]]
y = load["load_mw"]
tscv = TimeSeriesSplit(n_splits=6, test_size=24 * 14)
scores = cross_val_score(RidgeCV(alphas=[0.1, 1, 10]), X, y, cv=tscv, scoring="neg_mean_absolute_error")
print("MAE by fold:", (-scores).round(1))
