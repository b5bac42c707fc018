# Store item demand: keep the last 5000 rows of train.csv to check the model.
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

train = pd.read_csv("train.csv")
features = ["store", "item", "price", "on_promotion"]
check = train.tail(5000)  # expect: leakage/overlap

booster = lgb.LGBMRegressor(n_estimators=500, learning_rate=0.05)
booster.fit(train[features], train["sales"])
print("MAE on check rows:", mean_absolute_error(check["sales"], booster.predict(check[features])))
