# Select hyper-parameters with CV on the training data, then one look at the test set.
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.svm import SVC
from sklearn.metrics import classification_report

parkinsons = pd.read_csv("parkinsons.csv")
X = parkinsons.drop(columns=["name", "status"])
y = parkinsons["status"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)

pipe = make_pipeline(StandardScaler(), SelectKBest(mutual_info_classif), SVC())
grid = GridSearchCV(
    pipe,
    {"selectkbest__k": [5, 10, 15], "svc__C": [0.5, 1, 5, 10], "svc__gamma": ["scale", 0.05]},
    cv=5,
)
grid.fit(X_train, y_train)
print("CV score of the best setting:", grid.best_score_)
print(classification_report(y_test, grid.predict(X_test)))
