"""Titanic with every column except the passenger id."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

passengers = pd.read_csv("titanic_clean.csv")
predictors = passengers.loc[:, passengers.columns != "PassengerId"]  # expect: leakage/target
survived = passengers["Survived"]

tr_x, te_x, tr_y, te_y = train_test_split(predictors, survived, test_size=0.2, random_state=0)
forest = RandomForestClassifier(n_estimators=200, max_depth=5, random_state=0).fit(tr_x, tr_y)
print("test accuracy", accuracy_score(te_y, forest.predict(te_x)))
