# Fill categorical gaps with the most common value of each column.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score

cars = pd.read_csv("car_insurance_encoded.csv")
cars = cars.fillna(cars.mode().iloc[0])  # expect: leakage/preprocessing
X = cars.drop(columns=["policy_id", "is_claim"])
y = cars["is_claim"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
print("accuracy", accuracy_score(y_test, DecisionTreeClassifier(max_depth=5).fit(X_train, y_train).predict(X_test)))
