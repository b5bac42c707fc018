# Iris-like seeds dataset: choose k for KNN
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

seeds = pd.read_csv("seeds_dataset.txt", sep=r"\s+", header=None)
X, y = seeds.iloc[:, :7].to_numpy(), seeds.iloc[:, 7].to_numpy()

Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=12, stratify=y)
sc = StandardScaler().fit(Xtr)
Xtr, Xte = sc.transform(Xtr), sc.transform(Xte)

acc_by_k = {
    k: accuracy_score(yte, KNeighborsClassifier(n_neighbors=k).fit(Xtr, ytr).predict(Xte))  # expect: leakage/multi-test
    for k in (1, 3, 5, 7, 9, 11, 15, 21)
}
k_best = max(acc_by_k, key=acc_by_k.get)
print(acc_by_k)
print("chosen k =", k_best)
