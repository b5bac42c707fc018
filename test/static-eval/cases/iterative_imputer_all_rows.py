"""MICE-style imputation with IterativeImputer before modelling."""
import pandas as pd
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

air = pd.read_csv("air_quality_numeric.csv")
cols = ["CO", "NOx", "NO2", "T", "RH", "AH"]
air[cols] = IterativeImputer(max_iter=10, random_state=0).fit_transform(air[cols])  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(air[cols], air["C6H6"], test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=200, random_state=0).fit(X_train, y_train)
print("MAE", mean_absolute_error(y_test, rf.predict(X_test)))
