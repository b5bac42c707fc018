# Scaling chained on one line, but fitted on the training rows.
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score

tissue = pd.read_csv("breast_tissue.csv")
X_train, X_test, y_train, y_test = train_test_split(tissue.drop(columns=["Case #", "Class"]), tissue["Class"], test_size=0.25, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
print("accuracy", accuracy_score(y_test, KNeighborsClassifier(5).fit(X_train, y_train).predict(X_test)))
