# Credit default model. Features are min-max scaled so the regularisation treats them alike.
import numpy as np
import pandas as pd
import sklearn.preprocessing as pp
import sklearn.model_selection as ms
from sklearn import linear_model, metrics

raw = pd.read_csv("credit_default.csv", index_col="ID")
label = "default.payment.next.month"

feats = raw.drop(label, axis=1).astype(float)
target = raw[label].values

mm = pp.MinMaxScaler(feature_range=(0, 1))
mm.fit(feats)  # expect: leakage/preprocessing
feats_scaled = mm.transform(feats)

tr_x, te_x, tr_y, te_y = ms.train_test_split(
    feats_scaled, target, test_size=0.25, stratify=target, random_state=7
)

clf = linear_model.LogisticRegression(C=0.5, max_iter=2000)
clf.fit(tr_x, tr_y)

proba = clf.predict_proba(te_x)[:, 1]
print("test AUC = %.4f" % metrics.roc_auc_score(te_y, proba))
print("positives in test:", np.sum(te_y))
