# Employee attrition. Cleaning lives in a helper so the training script stays short.
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

NUMERIC = ["Age", "MonthlyIncome", "TotalWorkingYears", "YearsAtCompany", "DistanceFromHome"]
TRAVEL = {"Non-Travel": 0, "Travel_Rarely": 1, "Travel_Frequently": 2}


def preprocess(frame):
    frame = frame.copy()
    frame["BusinessTravel"] = frame["BusinessTravel"].map(TRAVEL).fillna(0)
    frame["OverTime"] = (frame["OverTime"] == "Yes").astype(int)
    scaler = StandardScaler()
    frame[NUMERIC] = scaler.fit_transform(frame[NUMERIC])  # expect: leakage/preprocessing
    return frame


hr = pd.read_csv("hr_attrition.csv")
hr["Attrition"] = (hr["Attrition"] == "Yes").astype(int)
hr = preprocess(hr)

X = hr[NUMERIC + ["BusinessTravel", "OverTime"]]
y = hr["Attrition"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=21)

logit = LogisticRegression(class_weight="balanced", max_iter=1000)
logit.fit(X_train, y_train)
print("F1 on test:", f1_score(y_test, logit.predict(X_test)))
