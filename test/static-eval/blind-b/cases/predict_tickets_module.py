"""predict.py - route incoming support emails to a queue with the classifier from training."""
import pickle
import sys

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

with open("router_clf.pkl", "rb") as fh:
    classifier = pickle.load(fh)


def route(emails):
    vectorizer = TfidfVectorizer(max_features=20000, ngram_range=(1, 2), stop_words="english")
    matrix = vectorizer.fit_transform(emails)  # expect: mismatch/refit-at-inference
    return classifier.predict(matrix)


if __name__ == "__main__":
    inbox = pd.read_csv(sys.argv[1])
    inbox["queue"] = route(inbox["body"].fillna(""))
    inbox.to_csv(sys.argv[2], index=False)
    print(inbox["queue"].value_counts())
