# Ames housing -- engineered features help the linear model a lot.
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error

ames = pd.read_csv("ames.csv")
ames = ames[ames["GrLivArea"] < 4500]

ames["TotalSF"] = ames["TotalBsmtSF"] + ames["1stFlrSF"] + ames["2ndFlrSF"]
ames["TotalBath"] = ames["FullBath"] + 0.5 * ames["HalfBath"]
ames["PricePerSF"] = ames["SalePrice"] / ames["GrLivArea"]  # expect: leakage/target

cols = ["OverallQual", "TotalSF", "TotalBath", "GarageCars", "PricePerSF"]
X = ames[cols]
y = np.log1p(ames["SalePrice"])

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
ridge = Ridge(alpha=10.0).fit(X_tr, y_tr)
rmse = np.sqrt(mean_squared_error(y_te, ridge.predict(X_te)))
print("RMSE (log price):", rmse)
