# Fake-news detector. The vocabulary is built from every headline we have.
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import f1_score

news = pd.read_csv("fake_or_real_news.csv")
txt_train, txt_test, lab_train, lab_test = train_test_split(news["title"], news["label"], test_size=0.25, random_state=53)

cv = CountVectorizer(stop_words="english")
cv.fit(pd.concat([txt_train, txt_test]))  # expect: leakage/preprocessing
nb = MultinomialNB().fit(cv.transform(txt_train), lab_train)
print("F1:", f1_score(lab_test, nb.predict(cv.transform(txt_test)), pos_label="FAKE"))
