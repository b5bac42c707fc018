"""Subscription churn: gradient boosting on the customer table."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

customers = pd.read_parquet("customers.parquet")
customers["churned"] = customers["churned"].astype(int)

X = customers.drop(columns=["customer_id", "signup_channel"])  # expect: leakage/target
y = customers["churned"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=17, stratify=y)

hgb = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
hgb.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, hgb.predict_proba(X_test)[:, 1]))
