"""Double the intent data set with a cheap augmentation (lower-case, no punctuation)."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

intents = pd.read_csv("intents.csv")
augmented = intents.copy()
augmented["utterance"] = augmented["utterance"].str.lower().str.replace(r"[^\w\s]", "", regex=True)
intents = pd.concat([intents, augmented], ignore_index=True)  # expect: leakage/overlap

u_train, u_test, i_train, i_test = train_test_split(intents["utterance"], intents["intent"], test_size=0.2, random_state=0)
clf = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=2000)).fit(u_train, i_train)
print("accuracy", accuracy_score(i_test, clf.predict(u_test)))
