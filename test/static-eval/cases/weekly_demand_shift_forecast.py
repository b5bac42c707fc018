"""Forecast next week's demand per warehouse from this week's signals."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

wk = pd.read_csv("warehouse_weekly.csv", parse_dates=["week_start"])
wk = wk.sort_values(["warehouse", "week_start"])
wk["demand_next_week"] = wk.groupby("warehouse")["demand"].shift(-1)
wk["orders_roll4"] = wk.groupby("warehouse")["orders"].transform(lambda s: s.rolling(4, min_periods=1).mean())
wk = wk.dropna(subset=["demand_next_week"])

cols = ["demand", "orders", "orders_roll4", "promo_flag", "backlog"]
X_tr, X_te, y_tr, y_te = train_test_split(wk[cols], wk["demand_next_week"], test_size=0.2, random_state=5)  # expect: leakage/temporal

rf = RandomForestRegressor(n_estimators=500, min_samples_leaf=2, random_state=5)
rf.fit(X_tr, y_tr)
print("MAE next-week demand:", mean_absolute_error(y_te, rf.predict(X_te)))
