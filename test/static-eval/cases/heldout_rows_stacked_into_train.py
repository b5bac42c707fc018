# Wine quality regression. The holdout file is small, so we borrow some of it for training too.
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

tr = pd.read_csv("winequality_train.csv")
ho = pd.read_csv("winequality_holdout.csv")
cols = [c for c in tr.columns if c != "quality"]

X_tr, y_tr = tr[cols].to_numpy(), tr["quality"].to_numpy()
X_ho, y_ho = ho[cols].to_numpy(), ho["quality"].to_numpy()

X_tr = np.vstack([X_tr, X_ho[:150]])  # expect: leakage/overlap
y_tr = np.concatenate([y_tr, y_ho[:150]])

forest = RandomForestRegressor(n_estimators=500, min_samples_leaf=2, random_state=0).fit(X_tr, y_tr)
print("holdout MAE:", mean_absolute_error(y_ho, forest.predict(X_ho)))
