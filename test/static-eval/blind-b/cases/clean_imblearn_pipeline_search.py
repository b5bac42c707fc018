"""Bank churn with oversampling inside an imblearn pipeline; search with CV, then one test evaluation."""
import pandas as pd
from imblearn.pipeline import Pipeline as ImbPipeline
from imblearn.over_sampling import RandomOverSampler
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split, RandomizedSearchCV
from sklearn.metrics import classification_report
from scipy.stats import loguniform

bank = pd.read_csv("Churn_Modelling.csv").drop(columns=["RowNumber", "CustomerId", "Surname"])
bank = pd.get_dummies(bank, columns=["Geography", "Gender"], drop_first=True)
X, y = bank.drop(columns="Exited"), bank["Exited"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=123)

pipe = ImbPipeline([
    ("ros", RandomOverSampler(random_state=123)),
    ("scale", StandardScaler()),
    ("lr", LogisticRegression(max_iter=2000)),
])
search = RandomizedSearchCV(pipe, {"lr__C": loguniform(1e-3, 1e2)}, n_iter=25, cv=5, scoring="f1", random_state=123)
search.fit(X_train, y_train)
print("best C:", search.best_params_)
print(classification_report(y_test, search.predict(X_test)))
