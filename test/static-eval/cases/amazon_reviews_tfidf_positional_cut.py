# Amazon fine-food reviews -> positive/negative
# rows are already shuffled in the export, so first 80% is train, rest is test
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.metrics import f1_score

reviews = pd.read_csv("Reviews.csv", usecols=["Text", "Score"])
reviews = reviews[reviews.Score != 3]
reviews["positive"] = (reviews.Score > 3).astype(int)

tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=5, sublinear_tf=True, stop_words="english")
tfidf.fit(reviews.Text)  # expect: leakage/preprocessing

cut = int(len(reviews) * 0.8)
train_part, test_part = reviews.iloc[:cut], reviews.iloc[cut:]

Xtr = tfidf.transform(train_part.Text)
Xte = tfidf.transform(test_part.Text)

svm = LinearSVC(C=0.3)
svm.fit(Xtr, train_part.positive)
print("macro F1 on held-out reviews:", f1_score(test_part.positive, svm.predict(Xte), average="macro"))
