"""Classify incoming support tickets with the trained model."""
import pickle

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

with open("ticket_router.pkl", "rb") as f:
    router = pickle.load(f)

tickets = pd.read_csv("new_tickets.csv")
vectorizer = TfidfVectorizer(max_features=20000, ngram_range=(1, 2))
X_new = vectorizer.fit_transform(tickets["body"].fillna(""))  # expect: mismatch/refit-at-inference

tickets["queue"] = router.predict(X_new)
tickets[["ticket_id", "queue"]].to_csv("routed.csv", index=False)
print(tickets["queue"].value_counts())
