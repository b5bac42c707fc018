"""Ames housing: gradient boosting on log price with a few engineered columns."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import r2_score

ames = pd.read_csv("ames.csv")
ames["total_sf"] = ames["TotalBsmtSF"] + ames["1stFlrSF"] + ames["2ndFlrSF"]
ames["bath_total"] = ames["FullBath"] + 0.5 * ames["HalfBath"]
ames["luxury"] = (ames["SalePrice"] > 350000).astype(int)  # expect: leakage/target
ames["has_pool"] = (ames["PoolArea"] > 0).astype(int)

use = ["total_sf", "bath_total", "OverallQual", "GarageCars", "luxury", "has_pool"]
X_train, X_test, y_train, y_test = train_test_split(ames[use], np.log(ames["SalePrice"]), test_size=0.2, random_state=8)
gbr = GradientBoostingRegressor(n_estimators=700, learning_rate=0.03, max_depth=3).fit(X_train, y_train)
print("R^2 on test:", r2_score(y_test, gbr.predict(X_test)))
