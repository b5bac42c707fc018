# Legal document classifier with latent semantic analysis (TF-IDF + truncated SVD).
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.decomposition import TruncatedSVD
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

docs = pd.read_csv("contracts.csv")

tfidf = TfidfVectorizer(max_df=0.8, min_df=5, stop_words="english")
doc_term = tfidf.fit_transform(docs["text"])  # expect: leakage/preprocessing
svd = TruncatedSVD(n_components=200, random_state=0)
topics = svd.fit_transform(doc_term)  # expect: leakage/preprocessing

t_train, t_test, c_train, c_test = train_test_split(topics, docs["clause_type"], test_size=0.2, random_state=0)
clf = LogisticRegression(max_iter=3000).fit(t_train, c_train)
print("macro F1:", f1_score(c_test, clf.predict(t_test), average="macro"))
