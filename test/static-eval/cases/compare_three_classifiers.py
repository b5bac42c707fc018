# Which classifier works best for the bank marketing data?
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.metrics import accuracy_score, f1_score

bank = pd.read_csv("bank.csv", sep=";")
bank["y"] = (bank["y"] == "yes").astype(int)
num = ["age", "balance", "duration", "campaign", "pdays", "previous"]
X_train, X_test, y_train, y_test = train_test_split(bank[num], bank["y"], test_size=0.2, random_state=0)

# logistic regression
logreg = LogisticRegression(max_iter=1000)
logreg.fit(X_train, y_train)
lr_pred = logreg.predict(X_test)
print("LR  acc", accuracy_score(y_test, lr_pred))
print("LR  f1 ", f1_score(y_test, lr_pred))

# random forest
forest = RandomForestClassifier(n_estimators=200, random_state=0)
forest.fit(X_train, y_train)
rf_pred = forest.predict(X_test)
print("RF  acc", accuracy_score(y_test, rf_pred))  # expect: leakage/multi-test
print("RF  f1 ", f1_score(y_test, rf_pred))  # expect: leakage/multi-test

# gradient boosting
gbm = GradientBoostingClassifier(random_state=0)
gbm.fit(X_train, y_train)
gb_pred = gbm.predict(X_test)
print("GBM acc", accuracy_score(y_test, gb_pred))  # expect: leakage/multi-test
print("GBM f1 ", f1_score(y_test, gb_pred))  # expect: leakage/multi-test
