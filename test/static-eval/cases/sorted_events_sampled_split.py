# App sessions ordered by event time; 80% random sample for training, rest for testing.
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

sessions = pd.read_csv("sessions.csv", parse_dates=["event_time"]).set_index("event_time").sort_index()
sessions["clicks_rolling_1h"] = sessions["clicks"].rolling("1h").sum()

train = sessions.sample(frac=0.8, random_state=1)  # expect: leakage/temporal
test = sessions.drop(train.index)
cols = ["clicks", "clicks_rolling_1h", "scroll_depth", "is_mobile"]
gbc = GradientBoostingClassifier().fit(train[cols], train["purchased"])
print("AUC", roc_auc_score(test["purchased"], gbc.predict_proba(test[cols])[:, 1]))
