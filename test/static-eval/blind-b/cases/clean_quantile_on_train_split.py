"""Credit default model, v2: the quantile map is learned on the training rows only."""
import pandas as pd
import lightgbm as lgb
from sklearn.preprocessing import QuantileTransformer
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

cards = pd.read_csv("data/default_of_credit_card_clients.csv", skiprows=1)
cards = cards.rename(columns={"default payment next month": "default"}).drop(columns=["ID"])
amount_cols = [c for c in cards.columns if c.startswith(("BILL_AMT", "PAY_AMT"))]

train_df, test_df = train_test_split(cards, test_size=0.25, stratify=cards["default"], random_state=7)
train_df, test_df = train_df.copy(), test_df.copy()

qt = QuantileTransformer(output_distribution="normal", n_quantiles=500, random_state=7)
train_df[amount_cols] = qt.fit_transform(train_df[amount_cols])
test_df[amount_cols] = qt.transform(test_df[amount_cols])

feature_cols = [c for c in cards.columns if c != "default"]
clf = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03)
clf.fit(train_df[feature_cols], train_df["default"])
print("AUC", roc_auc_score(test_df["default"], clf.predict_proba(test_df[feature_cols])[:, 1]))
