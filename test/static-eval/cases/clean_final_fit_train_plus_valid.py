"""Choose C on the validation file, refit on train + validation, report once on the test file."""
import joblib
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

train_df = pd.read_csv("splits/train.csv")
valid_df = pd.read_csv("splits/valid.csv")
test_df = pd.read_csv("splits/test.csv")
cols = [c for c in train_df.columns if c.startswith("f_")]

best_acc, best_C = 0.0, None
for C in (0.01, 0.1, 1.0, 10.0):
    pipe = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000)).fit(train_df[cols], train_df["label"])
    acc = accuracy_score(valid_df["label"], pipe.predict(valid_df[cols]))
    if acc > best_acc:
        best_acc, best_C = acc, C

full = pd.concat([train_df, valid_df], ignore_index=True)
release = make_pipeline(StandardScaler(), LogisticRegression(C=best_C, max_iter=2000)).fit(full[cols], full["label"])
joblib.dump(release, "release_model.joblib")
print("released with C =", best_C, "test accuracy", accuracy_score(test_df["label"], release.predict(test_df[cols])))
