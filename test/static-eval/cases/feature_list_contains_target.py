"""Medical insurance charges regression with a hand-picked feature list."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score

ins = pd.read_csv("insurance.csv")
ins["smoker"] = (ins["smoker"] == "yes").astype(int)
ins["male"] = (ins["sex"] == "male").astype(int)

FEATURES = ["age", "bmi", "children", "smoker", "male", "charges"]
TARGET = "charges"

X = ins[FEATURES]  # expect: leakage/target
y = ins[TARGET]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)

rf = RandomForestRegressor(n_estimators=300, random_state=1).fit(X_train, y_train)
print("R2 on test:", r2_score(y_test, rf.predict(X_test)))
