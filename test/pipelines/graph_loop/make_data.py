"""Seeded data for the graph_loop pipeline: one small CSV per month plus a region lookup.

Planted facts (what test/unit/graph/graphLoop.test.ts expects):
- MONTHS files data/month_01.csv … month_NN.csv, ROWS rows each (customer_id, region, amount, churned);
- in every month, the rows with customer_id % 10 == 3 have no amount (dropped by dropna) and the rows with
  customer_id % 10 == 7 have a negative amount (dropped by the amount > 0 filter): ROWS // 10 rows each;
- data/regions.csv has one row per region, so the left merge keeps every row.
"""
import os

import numpy as np
import pandas as pd

MONTHS = int(os.environ.get("GRAPH_LOOP_MONTHS", "36"))
ROWS = 20
REGIONS = ["north", "south", "east", "west"]

rng = np.random.default_rng(7)
os.makedirs("data", exist_ok=True)
pd.DataFrame({"region": REGIONS, "weight": [1.0, 0.8, 1.2, 0.9]}).to_csv("data/regions.csv", index=False)
for m in range(1, MONTHS + 1):
    ids = np.arange(ROWS) + 100 * m
    amount = rng.integers(10, 500, ROWS).astype(float)
    amount[ids % 10 == 3] = np.nan
    amount[ids % 10 == 7] = -amount[ids % 10 == 7]
    pd.DataFrame({
        "customer_id": ids,
        "region": [REGIONS[i % 4] for i in range(ROWS)],
        "amount": amount,
        "churned": (ids % 3 == 0).astype(int),
    }).to_csv(f"data/month_{m:02d}.csv", index=False)
