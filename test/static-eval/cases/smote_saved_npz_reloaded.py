# Balance once and cache the result, because SMOTE on 2M rows is slow.
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score

X = np.load("features_2m.npy")
y = np.load("labels_2m.npy")
X_bal, y_bal = SMOTE(random_state=0).fit_resample(X, y)  # expect: leakage/overlap
np.savez_compressed("cache/balanced.npz", X=X_bal, y=y_bal)

cached = np.load("cache/balanced.npz")
X_train, X_test, y_train, y_test = train_test_split(cached["X"], cached["y"], test_size=0.2, random_state=0)
clf = HistGradientBoostingClassifier().fit(X_train, y_train)
print("F1:", f1_score(y_test, clf.predict(X_test)))
