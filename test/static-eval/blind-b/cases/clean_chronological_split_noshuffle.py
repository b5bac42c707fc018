# Electricity price (next hour) with gradient boosting; the last 20% of hours are the test period.
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

prices = pd.read_csv("spot_prices_hourly.csv", parse_dates=["ts"]).sort_values("ts").set_index("ts")
prices["load_lag1"] = prices["load_mw"].shift(1)
prices["wind_lag1"] = prices["wind_mw"].shift(1)
prices["hour"] = prices.index.hour
prices["price_next"] = prices["price"].shift(-1)
prices = prices.dropna()

cols = ["load_mw", "wind_mw", "load_lag1", "wind_lag1", "hour"]
X_train, X_test, y_train, y_test = train_test_split(prices[cols], prices["price_next"], test_size=0.2, shuffle=False)
print("train until", X_train.index.max(), "| test from", X_test.index.min())

gbr = GradientBoostingRegressor(n_estimators=500, learning_rate=0.05, max_depth=3)
gbr.fit(X_train, y_train)
print("MAE EUR/MWh:", mean_absolute_error(y_test, gbr.predict(X_test)))
