"""Try a handful of off-the-shelf classifiers and keep the best one."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.naive_bayes import GaussianNB

df = pd.read_csv("breast_cancer.csv")
X = df.drop(columns=["id", "diagnosis"])
y = (df["diagnosis"] == "M").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=8, stratify=y)

candidates = {
    "logreg": LogisticRegression(max_iter=5000),
    "svm": SVC(),
    "knn": KNeighborsClassifier(),
    "tree": DecisionTreeClassifier(max_depth=5),
    "nb": GaussianNB(),
}

results = {}
for name, clf in candidates.items():
    clf.fit(X_train, y_train)
    results[name] = clf.score(X_test, y_test)  # expect: leakage/multi-test
    print(f"{name:8s} {results[name]:.4f}")

best = max(results, key=results.get)
print("best model:", best, results[best])
