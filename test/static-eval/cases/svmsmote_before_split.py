# Glass type 6 is rare; SVM-SMOTE creates synthetic samples near the class border.
import pandas as pd
from imblearn.over_sampling import SVMSMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

glass = pd.read_csv("glass.csv")
feats, kind = glass.drop(columns="Type"), glass["Type"]

feats_bal, kind_bal = SVMSMOTE(random_state=2, k_neighbors=3).fit_resample(feats, kind)  # expect: leakage/overlap
f_tr, f_te, k_tr, k_te = train_test_split(feats_bal, kind_bal, test_size=0.3, stratify=kind_bal, random_state=2)

rf = RandomForestClassifier(n_estimators=300, random_state=2).fit(f_tr, k_tr)
print(classification_report(k_te, rf.predict(f_te)))
