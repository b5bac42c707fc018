# Banknote authentication (UCI): first column is an index, last column is the class.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

notes = pd.read_csv("banknote.csv")
X = notes.iloc[:, 1:]  # expect: leakage/target
y = notes.iloc[:, -1]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
logreg = LogisticRegression().fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, logreg.predict(X_test)))
