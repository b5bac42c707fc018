"""Seeded churn-like data for the skew tests (numpy seed 11): train.csv (3,000 customers), batch.csv (600).

Planted facts, what the tests expect:
- support_calls: Poisson(1.5) on both sides, capped at 7 in training and 6 at serving (0–7 vs 0–6): the same
  distribution, so skew on shared bins is near zero (own-range bins made it JS 0.30, PSI 4).
- tenure_months, monthly_charges: the same distribution on both sides (integers 1–72; normal 65 ± 20).
- age: the same distribution, plus one typo (999) in the batch: lands in the overflow bin, no skew.
- income: lognormal, 30 % higher at serving: skewed.
- total_charges: missing for 4 % in training, 20 % at serving: missing-rate change.
- contract: 55/25/20 % month-to-month/one-year/two-year in training, 20/35/45 % at serving (one-hot, bool columns).

expected.json holds the distances computed here, independently of Skewer's TypeScript, from the raw data of the
feature matrices the scripts hand their model (scipy's jensenshannon, numpy's histogram), on the shared bins that
docs/run-log.md §5 defines: by value when both sides together have ≤ 20 distinct values and at least half of the
smaller side's values occur on the other side; else 20 equal-width bins over [min of the two 1st percentiles, max of the two
99th] plus an overflow bin on each side that has values beyond. Bool columns: L∞ over True/False.
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon

HERE = Path(__file__).resolve().parent
CONTRACTS = ["month-to-month", "one-year", "two-year"]
NUMERIC = ["age", "tenure_months", "monthly_charges", "income", "total_charges", "support_calls"]
PSI_FLOOR = 1e-4


def customers(rng, n, cap, contract_p, income_scale, missing):
    calls = np.minimum(rng.poisson(1.5, n), cap)
    calls[0] = cap  # the cap is reached on each side: 0–7 vs 0–6
    tenure = rng.integers(1, 73, n)
    monthly = np.round(rng.normal(65, 20, n).clip(15, 140), 2)
    total = np.round(monthly * tenure, 2)
    total[rng.random(n) < missing] = np.nan
    return pd.DataFrame({
        "customer_id": np.arange(n), "age": rng.integers(18, 80, n), "tenure_months": tenure,
        "monthly_charges": monthly, "income": np.round(rng.lognormal(10.6, 0.4, n) * income_scale, 2),
        "total_charges": total, "support_calls": calls, "contract": rng.choice(CONTRACTS, n, p=contract_p)})


def features(df):
    """The feature matrix train.py and serve.py hand their model (keep the three in step)."""
    return pd.concat([df[NUMERIC], pd.get_dummies(df["contract"], prefix="contract", dtype=bool)], axis=1)


def _js_psi(p, q):
    p, q = p / p.sum(), q / q.sum()
    js = float(jensenshannon(p, q, base=2) ** 2)
    r, c = np.maximum(p, PSI_FLOOR), np.maximum(q, PSI_FLOOR)
    return js, float(np.sum((r - c) * np.log(r / c)))


def reference_skew(a: pd.Series, b: pd.Series) -> dict:
    out = {"missingLeft": float(a.isna().mean()), "missingRight": float(b.isna().mean())}
    if a.dtype == bool:
        pa, pb = a.value_counts(normalize=True), b.value_counts(normalize=True)
        keys = set(pa.index) | set(pb.index)
        out["lInfinity"] = float(max(abs(pa.get(k, 0.0) - pb.get(k, 0.0)) for k in keys))
        return out
    x, y = a.dropna().to_numpy(float), b.dropna().to_numpy(float)
    ux, uy = np.unique(x), np.unique(y)
    if len(np.union1d(ux, uy)) <= 20 and len(np.intersect1d(ux, uy)) >= min(len(ux), len(uy)) / 2:
        values = np.union1d(ux, uy)
        p = np.array([(x == v).sum() for v in values], float)
        q = np.array([(y == v).sum() for v in values], float)
        out["binning"] = "values"
    else:
        lo = min(np.quantile(x, 0.01), np.quantile(y, 0.01))
        hi = max(np.quantile(x, 0.99), np.quantile(y, 0.99))
        edges = np.linspace(lo, hi, 21)

        def counts(v):
            core = np.histogram(v[(v >= lo) & (v <= hi)], bins=edges)[0]
            return np.concatenate([[(v < lo).sum()], core, [(v > hi).sum()]])
        p, q = counts(x).astype(float), counts(y).astype(float)
        # an overflow bin exists only when some side has values beyond that end
        keep = ([0] if min(x.min(), y.min()) < lo else []) + list(range(1, 21)) + ([21] if max(x.max(), y.max()) > hi else [])
        p, q = p[keep], q[keep]
        out["binning"] = "bins"
    out["js"], out["psi"] = _js_psi(p, q)
    return out


def main():
    rng = np.random.default_rng(11)
    train = customers(rng, 3000, 7, [0.55, 0.25, 0.20], 1.0, 0.04)
    batch = customers(rng, 600, 6, [0.20, 0.35, 0.45], 1.3, 0.20)
    batch.loc[5, "age"] = 999  # a typo
    train["churned"] = (rng.random(len(train)) < 0.2 + 0.05 * train["support_calls"]).astype(int)
    train.to_csv(HERE / "train.csv", index=False)
    batch.to_csv(HERE / "batch.csv", index=False)
    # the reference distances, from the files as the scripts read them
    xa, xb = features(pd.read_csv(HERE / "train.csv")), features(pd.read_csv(HERE / "batch.csv"))
    # 12 significant digits: the last bits differ between numpy / scipy builds, and this file is committed
    expected = {c: {k: float(f"{v:.12g}") if isinstance(v, float) else v for k, v in reference_skew(xa[c], xb[c]).items()}
                for c in xa.columns}
    with open(HERE / "expected.json", "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote train.csv, batch.csv, expected.json to {HERE}")


if __name__ == "__main__":
    main()
