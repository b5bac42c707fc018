"""Does removing training outliers (IsolationForest) help the price model?"""
import pandas as pd
from sklearn.ensemble import IsolationForest, RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

cars = pd.read_csv("used_cars_clean.csv")
X = cars[["mileage", "engine_size", "power_hp", "owners", "age_years"]]
y = cars["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=12)

plain = RandomForestRegressor(n_estimators=300, random_state=12).fit(X_train, y_train)
mae_plain = mean_absolute_error(y_test, plain.predict(X_test))

inliers = IsolationForest(contamination=0.03, random_state=12).fit_predict(X_train) == 1
filtered = RandomForestRegressor(n_estimators=300, random_state=12).fit(X_train[inliers], y_train[inliers])
mae_filtered = mean_absolute_error(y_test, filtered.predict(X_test))  # expect: leakage/multi-test

print(f"MAE all rows: {mae_plain:.0f}   MAE w/o outliers: {mae_filtered:.0f}")
chosen = filtered if mae_filtered < mae_plain else plain
