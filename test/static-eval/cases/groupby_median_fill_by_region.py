"""Household income regression. Missing incomes are filled with the region's median."""
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

hh = pd.read_csv("household_survey.csv")
hh["income"] = hh.groupby("region")["income"].transform(lambda s: s.fillna(s.median()))  # expect: leakage/preprocessing
hh["rooms_per_person"] = hh["rooms"] / hh["household_size"]

predictors = ["income", "rooms_per_person", "household_size", "head_age", "urban"]
X_train, X_test, y_train, y_test = train_test_split(
    hh[predictors], hh["monthly_spend"], test_size=0.2, random_state=21
)

reg = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, num_leaves=31)
reg.fit(X_train, y_train)
print("MAPE:", mean_absolute_percentage_error(y_test, reg.predict(X_test)))
