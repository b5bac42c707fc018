# Two separate models for two targets, each with its own hold-out set and one evaluation.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, mean_absolute_error

students = pd.read_csv("student_performance.csv")
features = ["studytime", "failures", "absences", "goout", "health"]

# Task 1: pass / fail
Xp_train, Xp_test, yp_train, yp_test = train_test_split(students[features], students["passed"], test_size=0.2, random_state=0)
clf = RandomForestClassifier(n_estimators=200, random_state=0).fit(Xp_train, yp_train)
print("pass/fail accuracy:", accuracy_score(yp_test, clf.predict(Xp_test)))

# Task 2: final grade
Xg_train, Xg_test, yg_train, yg_test = train_test_split(students[features], students["G3"], test_size=0.2, random_state=1)
reg = RandomForestRegressor(n_estimators=200, random_state=1).fit(Xg_train, yg_train)
print("grade MAE:", mean_absolute_error(yg_test, reg.predict(Xg_test)))
