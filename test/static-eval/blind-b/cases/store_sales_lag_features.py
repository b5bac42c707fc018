"""Daily store sales forecaster (next-day units) - random forest on lag features."""
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

sales = pd.read_csv("store_daily.csv", parse_dates=["date"])
sales = sales.sort_values(["store", "date"]).reset_index(drop=True)

g = sales.groupby("store")
sales["promo_lag1"] = g["promo"].shift(1)
sales["traffic_lag1"] = g["footfall"].shift(1)
sales["traffic_roll7"] = g["footfall"].transform(lambda s: s.shift(1).rolling(7).mean())
sales["dow"] = sales["date"].dt.dayofweek
sales["month"] = sales["date"].dt.month
sales["units_next_day"] = g["units"].shift(-1)
sales = sales.dropna()

cols = ["promo", "promo_lag1", "traffic_lag1", "traffic_roll7", "dow", "month", "store"]
X_train, X_test, y_train, y_test = train_test_split(sales[cols], sales["units_next_day"], test_size=0.2)  # expect: leakage/temporal

rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=10, n_jobs=-1, random_state=0)
rf.fit(X_train, y_train)
print("MAPE:", mean_absolute_percentage_error(y_test, rf.predict(X_test)))
