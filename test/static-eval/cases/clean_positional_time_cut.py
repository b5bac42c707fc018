"""Electricity price model; the last 20% of the (time-ordered) rows are the test period."""
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

prices = pd.read_csv("spot_prices.csv", parse_dates=["hour"]).sort_values("hour").reset_index(drop=True)
prices["load_lag_24"] = prices["load_forecast"].shift(24)
prices = prices.dropna()

cut = int(len(prices) * 0.8)
train, test = prices.iloc[:cut], prices.iloc[cut:]
cols = ["load_forecast", "load_lag_24", "wind_forecast", "solar_forecast"]

gbr = GradientBoostingRegressor(random_state=0).fit(train[cols], train["price"])
print("MAE (test period):", mean_absolute_error(test["price"], gbr.predict(test[cols])))
