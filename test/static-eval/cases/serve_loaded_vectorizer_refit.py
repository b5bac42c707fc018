# Nightly tagging of new articles with the trained topic classifier.
import joblib
import pandas as pd

vectorizer = joblib.load("artifacts/tfidf.joblib")
classifier = joblib.load("artifacts/topic_svm.joblib")

articles = pd.read_json("new_articles.jsonl", lines=True)
X_new = vectorizer.fit_transform(articles["body"])  # expect: mismatch/refit-at-inference
articles["topic"] = classifier.predict(X_new)
articles[["article_id", "topic"]].to_csv("tagged.csv", index=False)
