# Adult income: one ColumnTransformer for numeric and categorical columns.
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

adult = pd.read_csv("adult.csv")
y = (adult.pop("income") == ">50K").astype(int)

numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex"]

ct = ColumnTransformer([
    ("num", StandardScaler(), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
])
X = ct.fit_transform(adult)  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
clf = LogisticRegression(max_iter=3000).fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, clf.predict(X_test)))
