# Red vs white wine: report train and test F1 to check for over-fitting.
import pandas as pd
from sklearn.tree import DecisionTreeClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

red = pd.read_csv("winequality-red.csv", sep=";").assign(is_red=1)
white = pd.read_csv("winequality-white.csv", sep=";").assign(is_red=0)
wines = pd.concat([red, white], ignore_index=True).drop(columns="quality")

X_train, X_test, y_train, y_test = train_test_split(
    wines.drop(columns="is_red"), wines["is_red"], test_size=0.3, random_state=2, stratify=wines["is_red"]
)
tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=20, random_state=2).fit(X_train, y_train)
print("train F1:", f1_score(y_train, tree.predict(X_train)))
print("test F1: ", f1_score(y_test, tree.predict(X_test)))
