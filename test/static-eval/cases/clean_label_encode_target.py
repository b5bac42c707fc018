# Iris with string labels: encode the class names, split, fit, report once.
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import classification_report

iris = pd.read_csv("iris.csv")
le = LabelEncoder()
y = le.fit_transform(iris["species"])
X = iris.drop(columns="species")

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)
dt = DecisionTreeClassifier(max_depth=3, random_state=1).fit(X_train, y_train)
print(classification_report(y_test, dt.predict(X_test), target_names=le.classes_))
