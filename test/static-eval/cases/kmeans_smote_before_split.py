# Oversample with KMeansSMOTE, then split.
import pandas as pd
from imblearn.over_sampling import KMeansSMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score

wafers = pd.read_csv("wafer_sensors.csv")
X, y = wafers.drop(columns="defect"), wafers["defect"]
X_k, y_k = KMeansSMOTE(random_state=0, cluster_balance_threshold=0.1).fit_resample(X, y)  # expect: leakage/overlap
X_tr, X_te, y_tr, y_te = train_test_split(X_k, y_k, test_size=0.2, random_state=0)
print("F1", f1_score(y_te, GradientBoostingClassifier().fit(X_tr, y_tr).predict(X_te)))
