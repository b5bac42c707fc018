"""Raisin varieties: numpy matrices for a quick SVM."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

raisins = pd.read_csv("raisin.csv")
raisins["Class"] = (raisins["Class"] == "Kecimen").astype(int)
X = raisins.values  # expect: leakage/target
y = raisins["Class"].values

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
print("accuracy", accuracy_score(y_test, SVC().fit(X_train, y_train).predict(X_test)))
