"""Readmission model: patients joined to their visits, filtered, a column reindex nobody records, a positional
split, oversampled positives, a logistic regression. make_data.py says what happens to which patient."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

FEATURES = ["age", "visits", "los_days"]

patients = pd.read_csv("data/patients.csv")
visits = pd.read_csv("data/visits.csv")
df = patients.merge(visits, on="patient_id", how="inner")
df = df[df["age"] >= 18]
df = df.reset_index(drop=True)
df = df.reindex(columns=["patient_id", "sex", *FEATURES, "readmitted"])
df = df.dropna()
train, test = train_test_split(df, test_size=0.25, shuffle=False)
train = pd.concat([train, train[train["readmitted"] == 1]])
model = LogisticRegression(max_iter=500)
model.fit(train[FEATURES].to_numpy(), train["readmitted"])
proba = model.predict_proba(test[FEATURES].to_numpy())
