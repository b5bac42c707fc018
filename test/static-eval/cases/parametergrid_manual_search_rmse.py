# Bike sharing demand: manual hyper-parameter search (GridSearchCV was too slow on the laptop)
import numpy as np
import pandas as pd
from sklearn.model_selection import ParameterGrid, train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

bikes = pd.read_csv("bike_day_features.csv")
X = bikes[["temp", "atemp", "hum", "windspeed", "season", "holiday", "workingday", "weathersit"]]
y = bikes["cnt"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

grid = ParameterGrid({"n_estimators": [200, 500], "max_depth": [2, 3, 4], "learning_rate": [0.03, 0.1]})
best_rmse, best_params = np.inf, None
for params in grid:
    gbr = GradientBoostingRegressor(random_state=0, **params)
    gbr.fit(X_train, y_train)
    rmse = np.sqrt(mean_squared_error(y_test, gbr.predict(X_test)))  # expect: leakage/multi-test
    if rmse < best_rmse:
        best_rmse, best_params = rmse, params

print(f"best test RMSE {best_rmse:.1f} with {best_params}")
