"""News topic classifier: bag of words + TF-IDF weighting + linear SVM."""
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import accuracy_score

news = pd.read_json("news_category.json", lines=True)
news = news[news["category"].isin(["POLITICS", "WELLNESS", "ENTERTAINMENT", "TRAVEL"])]
text = (news["headline"] + " " + news["short_description"]).str.lower()

counts = CountVectorizer(ngram_range=(1, 2), min_df=3).fit_transform(text)  # expect: leakage/preprocessing
weighted = TfidfTransformer(sublinear_tf=True).fit_transform(counts)  # expect: leakage/preprocessing

Xtr, Xte, ytr, yte = train_test_split(weighted, news["category"], test_size=0.2, random_state=0, stratify=news["category"])
svm = LinearSVC(C=0.5).fit(Xtr, ytr)
print("accuracy", accuracy_score(yte, svm.predict(Xte)))
