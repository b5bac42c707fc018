"""Train stage saves the fitted scaler; the evaluation stage reloads it for the test file."""
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

COLS = ["f1", "f2", "f3", "f4"]


def train_stage():
    train = pd.read_csv("data/train.csv")
    scaler = StandardScaler().fit(train[COLS])
    model = LogisticRegression(max_iter=1000).fit(scaler.transform(train[COLS]), train["y"])
    joblib.dump((scaler, model), "work/model.joblib")


def evaluate_stage():
    scaler, model = joblib.load("work/model.joblib")
    test = pd.read_csv("data/test.csv")
    print("test accuracy", accuracy_score(test["y"], model.predict(scaler.transform(test[COLS]))))


if __name__ == "__main__":
    train_stage()
    evaluate_stage()
