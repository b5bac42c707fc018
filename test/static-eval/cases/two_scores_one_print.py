"""Quick sanity check of two baselines."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier

votes = pd.read_csv("congress_votes_numeric.csv")
X_tr, X_te, y_tr, y_te = train_test_split(votes.drop(columns="party"), votes["party"], random_state=0)

dummy = DummyClassifier(strategy="most_frequent").fit(X_tr, y_tr)
print("majority-class baseline:", dummy.score(X_te, y_te))

lr = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
rf = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
print(f"logreg {lr.score(X_te, y_te):.3f} | forest {rf.score(X_te, y_te):.3f}")  # expect: leakage/multi-test
