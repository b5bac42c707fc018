"""Seeded data for the serving_mismatch pipeline. The facts the tests expect are planted here:

- train.csv: 1,200 customers (ids 1..1200) with age, income (in units), tenure_months, city in {east, north, south}.
- batch.csv (what serve.py scores): 1,000 customers; 40 are training customers (ids 1, 13, 25, …: training
  rows 0, 12, 24, …) with the same raw values at batch rows 0, 10, 20, … (the entities present in both runs);
  ids 5001..5960 are new. Its columns are reordered (tenure_months first),
  income is written in thousands (income / 1000), and 100 rows (10%) have city 'west', a category training never saw.
- batch_ok.csv: the same 1,000 customers written correctly (training's column order, income in units, and the
  'west' rows given a training city), which serve_ok.py scores with the training artifacts: no mismatch.
"""
import numpy as np
import pandas as pd

RNG = np.random.default_rng(20261205)
CITIES = np.array(["east", "north", "south"])
N_TRAIN, N_SHARED, N_NEW, N_WEST = 1200, 40, 960, 100


def customers(ids):
    n = len(ids)
    age = RNG.integers(18, 80, n)
    income = np.round(RNG.normal(60000, 15000, n).clip(15000, 150000), 2)
    tenure = RNG.integers(0, 72, n)
    city = CITIES[RNG.integers(0, 3, n)]
    return pd.DataFrame({"customer_id": ids, "age": age, "income": income, "tenure_months": tenure, "city": city})


train = customers(np.arange(1, N_TRAIN + 1))
z = (train["tenure_months"] < 12).astype(float) + (train["income"] < 45000) + RNG.normal(0, 0.5, N_TRAIN)
train["churned"] = (z > 0.8).astype(int)
train.to_csv("train.csv", index=False)

# the shared customers sit at training rows 12k and batch rows 10k, rows both runs' snapshots keep (rowCap 100 in
# runs.json: evenly spaced rows 1200/100 and 1000/100 apart), so row-level comparison sees all 40
shared = train.iloc[::12][["customer_id", "age", "income", "tenure_months", "city"]].iloc[:N_SHARED]
new = customers(np.arange(5001, 5001 + N_NEW))
ok = new.copy()
slots = np.arange(N_SHARED) * 10
rest = np.setdiff1d(np.arange(N_SHARED + N_NEW), slots)
ok = pd.DataFrame(index=range(N_SHARED + N_NEW), columns=new.columns)
ok.iloc[slots] = shared.to_numpy()
ok.iloc[rest] = new.to_numpy()
ok = ok.astype(new.dtypes.to_dict())
ok.to_csv("batch_ok.csv", index=False)

bad = ok.copy()
west = rest[:N_WEST]
bad.loc[west, "city"] = "west"  # 100 new customers from an unseen city
bad["income"] = bad["income"] / 1000                           # the upstream export switched to thousands
bad = bad[["customer_id", "tenure_months", "age", "income", "city"]]  # and reordered its columns
bad.to_csv("batch.csv", index=False)
