# Score every candidate on the hold-out split in one expression.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score
from sklearn.naive_bayes import GaussianNB
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis

seeds = pd.read_csv("wheat_seeds.csv")
X_train, X_test, y_train, y_test = train_test_split(seeds.iloc[:, :7], seeds["variety"], test_size=0.3, random_state=1)

models = {"gnb": GaussianNB(), "lda": LinearDiscriminantAnalysis(), "qda": QuadraticDiscriminantAnalysis()}
acc = {name: accuracy_score(y_test, m.fit(X_train, y_train).predict(X_test)) for name, m in models.items()}  # expect: leakage/multi-test
print(sorted(acc.items(), key=lambda kv: kv[1], reverse=True))
