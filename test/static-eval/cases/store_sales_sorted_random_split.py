"""Daily store sales model with lagged footfall features."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_percentage_error

sales = pd.read_csv("store_sales.csv", parse_dates=["date"])
sales = sales.sort_values(["store", "date"])

grp = sales.groupby("store")["transactions"]
sales["transactions_lag_1"] = grp.shift(1)
sales["transactions_lag_7"] = grp.shift(7)
sales["dow"] = sales["date"].dt.dayofweek
sales = sales.dropna()

feat = ["store", "transactions_lag_1", "transactions_lag_7", "dow", "promo"]
X_train, X_test, y_train, y_test = train_test_split(sales[feat], sales["sales"], test_size=0.2, random_state=0)  # expect: leakage/temporal

forest = RandomForestRegressor(n_estimators=300, min_samples_leaf=3, n_jobs=-1)
forest.fit(X_train, y_train)
print("MAPE:", mean_absolute_percentage_error(y_test, forest.predict(X_test)))
