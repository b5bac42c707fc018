"""Balance by repeating the positive examples (numpy arrays)."""
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

X = np.load("features.npy")
y = np.load("labels.npy")

pos = y == 1
X_rep = np.repeat(X[pos], 4, axis=0)  # expect: leakage/overlap
y_rep = np.ones(len(X_rep), dtype=y.dtype)
X_all = np.vstack([X, X_rep])
y_all = np.concatenate([y, y_rep])

X_train, X_test, y_train, y_test = train_test_split(X_all, y_all, test_size=0.2, random_state=0)
clf = LogisticRegression(max_iter=2000).fit(X_train, y_train)
print("recall:", recall_score(y_test, clf.predict(X_test)))
