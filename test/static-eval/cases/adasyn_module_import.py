# Network intrusion detection with ADASYN to fight class imbalance.
import numpy as np
import pandas as pd
import imblearn
from sklearn import model_selection, ensemble, metrics

flows = pd.read_csv("netflows.csv")
flows = flows.replace([np.inf, -np.inf], np.nan).dropna()

X = flows.drop(columns=["Label"]).to_numpy(dtype=np.float32)
y = (flows["Label"] != "BENIGN").astype(int).to_numpy()

sampler = imblearn.over_sampling.ADASYN(random_state=0)
X, y = sampler.fit_resample(X, y)  # expect: leakage/overlap

X_tr, X_te, y_tr, y_te = model_selection.train_test_split(X, y, test_size=0.3, random_state=0)
clf = ensemble.RandomForestClassifier(n_estimators=100, n_jobs=-1).fit(X_tr, y_tr)
print(metrics.classification_report(y_te, clf.predict(X_te), digits=4))
