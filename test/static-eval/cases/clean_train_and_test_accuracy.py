"""Check for over-fitting: compare training and test accuracy of one tree."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score

car = pd.read_csv("car_evaluation.csv")
X = pd.get_dummies(car.drop(columns="class"))
y = car["class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)

tree = DecisionTreeClassifier(max_depth=8, random_state=0).fit(X_train, y_train)
train_acc = accuracy_score(y_train, tree.predict(X_train))
test_acc = accuracy_score(y_test, tree.predict(X_test))
print(f"train {train_acc:.3f}  test {test_acc:.3f}  gap {train_acc - test_acc:.3f}")
