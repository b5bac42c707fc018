# SVM on the letter-recognition data; the first C looked under-fitted so try a larger one.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

letters = pd.read_csv("letter-recognition.csv")
X = letters.drop(columns="lettr")
y = letters["lettr"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=6)

svc = SVC(C=1.0, gamma="scale")
svc.fit(X_train, y_train)
print("C=1   accuracy:", svc.score(X_test, y_test))

svc.set_params(C=20.0)
svc.fit(X_train, y_train)
print("C=20  accuracy:", svc.score(X_test, y_test))  # expect: leakage/multi-test
