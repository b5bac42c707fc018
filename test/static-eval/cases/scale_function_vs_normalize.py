"""Sonar mines vs rocks. Centre the 60 band energies, then a small MLP."""
import numpy as np
from sklearn import preprocessing
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import accuracy_score

raw = np.genfromtxt("sonar.all-data", delimiter=",", dtype=str)
X = raw[:, :-1].astype(float)
y = (raw[:, -1] == "M").astype(int)

X = preprocessing.normalize(X, norm="l2")
X = preprocessing.scale(X)  # expect: leakage/preprocessing

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=5)
mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=3000, random_state=5).fit(X_tr, y_tr)
print("test accuracy", accuracy_score(y_te, mlp.predict(X_te)))
