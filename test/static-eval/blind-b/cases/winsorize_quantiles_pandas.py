# Bike-share trip duration (regression); outlier-robust features via winsorising.
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import median_absolute_error

trips = pd.read_csv("trips_features.csv")
num = ["distance_km", "elevation_gain", "temp_c", "wind_kmh", "n_stops"]

bounds = trips[num].quantile([0.01, 0.99])  # expect: leakage/preprocessing
trips[num] = trips[num].clip(lower=bounds.loc[0.01], upper=bounds.loc[0.99], axis=1)

X_tr, X_ev, y_tr, y_ev = train_test_split(trips[num], trips["duration_min"], test_size=0.2, random_state=99)
huber = HuberRegressor(epsilon=1.5, max_iter=500).fit(X_tr, y_tr)
print("median abs error (min):", median_absolute_error(y_ev, huber.predict(X_ev)))
