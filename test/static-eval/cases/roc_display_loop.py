# Overlay the ROC curves of the candidate models and keep the best AUC.
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import RocCurveDisplay
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier

ads = pd.read_csv("ad_click_numeric.csv")
X_train, X_test, y_train, y_test = train_test_split(ads.drop(columns="clicked"), ads["clicked"], test_size=0.25, random_state=0)

fig, ax = plt.subplots()
aucs = {}
for clf in (LogisticRegression(max_iter=1000), RandomForestClassifier(random_state=0), GradientBoostingClassifier(random_state=0)):
    clf.fit(X_train, y_train)
    disp = RocCurveDisplay.from_estimator(clf, X_test, y_test, ax=ax)  # expect: leakage/multi-test
    aucs[type(clf).__name__] = disp.roc_auc
print(max(aucs, key=aucs.get), aucs)
fig.savefig("roc_curves.png")
