# Nightly tagging: the loaded vectorizer only transforms.
import joblib
import pandas as pd

vectorizer = joblib.load("artifacts/tfidf.joblib")
classifier = joblib.load("artifacts/topic_svm.joblib")

articles = pd.read_json("new_articles.jsonl", lines=True)
articles["topic"] = classifier.predict(vectorizer.transform(articles["body"]))
articles[["article_id", "topic"]].to_csv("tagged.csv", index=False)
