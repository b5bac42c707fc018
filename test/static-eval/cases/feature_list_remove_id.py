# Every column except the id is a feature.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score

mush = pd.read_csv("mushrooms_encoded.csv")
features = mush.columns.tolist()
features.remove("id")
X = mush[features]  # expect: leakage/target
y = mush["poisonous"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
gbc = GradientBoostingClassifier().fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, gbc.predict(X_test)))
