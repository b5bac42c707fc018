# 20 newsgroups: TF-IDF + linear SVM inside a Pipeline.
from sklearn.datasets import fetch_20newsgroups
from sklearn.pipeline import Pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.metrics import classification_report

train = fetch_20newsgroups(subset="train", remove=("headers", "footers", "quotes"))
test = fetch_20newsgroups(subset="test", remove=("headers", "footers", "quotes"))

text_clf = Pipeline([
    ("tfidf", TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")),
    ("svm", LinearSVC(C=0.7)),
])
text_clf.fit(train.data, train.target)
print(classification_report(test.target, text_clf.predict(test.data), target_names=test.target_names))
