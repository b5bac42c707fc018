"""Print a classification report for each candidate model."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report
from sklearn.linear_model import SGDClassifier, RidgeClassifier
from sklearn.ensemble import RandomForestClassifier

glass = pd.read_csv("glass.csv")
features, target = glass.drop(columns="Type"), glass["Type"]
f_train, f_test, t_train, t_test = train_test_split(features, target, test_size=0.3, stratify=target, random_state=3)

for clf in [SGDClassifier(random_state=3), RidgeClassifier(), RandomForestClassifier(random_state=3)]:
    clf.fit(f_train, t_train)
    print(type(clf).__name__)
    print(classification_report(t_test, clf.predict(f_test), zero_division=0))  # expect: leakage/multi-test
