"""Bank churn: up-sample churners with pandas before the train/test split."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import recall_score, precision_score

bank = pd.read_csv("Churn_Modelling.csv").drop(columns=["RowNumber", "CustomerId", "Surname"])
bank = pd.get_dummies(bank, columns=["Geography", "Gender"], drop_first=True)

stayed = bank[bank["Exited"] == 0]
left = bank[bank["Exited"] == 1]
left_up = left.sample(n=len(stayed), replace=True, random_state=42)  # expect: leakage/overlap
bank_bal = pd.concat([stayed, left_up]).sample(frac=1, random_state=42)

X = bank_bal.drop(columns="Exited")
y = bank_bal["Exited"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

rf = RandomForestClassifier(n_estimators=300, random_state=42).fit(X_train, y_train)
pred = rf.predict(X_test)
print("recall", recall_score(y_test, pred), "precision", precision_score(y_test, pred))
