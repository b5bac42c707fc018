# Kaggle submission: fit on the labelled train.csv, predict the unlabelled test.csv.
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
cols = ["Pclass", "Age", "SibSp", "Parch", "Fare"]

imputer = SimpleImputer(strategy="median").fit(train[cols])
scaler = StandardScaler().fit(imputer.transform(train[cols]))

X_train = scaler.transform(imputer.transform(train[cols]))
X_test = scaler.transform(imputer.transform(test[cols]))

clf = LogisticRegression(max_iter=1000).fit(X_train, train["Survived"])
pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": clf.predict(X_test)}).to_csv("submission.csv", index=False)
