# Laptop prices: use all numeric columns as features.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import r2_score

laptops = pd.read_csv("laptops.csv")
num_cols = laptops.select_dtypes("number").columns
X = laptops[num_cols]  # expect: leakage/target
y = laptops["price_eur"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
print("R2", r2_score(y_test, GradientBoostingRegressor().fit(X_train, y_train).predict(X_test)))
