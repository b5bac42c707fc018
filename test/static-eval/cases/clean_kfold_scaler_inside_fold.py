"""Manual K-fold where the scaler is fitted inside each fold."""
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score

ion = pd.read_csv("ionosphere.csv")
X = ion.drop(columns="class").to_numpy()
y = (ion["class"] == "g").astype(int).to_numpy()

skf = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
accs = []
for tr, va in skf.split(X, y):
    sc = StandardScaler().fit(X[tr])
    knn = KNeighborsClassifier(n_neighbors=5).fit(sc.transform(X[tr]), y[tr])
    accs.append(accuracy_score(y[va], knn.predict(sc.transform(X[va]))))
print("accuracy %.3f +/- %.3f" % (np.mean(accs), np.std(accs)))
