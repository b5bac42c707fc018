# Demand forecasting: respect time order with TimeSeriesSplit.
import numpy as np
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge

demand = pd.read_csv("demand_daily.csv", parse_dates=["day"]).sort_values("day")
demand["dow"] = demand["day"].dt.dayofweek
demand["price_lag_7"] = demand["price"].shift(7)
demand = demand.dropna()

X = demand[["dow", "price", "price_lag_7", "promo"]]
y = demand["units"]
tscv = TimeSeriesSplit(n_splits=5)
scores = cross_val_score(make_pipeline(StandardScaler(), Ridge()), X, y, cv=tscv, scoring="neg_mean_absolute_error")
print("MAE per fold:", np.round(-scores, 1))
