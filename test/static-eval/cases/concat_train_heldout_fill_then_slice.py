# The hold-out file has labels too; clean both files together, then slice them apart again.
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

train = pd.read_csv("train.csv")
heldout = pd.read_csv("heldout_labelled.csv")
full = pd.concat([train, heldout], ignore_index=True)

full["Age"] = full["Age"].fillna(full["Age"].median())  # expect: leakage/preprocessing
full["Fare"] = full["Fare"].fillna(0)
cols = ["Pclass", "Age", "Fare", "SibSp", "Parch"]

tr = full.iloc[: len(train)]
ho = full.iloc[len(train):]
rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(tr[cols], tr["Survived"])
print("hold-out accuracy:", accuracy_score(ho["Survived"], rf.predict(ho[cols])))
