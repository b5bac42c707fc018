# Recursive feature elimination to find the 8 most useful predictors of readmission.
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

hosp = pd.read_csv("readmissions.csv")
predictors = hosp.drop(columns=["patient_nbr", "readmitted"])
outcome = hosp["readmitted"]

rfe = RFE(estimator=LogisticRegression(max_iter=2000), n_features_to_select=8)
rfe.fit(predictors, outcome)  # expect: leakage/preprocessing
chosen = predictors.columns[rfe.support_].tolist()
print("selected:", chosen)

p_train, p_test, o_train, o_test = train_test_split(predictors[chosen], outcome, test_size=0.2, random_state=12)
forest = RandomForestClassifier(n_estimators=250, random_state=12)
forest.fit(p_train, o_train)
print("F1:", f1_score(o_test, forest.predict(p_test)))
