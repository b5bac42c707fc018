"""Fit the scaler on train and validation together so it sees more data."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

train_df = pd.read_csv("splits/train.csv")
valid_df = pd.read_csv("splits/valid.csv")
cols = [c for c in train_df.columns if c.startswith("f_")]

scaler = StandardScaler()
scaler.fit(pd.concat([train_df[cols], valid_df[cols]]))  # expect: leakage/preprocessing

clf = LogisticRegression(max_iter=2000)
clf.fit(scaler.transform(train_df[cols]), train_df["label"])
print("validation accuracy:", accuracy_score(valid_df["label"], clf.predict(scaler.transform(valid_df[cols]))))
