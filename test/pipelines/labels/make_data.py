"""Seeded data for the labels pipeline: people.csv and accounts.csv.

Planted facts (what test/unit/runlog/stepLabelsPipeline.test.ts expects of the step labels):
- data/people.csv: 200 people (ssn 1000..1199, county county0..county4, age, income); every fifth person (ssn % 5 == 3)
  lives in county3, which the pipeline filters out (160 rows left); ssn % 20 == 1 has no income (dropped by dropna);
- data/accounts.csv: one account per ssn for ssn 1000..1149 only, so the inner merge on ssn keeps the people up to 1149.
"""
import os

import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
os.makedirs("data", exist_ok=True)
ssn = np.arange(1000, 1200)
income = rng.normal(50, 12, len(ssn)).round(2)
income[ssn % 20 == 1] = np.nan
pd.DataFrame({
    "ssn": ssn,
    "county": [f"county{(s - 1000) % 5}" for s in ssn],
    "age": rng.integers(18, 80, len(ssn)),
    "income": income,
    "notes": ["x"] * len(ssn),
}).to_csv("data/people.csv", index=False)
acc = np.arange(1000, 1150)
pd.DataFrame({"ssn": acc, "balance": rng.integers(0, 5000, len(acc)), "churned": (acc % 3 == 0).astype(int)}).to_csv("data/accounts.csv", index=False)
