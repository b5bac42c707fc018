# Churn is rare (about 7%), so balance the classes with SMOTE before training.
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, recall_score

churn = pd.read_csv("telecom_churn.csv")
churn = churn.drop(columns=["customerID"])
X = pd.get_dummies(churn.drop(columns="Churn"), drop_first=True)
y = churn["Churn"].map({"No": 0, "Yes": 1})

sm = SMOTE(random_state=42, k_neighbors=5)
X_bal, y_bal = sm.fit_resample(X, y)  # expect: leakage/overlap
print(y_bal.value_counts())

X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, test_size=0.2, random_state=42)

rf = RandomForestClassifier(n_estimators=400, n_jobs=-1, random_state=42)
rf.fit(X_train, y_train)
pred = rf.predict(X_test)
print(classification_report(y_test, pred))
print("recall (churners):", recall_score(y_test, pred))
