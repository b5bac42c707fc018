"""Employee satisfaction regression; the label column name lives in one constant."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score

TARGET = "satisfaction"
ID_COLS = ["employee_id", "manager_id"]

survey = pd.read_csv("engagement_survey.csv")
X = survey.drop(columns=ID_COLS + [TARGET])
y = survey[TARGET]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=8)
rf = RandomForestRegressor(n_estimators=250, random_state=8).fit(X_train, y_train)
print("R2:", r2_score(y_test, rf.predict(X_test)))
