"""Monthly usage report per region. It crashes on purpose (a column renamed upstream), so the workspace
holds a failed run: the log ends with the failing merge's FAIL and the pipeline's FAIL at that line."""
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"

customers = pd.read_csv(DATA / "customers.csv")
usage = pd.read_csv(DATA / "usage.csv")
active = customers[customers["tenure_months"] >= 3]
monthly = usage.groupby("customer_id").sum()
report = active.merge(monthly, left_on="id", right_index=True)  # the key is customer_id since the export change
print(report.groupby("region")["minutes"].mean())
