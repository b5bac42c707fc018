"""Seismic bump prediction with numpy arrays throughout."""
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

arr = np.genfromtxt("seismic_bumps.csv", delimiter=",", skip_header=1)
X, y = arr[:, :-1], arr[:, -1].astype(int)

X = (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-9)  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
clf = LogisticRegression(class_weight="balanced", max_iter=1000).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
