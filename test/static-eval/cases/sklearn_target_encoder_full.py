"""scikit-learn's TargetEncoder for the city column, fitted on the full table."""
import pandas as pd
from sklearn.preprocessing import TargetEncoder
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

rent = pd.read_csv("rent_listings.csv")
rent[["city_te"]] = TargetEncoder(target_type="continuous").fit_transform(rent[["city"]], rent["rent"])  # expect: leakage/preprocessing, leakage/target

cols = ["city_te", "size_m2", "rooms", "floor"]
X_train, X_test, y_train, y_test = train_test_split(rent[cols], rent["rent"], test_size=0.2, random_state=0)
model = HistGradientBoostingRegressor().fit(X_train, y_train)
print("MAE", mean_absolute_error(y_test, model.predict(X_test)))
