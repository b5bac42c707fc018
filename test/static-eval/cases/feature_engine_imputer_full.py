# Median imputation with feature-engine, then a gradient boosting model.
import pandas as pd
from feature_engine.imputation import MeanMedianImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

houses = pd.read_csv("house_prices_numeric.csv")
X = houses.drop(columns=["Id", "SalePrice"])
y = houses["SalePrice"]

imputer = MeanMedianImputer(imputation_method="median")
X = imputer.fit_transform(X)  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
gbr = GradientBoostingRegressor(random_state=0).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, gbr.predict(X_test)))
