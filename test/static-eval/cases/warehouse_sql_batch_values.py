# weekly propensity scoring from the warehouse
import pickle
import sqlalchemy as sa
import pandas as pd

engine = sa.create_engine("postgresql://analytics@warehouse/prod")
QUERY = """
SELECT *
FROM analytics.account_features
WHERE snapshot_date = CURRENT_DATE
"""

with open("propensity_rf.pkl", "rb") as f:
    rf = pickle.load(f)

accounts = pd.read_sql(QUERY, engine)
X = accounts.drop(columns=["account_id"]).values  # expect: mismatch/column-order
accounts["upsell_score"] = rf.predict_proba(X)[:, 1]
accounts[["account_id", "upsell_score"]].to_sql("upsell_scores", engine, schema="analytics",
                                                 if_exists="replace", index=False)
print(accounts.upsell_score.describe())
