"""Oversample the rare class and report 5-fold cross-validated metrics."""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_validate
from sklearn.tree import DecisionTreeClassifier

ann = pd.read_csv("thyroid_ann.csv")
X, y = ann.drop(columns="hypothyroid"), ann["hypothyroid"]
X_over, y_over = RandomOverSampler(random_state=3).fit_resample(X, y)  # expect: leakage/overlap
res = cross_validate(DecisionTreeClassifier(max_depth=6), X_over, y_over, cv=5, scoring=("recall", "precision"))
print("recall", res["test_recall"].mean(), "precision", res["test_precision"].mean())
