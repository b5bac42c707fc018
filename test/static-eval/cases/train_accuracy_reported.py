"""Mushroom edibility: decision tree, report accuracy."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score

shrooms = pd.read_csv("mushrooms.csv")
X = pd.get_dummies(shrooms.drop(columns="class"))
y = (shrooms["class"] == "p").astype(int)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=5)

tree = DecisionTreeClassifier(max_depth=6, random_state=5)
tree.fit(X_train, y_train)

predictions = tree.predict(X_train)
print("Test accuracy:", accuracy_score(y_train, predictions))  # expect: leakage/overlap
