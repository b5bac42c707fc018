"""Store-level aggregates computed on the training rows and joined onto both splits."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

orders = pd.read_csv("orders.csv")
train_df, test_df = train_test_split(orders, test_size=0.2, random_state=0)

store_stats = train_df.groupby("store_id").agg(store_mean_basket=("basket_value", "mean"), store_orders=("order_id", "count"))
train_df = train_df.join(store_stats, on="store_id")
test_df = test_df.join(store_stats, on="store_id")
test_df = test_df.fillna({"store_mean_basket": train_df["basket_value"].mean(), "store_orders": 0})

cols = ["store_mean_basket", "store_orders", "n_items", "distance_km"]
model = RandomForestRegressor(n_estimators=200, random_state=0).fit(train_df[cols], train_df["delivery_minutes"])
print("MAE:", mean_absolute_error(test_df["delivery_minutes"], model.predict(test_df[cols])))
