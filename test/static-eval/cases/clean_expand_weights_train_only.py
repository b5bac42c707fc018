"""Frequency weights expanded inside the training split only."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

survey = pd.read_csv("survey_weighted.csv")
train, test = train_test_split(survey, test_size=0.3, random_state=0)
train = train.loc[train.index.repeat(train["freq_weight"])]

cols = ["age", "education_years", "hours_per_week"]
clf = LogisticRegression(max_iter=1000).fit(train[cols], train["votes"])
print("accuracy", accuracy_score(test["votes"], clf.predict(test[cols])))
