"""Synthetic demand series with a daily DatetimeIndex; quick regression baseline."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

idx = pd.date_range("2019-01-01", periods=1500, freq="D")
rng = np.random.default_rng(0)
demand = pd.DataFrame({"price": rng.normal(10, 1, len(idx)), "promo": rng.integers(0, 2, len(idx))}, index=idx)
demand["units"] = 100 - 3 * demand["price"] + 15 * demand["promo"] + 10 * np.sin(np.arange(len(idx)) / 58) + rng.normal(0, 2, len(idx))
demand["units_next_week"] = demand["units"].shift(-7)
demand = demand.dropna()

X_tr, X_te, y_tr, y_te = train_test_split(demand[["price", "promo", "units"]], demand["units_next_week"], test_size=0.2, random_state=1)  # expect: leakage/temporal
print("MAE", mean_absolute_error(y_te, GradientBoostingRegressor().fit(X_tr, y_tr).predict(X_te)))
