# SMS spam: bag-of-words + multinomial NB, validated on a 20% split.
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.model_selection import train_test_split
from sklearn.metrics import precision_score, recall_score

sms = pd.read_csv("spam.csv", encoding="latin-1", usecols=[0, 1], names=["tag", "body"], header=0)
sms["is_spam"] = (sms["tag"] == "spam").astype(int)

body_tr, body_va, spam_tr, spam_va = train_test_split(
    sms["body"], sms["is_spam"], test_size=0.2, random_state=8, stratify=sms["is_spam"]
)

bow = CountVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b", min_df=2)
bow.fit(pd.concat([body_tr, body_va]))  # expect: leakage/preprocessing

nb = MultinomialNB(alpha=0.3)
nb.fit(bow.transform(body_tr), spam_tr)

guess = nb.predict(bow.transform(body_va))
print("precision", precision_score(spam_va, guess))
print("recall   ", recall_score(spam_va, guess))
