"""Santander-style data: drop near-constant columns, then boost."""
import pandas as pd
from sklearn.feature_selection import VarianceThreshold
from sklearn.model_selection import train_test_split
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score

train = pd.read_csv("santander_train.csv")
X = train.drop(columns=["ID", "TARGET"])
y = train["TARGET"]

vt = VarianceThreshold(threshold=0.01)
X_reduced = vt.fit_transform(X)  # expect: leakage/preprocessing
print(f"{X.shape[1]} -> {X_reduced.shape[1]} columns")

X_tr, X_va, y_tr, y_va = train_test_split(X_reduced, y, test_size=0.2, stratify=y, random_state=2)
lgbm = LGBMClassifier(n_estimators=800, learning_rate=0.02, num_leaves=31)
lgbm.fit(X_tr, y_tr)
print("AUC", roc_auc_score(y_va, lgbm.predict_proba(X_va)[:, 1]))
