"""Parkinson's voice features (numpy only pipeline, arrays come from the MATLAB export)."""
import numpy as np
from scipy.io import loadmat
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, recall_score

mat = loadmat("parkinsons_voice.mat")
X = mat["features"].astype(float)
y = mat["status"].ravel().astype(int)

print("missing cells:", int(np.isnan(X).sum()))
X = np.where(np.isnan(X), np.nanmean(X, axis=0), X)  # expect: leakage/preprocessing

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
svc = SVC(C=10, gamma="scale", class_weight="balanced").fit(X_tr, y_tr)
pred = svc.predict(X_te)
print("accuracy:", accuracy_score(y_te, pred), "sensitivity:", recall_score(y_te, pred))
