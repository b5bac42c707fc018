# Manual grid over ParameterGrid, scoring each setting on the test split.
import pandas as pd
from sklearn.model_selection import ParameterGrid, train_test_split
from sklearn.ensemble import RandomForestClassifier

occ = pd.read_csv("room_occupancy.csv")
X_train, X_test, y_train, y_test = train_test_split(occ.drop(columns="occupied"), occ["occupied"], test_size=0.2, random_state=0)

rf = RandomForestClassifier(random_state=0)
results = []
for params in ParameterGrid({"n_estimators": [100, 300], "max_depth": [4, 8, None]}):
    rf.set_params(**params).fit(X_train, y_train)
    results.append((params, rf.score(X_test, y_test)))  # expect: leakage/multi-test
print(max(results, key=lambda r: r[1]))
