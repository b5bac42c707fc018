# Phishing URL classifier: drop exact duplicates, shuffle once, then split
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

urls = pd.read_csv("phishing_features.csv")
print("rows before dedupe:", len(urls))
urls = urls.drop_duplicates().sample(frac=1.0, random_state=123).reset_index(drop=True)
print("rows after dedupe:", len(urls))

X = urls.drop(columns=["label"])
y = urls["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=123)

rf = RandomForestClassifier(n_estimators=400, n_jobs=-1, random_state=123)
rf.fit(X_train, y_train)
print("F1 (phishing):", f1_score(y_test, rf.predict(X_test)))
