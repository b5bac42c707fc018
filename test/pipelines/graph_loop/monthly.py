"""A pipeline with a loop: each month's file is read, cleaned and joined the same way, then all months are
concatenated, split and fitted. Recorded, it has one step per call (about 200); the pipeline graph folds the
loop into one node per line of its body."""
import os

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

MONTHS = int(os.environ.get("GRAPH_LOOP_MONTHS", "36"))

regions = pd.read_csv("data/regions.csv")
parts = []
for m in range(1, MONTHS + 1):
    df = pd.read_csv(f"data/month_{m:02d}.csv")
    df = df.dropna(subset=["amount"])
    df = df[df["amount"] > 0]
    df = df.merge(regions, on="region", how="left")
    df = df.assign(amount_k=df["amount"] / 1000)
    parts.append(df)

data = pd.concat(parts, ignore_index=True)
X = data[["amount_k", "weight"]]
y = data["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression().fit(scaler.transform(X_train), y_train)
print(f"accuracy {model.score(scaler.transform(X_test), y_test):.3f} on {len(data)} rows from {MONTHS} months")
