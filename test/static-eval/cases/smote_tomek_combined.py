"""Customer default: combined over/under-sampling (SMOTE + Tomek links)."""
import pandas as pd
from imblearn.combine import SMOTETomek
from sklearn.model_selection import train_test_split
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import f1_score


def load():
    frame = pd.read_csv("default_of_credit_card_clients.csv", skiprows=1)
    return frame.drop(columns=["ID", "default payment next month"]), frame["default payment next month"]


features, labels = load()
resampler = SMOTETomek(random_state=11)
features, labels = resampler.fit_resample(features, labels)  # expect: leakage/overlap

f_tr, f_te, l_tr, l_te = train_test_split(features, labels, test_size=0.2, random_state=11)
ada = AdaBoostClassifier(n_estimators=300, learning_rate=0.5).fit(f_tr, l_tr)
print("F1 (test):", f1_score(l_te, ada.predict(f_te)))
