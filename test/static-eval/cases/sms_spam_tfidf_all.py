"""SMS spam filter with TF-IDF features and naive Bayes."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import classification_report

sms = pd.read_csv("spam.csv", encoding="latin-1")[["v1", "v2"]]
sms.columns = ["label", "message"]
sms["label"] = (sms["label"] == "spam").astype(int)

vectorizer = TfidfVectorizer(stop_words="english", max_df=0.9, min_df=2)
features = vectorizer.fit_transform(sms["message"])  # expect: leakage/preprocessing

msg_train, msg_test, lab_train, lab_test = train_test_split(
    features, sms["label"], test_size=0.2, random_state=11
)

nb = MultinomialNB(alpha=0.1)
nb.fit(msg_train, lab_train)
print(classification_report(lab_test, nb.predict(msg_test), digits=3))
