"""Insurance claim fraud: mixed numeric/categorical columns, ~4% positives.

SMOTENC handles the categorical columns properly (no fractional categories).
"""
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import train_test_split
from catboost import CatBoostClassifier
from sklearn.metrics import average_precision_score

claims = pd.read_csv("claims.csv")
cats = ["policy_state", "incident_type", "collision_type", "authorities_contacted"]
nums = ["policy_deductable", "umbrella_limit", "total_claim_amount", "witnesses", "vehicle_age"]
X = claims[cats + nums]
y = claims["fraud_reported"].map({"Y": 1, "N": 0})

sampler = SMOTENC(categorical_features=list(range(len(cats))), random_state=17)
X_bal, y_bal = sampler.fit_resample(X, y)  # expect: leakage/overlap
print(y_bal.value_counts())

X_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, test_size=0.25, random_state=17)
cb = CatBoostClassifier(iterations=800, depth=6, verbose=0, cat_features=cats)
cb.fit(X_tr, y_tr)
print("PR-AUC:", average_precision_score(y_te, cb.predict_proba(X_te)[:, 1]))
