"""Heart failure: three base models and a soft-voting ensemble over them."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.ensemble import GradientBoostingClassifier, VotingClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

hf = pd.read_csv("heart_failure_clinical_records.csv")
X = hf.drop(columns=["DEATH_EVENT"])
y = hf["DEATH_EVENT"]
Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)

lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(Xa, ya)
knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=9)).fit(Xa, ya)
gb = GradientBoostingClassifier(random_state=0).fit(Xa, ya)

print("lr ", lr.score(Xb, yb))
print("knn", knn.score(Xb, yb))  # expect: leakage/multi-test
print("gb ", gb.score(Xb, yb))  # expect: leakage/multi-test

vote = VotingClassifier([("lr", lr), ("knn", knn), ("gb", gb)], voting="soft").fit(Xa, ya)
print("vote", vote.score(Xb, yb))  # expect: leakage/multi-test
