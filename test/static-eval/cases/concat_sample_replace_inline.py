"""Augment the table with a 50% bootstrap of itself, then train and test."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import r2_score

yield_df = pd.read_csv("crop_yield.csv")
yield_df = pd.concat([yield_df, yield_df.sample(frac=0.5, replace=True, random_state=4)], ignore_index=True)  # expect: leakage/overlap

X = yield_df[["rainfall_mm", "fertilizer_kg", "pesticide_kg", "avg_temp"]]
y = yield_df["yield_t_per_ha"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=4)
et = ExtraTreesRegressor(n_estimators=300, random_state=4).fit(X_train, y_train)
print("R2", r2_score(y_test, et.predict(X_test)))
