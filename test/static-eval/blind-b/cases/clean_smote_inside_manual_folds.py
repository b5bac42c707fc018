# Manual stratified CV where SMOTE and scaling happen inside each fold on the training part only.
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import f1_score

df = pd.read_csv("thyroid_features.csv")
X = df.drop(columns="hypo").to_numpy()
y = df["hypo"].to_numpy()

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=10)
fold_f1 = []
for tr, va in skf.split(X, y):
    sc = StandardScaler().fit(X[tr])
    X_tr_s, X_va_s = sc.transform(X[tr]), sc.transform(X[va])
    X_res, y_res = SMOTE(k_neighbors=3, random_state=10).fit_resample(X_tr_s, y[tr])
    svm = SVC(C=3.0, class_weight=None).fit(X_res, y_res)
    fold_f1.append(f1_score(y[va], svm.predict(X_va_s)))

print("F1 per fold:", np.round(fold_f1, 3), "mean:", np.mean(fold_f1))
