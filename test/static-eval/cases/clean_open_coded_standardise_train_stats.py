# Standardise with the training mean and std (numpy only).
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_squared_error

housing = pd.read_csv("california_housing.csv")
X = housing.drop(columns="median_house_value").select_dtypes("number").to_numpy(dtype=float)
y = housing["median_house_value"].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
mu = np.nanmean(X_tr, axis=0)
sigma = np.nanstd(X_tr, axis=0)
X_tr = np.nan_to_num((X_tr - mu) / sigma)
X_te = np.nan_to_num((X_te - mu) / sigma)

sgd = SGDRegressor(max_iter=2000, random_state=0).fit(X_tr, y_tr)
print("RMSE", np.sqrt(mean_squared_error(y_te, sgd.predict(X_te))))
