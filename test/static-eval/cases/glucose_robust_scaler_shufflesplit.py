"""Pima diabetes: robust scaling (outliers in insulin) + logistic regression.

Uses a ShuffleSplit so we can reuse the indices later for error analysis.
"""
import numpy as np
import pandas as pd
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import ShuffleSplit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

pima = pd.read_csv("data/pima.csv")
feature_cols = ["Pregnancies", "Glucose", "BloodPressure", "SkinThickness",
                "Insulin", "BMI", "DiabetesPedigreeFunction", "Age"]
X = pima[feature_cols].to_numpy(dtype=float)
y = pima["Outcome"].to_numpy()

X = RobustScaler(quantile_range=(10, 90)).fit_transform(X)  # expect: leakage/preprocessing

splitter = ShuffleSplit(n_splits=1, test_size=0.25, random_state=7)
train_idx, test_idx = next(splitter.split(X))

clf = LogisticRegression(max_iter=2000, C=0.5)
clf.fit(X[train_idx], y[train_idx])
proba = clf.predict_proba(X[test_idx])[:, 1]
print(f"held-out AUC: {roc_auc_score(y[test_idx], proba):.3f}")

errors = test_idx[(proba > 0.5) != y[test_idx]]
pima.iloc[errors].to_csv("reports/misclassified.csv", index=False)
