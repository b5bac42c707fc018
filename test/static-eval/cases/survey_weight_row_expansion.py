"""Survey microdata: each respondent carries an integer frequency weight.

Expand rows by weight so the classifier sees the population distribution.
"""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

resp = pd.read_csv("health_survey_responses.csv")
resp["fw"] = resp["freq_weight"].round().clip(lower=1).astype(int)
expanded = resp.loc[resp.index.repeat(resp["fw"])].reset_index(drop=True)  # expect: leakage/overlap

cols = ["age_group", "smoker", "bmi_class", "exercise_days", "sleep_hours", "income_band"]
X_train, X_test, y_train, y_test = train_test_split(expanded[cols], expanded["self_rated_poor_health"],
                                                    test_size=0.2, random_state=0)
rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, rf.predict(X_test)))
