"""Helper that balances a frame, used before splitting."""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score

TARGET = "defect"


def balance(frame):
    ros = RandomOverSampler(random_state=0)
    X_res, y_res = ros.fit_resample(frame.drop(columns=TARGET), frame[TARGET])  # expect: leakage/overlap
    X_res[TARGET] = y_res
    return X_res


parts = pd.read_csv("manufacturing_qc.csv")
parts = balance(parts)
train_df, test_df = train_test_split(parts, test_size=0.25, random_state=0)

gbc = GradientBoostingClassifier().fit(train_df.drop(columns=TARGET), train_df[TARGET])
print("F1:", f1_score(test_df[TARGET], gbc.predict(test_df.drop(columns=TARGET))))
