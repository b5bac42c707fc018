# Quick model on every numeric column of the Ames data.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

houses = pd.read_csv("ames_train.csv")
target = houses["SalePrice"]
numeric = houses.select_dtypes(include="number").fillna(0)  # expect: leakage/target

X_tr, X_te, y_tr, y_te = train_test_split(numeric, target, test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=300, random_state=0).fit(X_tr, y_tr)
print("MAE:", mean_absolute_error(y_te, rf.predict(X_te)))
