"""A small pipeline that goes through many kinds of step, so their labels can be checked on every stack."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def clean(df):
    df = df[df.county != "county3"]
    return df.dropna(subset=["income"])


people = pd.read_csv("data/people.csv")
accounts = pd.read_csv("data/accounts.csv")
people = clean(people)
people = people.drop(columns=["notes"])
df = people.merge(accounts, on="ssn", how="inner")
df["age_bucket"] = (df["age"] // 10) * 10
df["income"] = df["income"].round(0)
df = df.assign(rich=df["income"] > 60)
adults = df.query("age >= 21")
adults = adults.sort_values("balance")
top = adults.nlargest(5, "income")
dummies = pd.get_dummies(adults[["county"]], dtype=int)  # uint8 on pandas 1.x, bool on 2+ by default
X = pd.concat([adults[["age", "income", "balance"]], dummies], axis=1)
y = adults["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
scaler = StandardScaler()
X_train_s = scaler.fit_transform(X_train)
model = LogisticRegression(max_iter=200).fit(X_train_s, y_train)
pred = model.predict(scaler.transform(X_test))
by_county = df.groupby("county").mean(numeric_only=True)
print(len(top), len(by_county), pred.mean())
