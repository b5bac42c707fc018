"""Compare regressors: CV score on the training part and the hold-out score, side by side."""
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LinearRegression, Lasso
from sklearn.ensemble import RandomForestRegressor, ExtraTreesRegressor
from sklearn.metrics import r2_score

insurance = pd.get_dummies(pd.read_csv("insurance.csv"), drop_first=True)
X = insurance.drop(columns="charges")
y = insurance["charges"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

regressors = [
    ("linear", LinearRegression()),
    ("lasso", Lasso(alpha=10)),
    ("forest", RandomForestRegressor(n_estimators=300, random_state=42)),
    ("extra", ExtraTreesRegressor(n_estimators=300, random_state=42)),
]
rows = []
for name, reg in regressors:
    cv = cross_val_score(reg, X_train, y_train, cv=5, scoring="r2").mean()
    reg.fit(X_train, y_train)
    holdout = r2_score(y_test, reg.predict(X_test))  # expect: leakage/multi-test
    rows.append({"model": name, "cv_r2": cv, "test_r2": holdout})

print(pd.DataFrame(rows).sort_values("test_r2", ascending=False))
