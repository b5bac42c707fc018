# Abalone age regression, quick CV estimate for the report
import pandas as pd
from sklearn.model_selection import KFold, cross_validate
from sklearn.ensemble import RandomForestRegressor

abalone = (
    pd.read_csv("abalone_with_gaps.csv")
    .assign(is_male=lambda d: (d["Sex"] == "M").astype(int), is_infant=lambda d: (d["Sex"] == "I").astype(int))
    .drop(columns="Sex")
    .pipe(lambda d: d.fillna(d.median(numeric_only=True)))  # expect: leakage/preprocessing
)

X = abalone.drop(columns="Rings")
y = abalone["Rings"] + 1.5
res = cross_validate(
    RandomForestRegressor(n_estimators=300, min_samples_leaf=4, random_state=0),
    X, y, cv=KFold(5, shuffle=True, random_state=0),
    scoring=("neg_mean_absolute_error", "r2"),
)
print("MAE", -res["test_neg_mean_absolute_error"].mean())
print("R2 ", res["test_r2"].mean())
