"""Up-sample the minority class by hand with sklearn.utils.resample, then model."""
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score

df = pd.read_csv("insurance_claims.csv")
majority = df[df.fraud_reported == 0]
minority = df[df.fraud_reported == 1]

minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=123)  # expect: leakage/overlap
balanced = pd.concat([majority, minority_up]).reset_index(drop=True)

X = balanced[["policy_annual_premium", "total_claim_amount", "injury_claim", "vehicle_claim", "months_as_customer"]]
y = balanced["fraud_reported"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=123)

model = LogisticRegression(max_iter=1000)
model.fit(X_train, y_train)
print("balanced accuracy:", balanced_accuracy_score(y_test, model.predict(X_test)))
