"""Product review polarity, wrapped in a small class so the notebook code can be reused."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report


class ReviewClassifier:
    def __init__(self, max_features=40000):
        self.vec = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=max_features,
                                   sublinear_tf=True, strip_accents="unicode")
        self.model = SGDClassifier(loss="modified_huber", alpha=1e-5, random_state=0)

    def featurize(self, texts):
        return self.vec.fit_transform(texts)  # expect: leakage/preprocessing

    def train(self, X, y):
        self.model.fit(X, y)
        return self

    def report(self, X, y):
        print(classification_report(y, self.model.predict(X), digits=3))


def load_reviews(path):
    df = pd.read_json(path, lines=True)
    df = df[df["overall"] != 3]
    df["positive"] = (df["overall"] > 3).astype(int)
    return df["reviewText"].fillna(""), df["positive"]


if __name__ == "__main__":
    texts, labels = load_reviews("reviews_Electronics_5.json")
    rc = ReviewClassifier()
    matrix = rc.featurize(texts)
    m_train, m_test, l_train, l_test = train_test_split(matrix, labels, test_size=0.2, random_state=3)
    rc.train(m_train, l_train).report(m_test, l_test)
