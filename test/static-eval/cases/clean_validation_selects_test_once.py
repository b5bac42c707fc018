"""Three-way split: tune C on the validation set, touch the test set once at the end."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

adult = pd.read_csv("adult_numeric.csv")
X = adult.drop(columns="income_gt_50k").to_numpy()
y = adult["income_gt_50k"].to_numpy()

X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, random_state=0, stratify=y_rest)

val_auc = {}
for C in np.logspace(-3, 2, 6):
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X_train, y_train)
    val_auc[C] = roc_auc_score(y_val, clf.predict_proba(X_val)[:, 1])
    print(f"C={C:g}  validation AUC={val_auc[C]:.4f}")

best_C = max(val_auc, key=val_auc.get)
final = LogisticRegression(C=best_C, max_iter=3000).fit(X_train, y_train)
print("test AUC of the selected model:", roc_auc_score(y_test, final.predict_proba(X_test)[:, 1]))
