"""Does the weather feature help? Fit with and without it, compare on the hold-out set."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

flights = pd.read_csv("flight_delays_numeric.csv")
base_cols = ["distance", "dep_hour", "carrier_code", "origin_code"]
train_df, test_df = train_test_split(flights, test_size=0.2, random_state=0)

base = RandomForestClassifier(n_estimators=200, random_state=0).fit(train_df[base_cols], train_df["delayed"])
auc_base = roc_auc_score(test_df["delayed"], base.predict_proba(test_df[base_cols])[:, 1])

full_cols = base_cols + ["precip_mm"]
full = RandomForestClassifier(n_estimators=200, random_state=0).fit(train_df[full_cols], train_df["delayed"])
auc_full = roc_auc_score(test_df["delayed"], full.predict_proba(test_df[full_cols])[:, 1])  # expect: leakage/multi-test
print(f"without weather {auc_base:.3f}, with weather {auc_full:.3f}")
