#!/usr/bin/env python
# Nightly job: score yesterday's leads and push them to the CRM table.
import datetime as dt
import joblib
import pandas as pd
import sqlalchemy as sa

ENGINE = sa.create_engine("postgresql://scorer@db/crm")
model = joblib.load("artifacts/lead_model.pkl")


def fetch(day):
    q = sa.text("SELECT * FROM leads WHERE created::date = :d")
    return pd.read_sql(q, ENGINE, params={"d": day})


def main():
    day = dt.date.today() - dt.timedelta(days=1)
    leads = fetch(day)
    if leads.empty:
        print("no leads for", day)
        return
    X = pd.get_dummies(leads.drop(columns=["lead_id", "created"]), columns=["source", "country", "industry"])  # expect: mismatch/refit-at-inference
    leads["score"] = model.predict_proba(X)[:, 1]
    leads[["lead_id", "score"]].to_sql("lead_scores", ENGINE, if_exists="append", index=False)
    print(f"scored {len(leads)} leads for {day}")


if __name__ == "__main__":
    main()
