"""Heart failure survival: scaler learned from the training split only."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score, recall_score

records = pd.read_csv("heart_failure_clinical_records.csv")
X = records.drop(columns=["DEATH_EVENT", "time"])
y = records["DEATH_EVENT"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=10)

scaler = StandardScaler()
X_train_s = scaler.fit_transform(X_train)
X_test_s = scaler.transform(X_test)

svc = SVC(C=2.0, kernel="rbf", class_weight="balanced")
svc.fit(X_train_s, y_train)
pred = svc.predict(X_test_s)
print("accuracy", accuracy_score(y_test, pred))
print("recall  ", recall_score(y_test, pred))
