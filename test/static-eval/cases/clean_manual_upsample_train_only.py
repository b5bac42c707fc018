"""Split first, then up-sample the minority class inside the training part only."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.utils import resample
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import recall_score, precision_score

hr = pd.read_csv("hr_analytics.csv")
feature_cols = ["satisfaction_level", "last_evaluation", "number_project", "average_montly_hours", "time_spend_company"]
train_part, test_part = train_test_split(hr, test_size=0.25, stratify=hr["left"], random_state=0)

stay = train_part[train_part["left"] == 0]
leave = train_part[train_part["left"] == 1]
leave_up = resample(leave, replace=True, n_samples=len(stay), random_state=0)
train_bal = pd.concat([stay, leave_up])

rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(train_bal[feature_cols], train_bal["left"])
pred = rf.predict(test_part[feature_cols])
print("recall", recall_score(test_part["left"], pred), "precision", precision_score(test_part["left"], pred))
