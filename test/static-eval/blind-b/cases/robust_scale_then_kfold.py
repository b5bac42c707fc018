"""Wine quality (red) -- manual 5-fold loop so I can log per-fold numbers to W&B later."""
import numpy as np
import pandas as pd
from sklearn.preprocessing import RobustScaler
from sklearn.neighbors import KNeighborsRegressor
from sklearn.model_selection import KFold
from sklearn.metrics import mean_absolute_error

wine = pd.read_csv("winequality-red.csv", sep=";")
X = wine.drop(columns=["quality"]).values
y = wine["quality"].values

X = RobustScaler(quantile_range=(10, 90)).fit_transform(X)  # expect: leakage/preprocessing

folds = KFold(n_splits=5, shuffle=True, random_state=21)
maes = []
for k, (tr, va) in enumerate(folds.split(X)):
    knn = KNeighborsRegressor(n_neighbors=15, weights="distance")
    knn.fit(X[tr], y[tr])
    err = mean_absolute_error(y[va], knn.predict(X[va]))
    maes.append(err)
    print(f"fold {k}: MAE={err:.3f}")

print("mean MAE", np.mean(maes))
