"""Skewed financial ratios: Yeo-Johnson transform, then an SVM."""
import pandas as pd
from sklearn.preprocessing import PowerTransformer
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import balanced_accuracy_score

firms = pd.read_csv("bankruptcy_ratios.csv")
ratios = firms.drop(columns=["Bankrupt?"])
bankrupt = firms["Bankrupt?"]

pt = PowerTransformer(method="yeo-johnson")
ratios_t = pt.fit_transform(ratios)  # expect: leakage/preprocessing

r_train, r_test, b_train, b_test = train_test_split(ratios_t, bankrupt, test_size=0.2, stratify=bankrupt, random_state=1)
svm = SVC(class_weight="balanced", C=2.0).fit(r_train, b_train)
print("balanced accuracy:", balanced_accuracy_score(b_test, svm.predict(r_test)))
