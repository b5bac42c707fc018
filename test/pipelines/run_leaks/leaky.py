"""A pipeline with every leak a run shows: see make_data.py for the planted facts."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from helpers import scale_columns

df = pd.read_csv("events.csv", parse_dates=["event_time"])
df = scale_columns(df, ["spend", "visits"])
df["loyalty"] = df["churned"] * 3 + df["tenure"] // 20
df = pd.concat([df, df[df["churned"] == 1]], ignore_index=True)
train, test = train_test_split(df, test_size=0.25, random_state=0)
features = ["spend", "visits", "tenure", "loyalty"]
lr = LogisticRegression(max_iter=500).fit(train[features], train["churned"])
nb = GaussianNB().fit(train[features], train["churned"])
print("lr", lr.score(test[features], test["churned"]))
print("nb", nb.score(test[features], test["churned"]))
