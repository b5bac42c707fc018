"""Sentiment: frozen DistilBERT embeddings + logistic regression head."""
import numpy as np
import pandas as pd
import torch
from transformers import AutoTokenizer, AutoModel
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

tweets = pd.read_csv("tweets_sentiment.csv")
tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
encoder = AutoModel.from_pretrained("distilbert-base-uncased").eval()

embs = []
with torch.no_grad():
    for start in range(0, len(tweets), 64):
        batch = tok(list(tweets.text[start:start + 64]), padding=True, truncation=True, return_tensors="pt")
        embs.append(encoder(**batch).last_hidden_state[:, 0].numpy())
E = np.vstack(embs)

E_tr, E_te, y_tr, y_te = train_test_split(E, tweets.label.values, test_size=0.2, random_state=0)
head = LogisticRegression(max_iter=2000).fit(E_tr, y_tr)
print("accuracy:", accuracy_score(y_te, head.predict(E_te)))
