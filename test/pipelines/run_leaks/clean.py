"""The same data handled correctly: no leakage finding of any kind is expected from its run."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("events.csv", parse_dates=["event_time"])
df = df.drop_duplicates()
df = df.sort_values("event_time")
features = ["spend", "visits", "tenure"]
train, test = train_test_split(df, test_size=0.25, shuffle=False)
scaler = StandardScaler().fit(train[features])
model = LogisticRegression(max_iter=500).fit(scaler.transform(train[features]), train["churned"])
print("score", model.score(scaler.transform(test[features]), test["churned"]))
