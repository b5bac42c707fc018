"""Daily taxi pickups per borough: regress tomorrow's count on calendar + weather."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error

daily = pd.read_csv("pickups_daily.csv", parse_dates=["date"])
daily = daily.sort_values(["borough", "date"]).reset_index(drop=True)
daily["dow"] = daily["date"].dt.dayofweek
daily["month"] = daily["date"].dt.month
daily["pickups_lag7"] = daily.groupby("borough")["pickups"].shift(7)
daily["tomorrow"] = daily.groupby("borough")["pickups"].shift(-1)
daily = daily.dropna()
daily = pd.get_dummies(daily, columns=["borough"])

feature_cols = [c for c in daily.columns if c not in ("date", "tomorrow")]
train_rows, test_rows = train_test_split(daily, test_size=0.2, shuffle=True, random_state=2)  # expect: leakage/temporal

gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4, learning_rate=0.05, random_state=2)
gbr.fit(train_rows[feature_cols], train_rows["tomorrow"])
print("MAPE:", mean_absolute_percentage_error(test_rows["tomorrow"], gbr.predict(test_rows[feature_cols])))
