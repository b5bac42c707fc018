"""Horse colic survival. Split first, then impute."""
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

colic = pd.read_csv("horse_colic_numeric.csv")
X = colic.drop(columns="outcome")
y = colic["outcome"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)

imp = SimpleImputer(strategy="most_frequent").fit(X)  # expect: leakage/preprocessing
X_train_f, X_test_f = imp.transform(X_train), imp.transform(X_test)

rf = RandomForestClassifier(n_estimators=300, random_state=1).fit(X_train_f, y_train)
print("accuracy", accuracy_score(y_test, rf.predict(X_test_f)))
