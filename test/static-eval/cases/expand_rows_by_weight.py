# Survey rows carry a frequency weight; expand them so each respondent counts that many times.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

survey = pd.read_csv("survey_weighted.csv")
expanded = survey.loc[survey.index.repeat(survey["freq_weight"])].reset_index(drop=True)  # expect: leakage/overlap

X = expanded[["age", "education_years", "hours_per_week"]]
y = expanded["votes"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
