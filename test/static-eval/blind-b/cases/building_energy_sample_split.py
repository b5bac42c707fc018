# Hourly building energy use from weather: 80/20 split with DataFrame.sample
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

meter = pd.read_csv("meter_hourly.csv")
meter["timestamp"] = pd.to_datetime(meter["timestamp"])
meter = meter.sort_values("timestamp")
meter["hour"] = meter["timestamp"].dt.hour
meter["weekday"] = meter["timestamp"].dt.weekday
meter["temp_prev3h"] = meter["air_temp"].rolling(3, min_periods=1).mean()

features = ["air_temp", "temp_prev3h", "dew_temp", "cloud_cover", "hour", "weekday"]

train = meter.sample(frac=0.8, random_state=0)  # expect: leakage/temporal
test = meter.drop(train.index)

hgb = HistGradientBoostingRegressor(max_iter=300)
hgb.fit(train[features], train["kwh"])
print("MAE kWh:", mean_absolute_error(test["kwh"], hgb.predict(test[features])))
