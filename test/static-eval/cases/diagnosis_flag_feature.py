# Breast cancer (WDIAG): tidy the columns, add a couple of convenience flags, fit a tree.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score

wdbc = pd.read_csv("wdbc.csv").drop(columns=["Unnamed: 32"])
wdbc["large_radius"] = (wdbc["radius_mean"] > wdbc["radius_mean"].quantile(0.9)).astype(int)  # expect: leakage/preprocessing
wdbc["is_malignant"] = (wdbc["diagnosis"] == "M").astype(int)  # expect: leakage/target

X = wdbc.drop(columns=["id", "diagnosis"])
y = wdbc["diagnosis"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=2, stratify=y)

dt = DecisionTreeClassifier(max_depth=4, random_state=2).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, dt.predict(X_test)))
