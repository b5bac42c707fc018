"""Telco churn: add a customer-segment id from k-means on usage, then a GBM."""
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

usage = pd.read_csv("telco_usage.csv")
usage_cols = ["day_minutes", "eve_minutes", "night_minutes", "intl_minutes", "service_calls"]

segmenter = KMeans(n_clusters=6, n_init=10, random_state=5)
usage["segment"] = segmenter.fit_predict(usage[usage_cols])  # expect: leakage/preprocessing

model_cols = usage_cols + ["segment", "account_length", "has_voicemail"]
train_df, test_df = train_test_split(usage, test_size=0.25, stratify=usage["churn"], random_state=5)

gb = GradientBoostingClassifier(n_estimators=300, max_depth=3, subsample=0.8, random_state=5)
gb.fit(train_df[model_cols], train_df["churn"])
print("AUC:", round(roc_auc_score(test_df["churn"], gb.predict_proba(test_df[model_cols])[:, 1]), 4))
