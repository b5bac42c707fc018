# Oversample, then a hand-written stratified CV loop to get per-fold ROC AUC.
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

claims = pd.read_csv("claims.csv")
X = claims[["age", "vehicle_age", "premium", "prior_claims", "vintage"]].to_numpy()
y = claims["is_fraud"].to_numpy()

X_os, y_os = RandomOverSampler(random_state=1).fit_resample(X, y)  # expect: leakage/overlap

aucs = []
for train_idx, test_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=1).split(X_os, y_os):
    m = LogisticRegression(max_iter=1000).fit(X_os[train_idx], y_os[train_idx])
    aucs.append(roc_auc_score(y_os[test_idx], m.predict_proba(X_os[test_idx])[:, 1]))
print("AUC per fold", np.round(aucs, 3), "mean", np.mean(aucs))
