"""Mixed numeric/categorical data, balanced with SMOTENC."""
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import recall_score

policies = pd.read_csv("policies_encoded.csv")
X = policies[["age", "premium", "region_code", "vehicle_damage", "vintage"]]
y = policies["claim"]

X_res, y_res = SMOTENC(categorical_features=[2, 3], random_state=0).fit_resample(X, y)  # expect: leakage/overlap
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.2, random_state=0)
rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(X_train, y_train)
print("recall", recall_score(y_test, rf.predict(X_test)))
