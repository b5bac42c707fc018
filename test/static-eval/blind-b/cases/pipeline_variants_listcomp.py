# Newsgroups topic classifier: three vectoriser/classifier pairs, one line each
from sklearn.datasets import fetch_20newsgroups
from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer
from sklearn.naive_bayes import ComplementNB
from sklearn.linear_model import RidgeClassifier
from sklearn.svm import LinearSVC
from sklearn.pipeline import make_pipeline

cats = ["sci.space", "rec.autos", "comp.graphics", "talk.politics.misc"]
train = fetch_20newsgroups(subset="train", categories=cats, remove=("headers", "footers"))
test = fetch_20newsgroups(subset="test", categories=cats, remove=("headers", "footers"))

variants = [
    make_pipeline(CountVectorizer(min_df=2), ComplementNB()),
    make_pipeline(TfidfVectorizer(sublinear_tf=True), RidgeClassifier()),
    make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LinearSVC(C=0.5)),
]
scores = [v.fit(train.data, train.target).score(test.data, test.target) for v in variants]  # expect: leakage/multi-test
for v, s in zip(variants, scores):
    print(v.steps[-1][0], round(s, 4))
