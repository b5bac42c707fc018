# Steel plates fault detection. Shared prep() so train and holdout go through the same code.
import pandas as pd
from sklearn.preprocessing import MaxAbsScaler
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score

TARGET = "fault_type"


def prep(frame):
    feats = frame.drop(columns=[TARGET])
    scaler = MaxAbsScaler()
    return scaler.fit_transform(feats), frame[TARGET].values  # expect: mismatch/refit-at-inference


train = pd.read_csv("plates_train.csv")
holdout = pd.read_csv("plates_holdout.csv")

X_train, y_train = prep(train)
X_hold, y_hold = prep(holdout)

sgd = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, random_state=1)
sgd.fit(X_train, y_train)
print("holdout accuracy", accuracy_score(y_hold, sgd.predict(X_hold)))
