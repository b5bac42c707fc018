"""Predict pump failure from vibration/temperature summaries.

Heavy-tailed sensor columns are winsorised at 1% / 99% first.
"""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import classification_report

pumps = pd.read_parquet("pump_summaries.parquet")
sensor_cols = [c for c in pumps.columns if c.startswith("s_")]

for col in sensor_cols:
    pumps[col] = pumps[col].clip(pumps[col].quantile(0.01), pumps[col].quantile(0.99))  # expect: leakage/preprocessing

X = pumps[sensor_cols]
y = pumps["failed_within_30d"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=11)

forest = ExtraTreesClassifier(n_estimators=600, min_samples_leaf=3, n_jobs=-1, random_state=11)
forest.fit(X_tr, y_tr)
print(classification_report(y_te, forest.predict(X_te), digits=3))
