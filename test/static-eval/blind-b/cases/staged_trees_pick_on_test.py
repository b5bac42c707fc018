# Gradient boosting for house prices: choose the number of trees from the staged test error.
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

X, y = fetch_california_housing(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

gbr = GradientBoostingRegressor(n_estimators=1000, learning_rate=0.05, max_depth=4, subsample=0.8, random_state=0)
gbr.fit(X_train, y_train)

test_mse = [mean_squared_error(y_test, p) for p in gbr.staged_predict(X_test)]  # expect: leakage/multi-test
n_best = int(np.argmin(test_mse)) + 1
print("best number of trees:", n_best)

final = GradientBoostingRegressor(n_estimators=n_best, learning_rate=0.05, max_depth=4, subsample=0.8, random_state=0)
final.fit(X_train, y_train)
print("test RMSE:", np.sqrt(mean_squared_error(y_test, final.predict(X_test))))  # expect: leakage/multi-test
