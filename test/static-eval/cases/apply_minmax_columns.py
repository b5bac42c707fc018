"""Min-max scale every feature column with pandas, then a random forest."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

wq = pd.read_csv("water_quality.csv").dropna()
feature_cols = [c for c in wq.columns if c != "is_safe"]
wq[feature_cols] = wq[feature_cols].apply(lambda col: (col - col.min()) / (col.max() - col.min()))  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(wq[feature_cols], wq["is_safe"], test_size=0.2, random_state=0)
rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, rf.predict(X_test)))
