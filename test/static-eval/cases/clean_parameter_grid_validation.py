"""ParameterGrid search scored on a validation split; the test split is used once."""
import pandas as pd
from sklearn.model_selection import ParameterGrid, train_test_split
from sklearn.ensemble import RandomForestClassifier

occ = pd.read_csv("room_occupancy.csv")
X_dev, X_test, y_dev, y_test = train_test_split(occ.drop(columns="occupied"), occ["occupied"], test_size=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, test_size=0.25, random_state=0)

best_params, best_score = None, -1.0
for params in ParameterGrid({"n_estimators": [100, 300], "max_depth": [4, 8, None]}):
    score = RandomForestClassifier(random_state=0, **params).fit(X_train, y_train).score(X_val, y_val)
    if score > best_score:
        best_params, best_score = params, score

final = RandomForestClassifier(random_state=0, **best_params).fit(X_dev, y_dev)
print(best_params, "test accuracy", final.score(X_test, y_test))
