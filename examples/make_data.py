"""Deterministic synthetic data for the example pipelines (numpy seed 7): writes examples/data/*.csv.

customers.csv   2,000 customers with a churn label (training data)
usage.csv       monthly usage records, several per customer (aggregated by the pipelines)
serve_batch.csv 400 new customers without a label (scored by churn/serve.py)
credit.csv      1,500 loan applications with a default label (notebooks/credit.ipynb)
"""
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
REGIONS = ["north", "south", "east", "west"]
CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["card", "bank-transfer", "check"]


def customers(rng, n, start_id, labelled=True):
    ids = np.arange(start_id, start_id + n)
    age = rng.integers(18, 80, n)
    tenure = rng.integers(1, 72, n)
    contract = rng.choice(CONTRACTS, n, p=[0.55, 0.25, 0.2])
    monthly = np.round(rng.normal(65, 20, n).clip(15, 140), 2)
    total = np.round(monthly * tenure * rng.uniform(0.9, 1.05, n), 2)
    total[rng.random(n) < 0.04] = np.nan  # billing export gaps
    calls = rng.poisson(1.5, n)
    region = rng.choice(REGIONS, n)
    payment = rng.choice(PAYMENTS, n, p=[0.5, 0.35, 0.15])
    signup = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1400, n), unit="D")
    df = pd.DataFrame({"customer_id": ids, "signup_date": signup.strftime("%Y-%m-%d"), "age": age,
                       "tenure_months": tenure, "contract": contract, "payment_method": payment,
                       "region": region, "monthly_charges": monthly, "total_charges": total,
                       "support_calls": calls})
    if labelled:
        logit = (-1.2 + 0.9 * (contract == "month-to-month") - 0.03 * tenure + 0.35 * calls
                 + 0.012 * (monthly - 65) + 0.4 * (payment == "check"))
        df["churned"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return df


def usage(rng, ids):
    months = rng.integers(1, 5, len(ids))
    cid = np.repeat(ids, months)
    month = np.concatenate([np.arange(m) + 1 for m in months])
    minutes = np.round(rng.gamma(4.0, 60.0, len(cid)), 1)
    data_gb = np.round(rng.gamma(2.0, 3.0, len(cid)), 2)
    return pd.DataFrame({"customer_id": cid, "month": month, "minutes": minutes, "data_gb": data_gb})


def credit(rng, n):
    income = np.round(rng.lognormal(10.6, 0.5, n), -2)
    amount = np.round(rng.uniform(1_000, 40_000, n), -2)
    term = rng.choice([12, 24, 36, 60], n)
    age = rng.integers(21, 75, n)
    employment = rng.choice(["salaried", "self-employed", "unemployed", "retired"], n, p=[0.6, 0.2, 0.1, 0.1])
    history = rng.integers(0, 30, n)
    late = rng.poisson(0.6, n)
    purpose = rng.choice(["car", "home", "education", "business", "other"], n)
    ratio = amount / income
    logit = -2.6 + 2.2 * ratio + 0.55 * late - 0.04 * history + 1.0 * (employment == "unemployed")
    default = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    income[rng.random(n) < 0.03] = np.nan
    return pd.DataFrame({"application_id": np.arange(1, n + 1), "age": age, "income": income,
                         "loan_amount": amount, "term_months": term, "employment": employment,
                         "credit_history_years": history, "late_payments": late, "purpose": purpose,
                         "default": default})


def main():
    rng = np.random.default_rng(7)
    DATA.mkdir(parents=True, exist_ok=True)
    train = customers(rng, 2000, 100_000)
    serve = customers(rng, 400, 200_000, labelled=False)
    train.to_csv(DATA / "customers.csv", index=False)
    serve.to_csv(DATA / "serve_batch.csv", index=False)
    usage(rng, np.concatenate([train.customer_id.to_numpy(), serve.customer_id.to_numpy()])).to_csv(
        DATA / "usage.csv", index=False)
    credit(rng, 1500).to_csv(DATA / "credit.csv", index=False)
    print(f"wrote {', '.join(sorted(p.name for p in DATA.glob('*.csv')))} to {DATA}")


if __name__ == "__main__":
    main()
