# Titanic survival -- quick baseline with hand-made cleaning.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score

titanic = pd.read_csv("titanic.csv")

titanic["Age"] = titanic["Age"].fillna(titanic["Age"].mean())  # expect: leakage/preprocessing
titanic["Embarked"] = titanic["Embarked"].fillna("S")
titanic["Sex"] = titanic["Sex"].map({"male": 0, "female": 1})
titanic["Embarked"] = titanic["Embarked"].map({"S": 0, "C": 1, "Q": 2})

for col in ["Fare", "SibSp", "Parch"]:
    titanic[col] = titanic[col].fillna(titanic[col].median())  # expect: leakage/preprocessing

features = ["Pclass", "Sex", "Age", "Fare", "SibSp", "Parch", "Embarked"]
X = titanic[features]
y = titanic["Survived"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)

tree = DecisionTreeClassifier(max_depth=4, random_state=1)
tree.fit(X_train, y_train)
print("Test accuracy:", accuracy_score(y_test, tree.predict(X_test)))
