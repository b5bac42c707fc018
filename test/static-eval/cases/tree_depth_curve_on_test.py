"""Depth curve for a decision tree: F1 on the hold-out set for each depth."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import f1_score

cust = pd.read_csv("telco_numeric.csv")
X_train, X_test, y_train, y_test = train_test_split(cust.drop(columns="churn"), cust["churn"], test_size=0.25, random_state=11)

depths = range(1, 16)
f1_by_depth = []
for d in depths:
    tree = DecisionTreeClassifier(max_depth=d, random_state=11).fit(X_train, y_train)
    f1_by_depth.append(f1_score(y_test, tree.predict(X_test)))  # expect: leakage/multi-test

best_depth = depths[f1_by_depth.index(max(f1_by_depth))]
print("best depth", best_depth, "F1", max(f1_by_depth))
