"""One-liner comparison of a few regressors on the hold-out set."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression, HuberRegressor
from sklearn.tree import DecisionTreeRegressor
from sklearn.ensemble import AdaBoostRegressor

auto = pd.read_csv("auto_mpg.csv").dropna()
X = auto[["cylinders", "displacement", "horsepower", "weight", "acceleration"]]
y = auto["mpg"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=2)

models = [LinearRegression(), HuberRegressor(max_iter=500), DecisionTreeRegressor(max_depth=5), AdaBoostRegressor(random_state=2)]
r2 = [m.fit(X_tr, y_tr).score(X_te, y_te) for m in models]  # expect: leakage/multi-test
for m, s in zip(models, r2):
    print(f"{type(m).__name__:24s} {s:.3f}")
