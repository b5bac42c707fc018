"""Pima diabetes: zeros in some columns mean 'missing', so impute them before modelling."""
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, confusion_matrix

diabetes = pd.read_csv("diabetes.csv")

zero_as_missing = ["Glucose", "BloodPressure", "SkinThickness", "Insulin", "BMI"]
diabetes[zero_as_missing] = diabetes[zero_as_missing].replace(0, np.nan)

imp = SimpleImputer(strategy="median")
diabetes[zero_as_missing] = imp.fit_transform(diabetes[zero_as_missing])  # expect: leakage/preprocessing

X = diabetes.drop("Outcome", axis=1)
y = diabetes["Outcome"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)

forest = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=0)
forest.fit(X_tr, y_tr)
y_hat = forest.predict(X_te)
print(confusion_matrix(y_te, y_hat))
print("accuracy", accuracy_score(y_te, y_hat))
