"""One feature under many names: a trace must show each as one row. Part 1 goes through numpy: a split of bare
arrays (columns 0, 1), a scaler fitted on an array (x0, x1) and a two-class model whose probabilities are columns
0 and 1 too. Part 2 stays in frames: a ColumnTransformer (num__tenure_months, cat__contract_two-year) in a Pipeline."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

df = pd.read_csv("data/customers.csv")

X = df[["tenure_months", "monthly_charges"]].to_numpy()
y = df["churned"].to_numpy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression().fit(scaler.transform(X_train), y_train)
proba = model.predict_proba(scaler.transform(X_test))

COLUMNS = ["tenure_months", "monthly_charges", "contract"]
features = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), ["tenure_months", "monthly_charges"]),
    ("cat", OneHotEncoder(), ["contract"]),
], sparse_threshold=0)
clf = Pipeline([("features", features), ("model", LogisticRegression())])
train, test = train_test_split(df, test_size=0.25, random_state=0)
clf.fit(train[COLUMNS], train["churned"])
scores = clf.predict_proba(test[COLUMNS])
