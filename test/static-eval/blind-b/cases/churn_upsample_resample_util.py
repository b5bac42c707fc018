# Bank churn: balance classes by up-sampling the churners, then logistic regression
import pandas as pd
from sklearn.utils import resample
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

bank = pd.read_csv("Churn_Modelling.csv")
bank = bank.drop(columns=["RowNumber", "CustomerId", "Surname"])
bank = pd.get_dummies(bank, columns=["Geography", "Gender"], drop_first=True)

stayed = bank[bank.Exited == 0]
left = bank[bank.Exited == 1]

left_up = resample(left, replace=True, n_samples=len(stayed), random_state=123)  # expect: leakage/overlap
balanced = pd.concat([stayed, left_up]).sample(frac=1.0, random_state=123)
print(balanced.Exited.value_counts())

X = balanced.drop(columns="Exited")
y = balanced.Exited
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=123)

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
clf.fit(X_train, y_train)
print(classification_report(y_test, clf.predict(X_test)))
