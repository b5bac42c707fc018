"""Reusable numeric preprocessing: impute + scale, then a gradient-boosted model."""
import pandas as pd
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

cars = pd.read_csv("used_cars.csv")
num_features = ["mileage", "engine_size", "mpg", "tax", "previous_owners"]

prep = Pipeline(steps=[
    ("impute", SimpleImputer(strategy="mean")),
    ("scale", StandardScaler()),
])
prep.fit(cars[num_features])  # expect: leakage/preprocessing

X_all = prep.transform(cars[num_features])
X_train, X_test, y_train, y_test = train_test_split(X_all, cars["price"], test_size=0.2, random_state=99)

hgb = HistGradientBoostingRegressor(max_iter=500)
hgb.fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, hgb.predict(X_test)))
