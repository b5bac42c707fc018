"""Choose between three models on a validation split, then touch the test set once."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("bank_marketing.csv")
y = (df.pop("y") == "yes").astype(int)
X = pd.get_dummies(df, drop_first=True)

X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=6)
X_tr, X_val, y_tr, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=6)

options = {
    "lr": LogisticRegression(max_iter=5000, class_weight="balanced"),
    "rf": RandomForestClassifier(n_estimators=400, class_weight="balanced", random_state=6),
    "et": ExtraTreesClassifier(n_estimators=400, class_weight="balanced", random_state=6),
}
val_f1 = {}
for key, m in options.items():
    m.fit(X_tr, y_tr)
    val_f1[key] = f1_score(y_val, m.predict(X_val))

winner = options[max(val_f1, key=val_f1.get)]
winner.fit(X_rest, y_rest)
print("validation:", val_f1)
print("test F1 of chosen model:", f1_score(y_test, winner.predict(X_test)))
