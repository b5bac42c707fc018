# Fraud detection: oversample only the training split; the test split keeps the real class ratio.
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, classification_report

tx = pd.read_csv("creditcard.csv")
features = tx.drop(columns=["Class", "Time"])
labels = tx["Class"]

f_train, f_test, l_train, l_test = train_test_split(features, labels, test_size=0.25, stratify=labels, random_state=1)

f_train_res, l_train_res = SMOTE(random_state=1).fit_resample(f_train, l_train)
print("after SMOTE:", l_train_res.value_counts().to_dict())

clf = LogisticRegression(max_iter=5000)
clf.fit(f_train_res, l_train_res)
scores = clf.predict_proba(f_test)[:, 1]
print("average precision:", average_precision_score(l_test, scores))
print(classification_report(l_test, scores > 0.5))
