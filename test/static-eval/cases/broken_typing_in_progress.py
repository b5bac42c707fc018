# Glass identification -- work in progress (the last line is being typed).
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

glass = pd.read_csv("glass.csv")
X = glass.drop(columns="Type")
y = glass["Type"]

X = StandardScaler().fit_transform(X)  # expect: leakage/preprocessing
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

svc = SVC(C=10).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, svc.predict(
