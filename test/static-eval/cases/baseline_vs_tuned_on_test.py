# Does tuning beat the default random forest?
import pandas as pd
from sklearn.model_selection import train_test_split, RandomizedSearchCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

cover = pd.read_csv("covtype_sample.csv")
X = cover.drop(columns="Cover_Type")
y = cover["Cover_Type"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0, stratify=y)

baseline = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print("baseline test accuracy:", accuracy_score(y_test, baseline.predict(X_test)))

search = RandomizedSearchCV(
    RandomForestClassifier(random_state=0),
    {"n_estimators": [200, 400, 800], "max_features": ["sqrt", 0.3, 0.5], "min_samples_leaf": [1, 2, 4]},
    n_iter=15,
    cv=3,
    random_state=0,
)
search.fit(X_train, y_train)
print("tuned test accuracy:", accuracy_score(y_test, search.best_estimator_.predict(X_test)))  # expect: leakage/multi-test
