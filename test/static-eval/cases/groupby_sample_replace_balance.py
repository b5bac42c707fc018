# Intent classification for support tickets (5 intents, very unbalanced)
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import PassiveAggressiveClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

tickets = pd.read_json("tickets.jsonl", lines=True)
largest = tickets["intent"].value_counts().max()

balanced = tickets.groupby("intent", group_keys=False).sample(n=largest, replace=True, random_state=0)  # expect: leakage/overlap

hasher = HashingVectorizer(n_features=2**18, alternate_sign=False)
X = hasher.transform(balanced["body"])
y = balanced["intent"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
pa = PassiveAggressiveClassifier(C=0.05, max_iter=100, random_state=0).fit(X_train, y_train)
print(classification_report(y_test, pa.predict(X_test)))
