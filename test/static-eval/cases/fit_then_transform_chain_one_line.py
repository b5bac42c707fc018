# Breast tissue impedance data, scaled in one chained call.
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

tissue = pd.read_csv("breast_tissue.csv")
X = tissue.drop(columns=["Case #", "Class"])
y = tissue["Class"]
X = StandardScaler().fit(X).transform(X)  # expect: leakage/preprocessing
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
print("accuracy", accuracy_score(y_test, LogisticRegression(max_iter=5000).fit(X_train, y_train).predict(X_test)))
