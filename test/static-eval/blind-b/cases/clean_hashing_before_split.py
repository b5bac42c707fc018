# Spam filter with the hashing trick (no vocabulary to learn, so it can run on everything up front)
import pandas as pd
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import PassiveAggressiveClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

mails = pd.read_csv("enron_spam.csv")
hasher = HashingVectorizer(n_features=2 ** 20, alternate_sign=False, ngram_range=(1, 2), norm="l2")
H = hasher.transform(mails["text"].fillna(""))

H_tr, H_te, s_tr, s_te = train_test_split(H, mails["spam"], test_size=0.2, random_state=0, stratify=mails["spam"])
pa = PassiveAggressiveClassifier(C=0.05, max_iter=50, random_state=0).fit(H_tr, s_tr)
pred = pa.predict(H_te)
print("F1:", f1_score(s_te, pred))
print("flagged", int(pred.sum()), "of", len(pred), "test mails")
