# Daily store sales: walk-forward CV for tuning, final check on the last 8 weeks.
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.metrics import mean_absolute_error

sales = pd.read_csv("store_daily_single.csv", parse_dates=["date"]).sort_values("date").reset_index(drop=True)
sales["footfall_lag1"] = sales["footfall"].shift(1)
sales["footfall_roll7"] = sales["footfall"].shift(1).rolling(7).mean()
sales["dow"] = sales["date"].dt.dayofweek
sales["units_next_day"] = sales["units"].shift(-1)
sales = sales.dropna()

cols = ["promo", "footfall_lag1", "footfall_roll7", "dow"]
cutoff = sales["date"].max() - pd.Timedelta(weeks=8)
past, recent = sales[sales["date"] <= cutoff], sales[sales["date"] > cutoff]

rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=10, random_state=0)
cv_mae = -cross_val_score(rf, past[cols], past["units_next_day"], cv=TimeSeriesSplit(n_splits=5),
                          scoring="neg_mean_absolute_error")
print("walk-forward MAE:", cv_mae.mean())

rf.fit(past[cols], past["units_next_day"])
print("last 8 weeks MAE:", mean_absolute_error(recent["units_next_day"], rf.predict(recent[cols])))
