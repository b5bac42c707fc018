"""Kidney disease data has gaps everywhere; fill them and fit a random forest."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

ckd = pd.read_csv("kidney_disease.csv")
ckd["classification"] = ckd["classification"].str.strip().map({"ckd": 1, "notckd": 0})
numeric = ckd.select_dtypes("number").columns.drop("classification")

ckd[numeric] = ckd[numeric].fillna(ckd[numeric].median())  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(ckd[numeric], ckd["classification"], test_size=0.25, random_state=0)
rf = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, rf.predict(X_test)))
