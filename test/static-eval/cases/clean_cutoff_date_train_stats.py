"""Monthly churn: train on months before 2024-01, evaluate on the months after."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

panel = pd.read_csv("customer_month_panel.csv", parse_dates=["month"])
feats = ["spend", "visits", "complaints", "tenure_m", "discount_used"]

cutoff = pd.Timestamp("2024-01-01")
past = panel[panel["month"] < cutoff].copy()
future = panel[panel["month"] >= cutoff].copy()

fill_values = past[feats].median()
past[feats] = past[feats].fillna(fill_values)
future[feats] = future[feats].fillna(fill_values)

scaler = StandardScaler().fit(past[feats])
clf = LogisticRegression(max_iter=2000).fit(scaler.transform(past[feats]), past["churn_next_month"])
auc = roc_auc_score(future["churn_next_month"], clf.predict_proba(scaler.transform(future[feats]))[:, 1])
print(f"out-of-time AUC: {auc:.3f}")
