"""Gradient boosting learning-rate scan, judged by hold-out MSE."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error

wine = pd.read_csv("winequality-white.csv", sep=";")
X_train, X_test, y_train, y_test = train_test_split(wine.drop(columns="quality"), wine["quality"], test_size=0.2, random_state=0)

mse = {}
for lr in np.arange(0.02, 0.32, 0.06):
    gbr = GradientBoostingRegressor(learning_rate=lr, n_estimators=300, random_state=0)
    gbr.fit(X_train, y_train)
    mse[round(lr, 2)] = mean_squared_error(y_test, gbr.predict(X_test))  # expect: leakage/multi-test
print(min(mse, key=mse.get), mse)
