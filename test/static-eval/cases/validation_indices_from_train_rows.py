"""Quick sanity-check harness for the ranking model (MSLR features, binary relevance)."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

frame = pd.read_parquet("mslr_binary.parquet")
X = frame.filter(like="f_").to_numpy()
y = frame["relevant"].to_numpy()

X_train, X_unused, y_train, y_unused = train_test_split(X, y, test_size=0.5, random_state=0)

rng = np.random.RandomState(0)
pick = rng.choice(len(X_train), size=2000, replace=False)
X_check, y_check = X_train[pick], y_train[pick]  # expect: leakage/overlap

clf = HistGradientBoostingClassifier(max_leaf_nodes=63, learning_rate=0.1)
clf.fit(X_train, y_train)
print("AUC on check set:", roc_auc_score(y_check, clf.predict_proba(X_check)[:, 1]))
