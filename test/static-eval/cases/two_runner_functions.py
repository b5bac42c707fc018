# Each experiment lives in its own function; both report on the same hold-out split.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.metrics import accuracy_score

reviews = pd.read_csv("review_embeddings.csv")
X_train, X_test, y_train, y_test = train_test_split(reviews.drop(columns="stars"), reviews["stars"], test_size=0.2, random_state=0)


def run_logreg():
    m = LogisticRegression(max_iter=3000).fit(X_train, y_train)
    return accuracy_score(y_test, m.predict(X_test))


def run_svm():
    m = LinearSVC(C=0.5).fit(X_train, y_train)
    return accuracy_score(y_test, m.predict(X_test))  # expect: leakage/multi-test


if __name__ == "__main__":
    print("logreg", run_logreg())
    print("svm   ", run_svm())
