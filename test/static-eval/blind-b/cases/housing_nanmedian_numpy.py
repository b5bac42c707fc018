# California housing regression with plain numpy arrays (course assignment, week 4)
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

rng = np.random.default_rng(2024)
data = fetch_california_housing()
X, y = data.data.copy(), data.target

# simulate a survey with 5% missing answers
mask = rng.random(X.shape) < 0.05
X[mask] = np.nan

# fill the holes with the column medians
col_medians = np.nanmedian(X, axis=0)  # expect: leakage/preprocessing
rows, cols = np.where(np.isnan(X))
X[rows, cols] = col_medians[cols]

X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=2024)

reg = HistGradientBoostingRegressor(max_iter=400, learning_rate=0.05)
reg.fit(X_a, y_a)
print("MAE on held-out districts:", mean_absolute_error(y_b, reg.predict(X_b)))
