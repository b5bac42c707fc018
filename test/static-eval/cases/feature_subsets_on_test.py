"""Ablation: which measurement group matters? Train on each subset, compare hold-out MAE."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

abalone = pd.read_csv("abalone.csv")
abalone["is_infant"] = (abalone["Sex"] == "I").astype(int)
shell = ["Length", "Diameter", "Height", "is_infant"]
weights = ["Whole weight", "Shucked weight", "Viscera weight", "Shell weight"]
groups = {"shell": shell, "weights": weights, "both": shell + weights}

train_df, test_df = train_test_split(abalone, test_size=0.2, random_state=0)

for gname, cols in groups.items():
    rf = RandomForestRegressor(n_estimators=200, random_state=0)
    rf.fit(train_df[cols], train_df["Rings"])
    mae = mean_absolute_error(test_df["Rings"], rf.predict(test_df[cols]))  # expect: leakage/multi-test
    print(f"{gname:8s} MAE {mae:.2f}")
