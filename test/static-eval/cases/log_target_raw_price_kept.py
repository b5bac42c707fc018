"""Used-car prices: model the log price."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

cars = pd.read_csv("vehicles_numeric.csv")
cars = cars[(cars["price"] > 500) & (cars["price"] < 200000)]
cars["log_price"] = np.log(cars["price"])

X = cars.drop(columns=["id", "log_price"])  # expect: leakage/target
y = cars["log_price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4).fit(X_train, y_train)
print("RMSE (log):", mean_squared_error(y_test, gbr.predict(X_test)) ** 0.5)
