"""Seeded data for the trace-by-key pipeline (train.py), and the fates it plants, in expected.json:

- patient 38 has no visit: dropped by the merge (line 11);
- patient 77 is 15 years old: dropped by the age filter (line 12);
- after the unrecorded .reindex (line 14) row positions are lost; the key patient_id finds the record again;
- the split is positional (shuffle=False): the last quarter of the filtered rows is the test split, so patient 12
  is in train and patient 390 in test;
- patient 12 is readmitted and in train: duplicated by the oversampling concat (line 17);
- doctor_id is not unique: looking up doctor_id = 7 matches several rows of visits.csv.
"""
import json
import os

import numpy as np
import pandas as pd

N = 400
rng = np.random.RandomState(7)
os.makedirs("data", exist_ok=True)
ids = np.arange(1, N + 1)
patients = pd.DataFrame({
    "patient_id": ids,
    "age": rng.randint(20, 90, N),
    "sex": rng.choice(["f", "m"], N),
    "readmitted": (rng.rand(N) < 0.3).astype(int),
})
patients.loc[patients.patient_id == 77, "age"] = 15
patients.loc[patients.patient_id == 12, "readmitted"] = 1
patients.loc[patients.patient_id == 390, "age"] = 61
patients.to_csv("data/patients.csv", index=False)
visits = pd.DataFrame({
    "patient_id": ids[ids != 38],
    "doctor_id": rng.randint(1, 20, N - 1),
    "visits": rng.randint(1, 12, N - 1),
    "los_days": np.round(rng.gamma(2.0, 2.0, N - 1), 1),
})
visits.loc[visits.patient_id.isin([12, 390, 77]), "doctor_id"] = 7
visits.to_csv("data/visits.csv", index=False)

# the fates, computed the way train.py's steps work (inner merge keeps the left order; shuffle=False split)
kept = patients[patients.patient_id != 38]
kept = kept[kept.age >= 18].reset_index(drop=True)
n_test = int(np.ceil(0.25 * len(kept)))
test_ids = kept.patient_id.iloc[len(kept) - n_test:].tolist()
train = kept.iloc[: len(kept) - n_test]
expected = {
    "key": "patient_id",
    "lines": {"read_patients": 9, "merge": 11, "filter": 12, "reindex": 14, "dropna": 15, "split": 16, "oversample": 17},
    "mergeDropped": 38,
    "filterDropped": 77,
    "duplicated": 12,
    "train": 12,
    "test": 390,
    "trainRows": int(len(train)),
    "testRows": n_test,
    "oversampledRows": int(len(train) + (train.readmitted == 1).sum()),
    "trainPositionOf12": int(train.index[train.patient_id == 12][0]),
    "testPositionOf390": int(test_ids.index(390)),
    "ambiguous": {"column": "doctor_id", "value": 7, "rows": int((visits.doctor_id == 7).sum())},
    "sourceRowOf390": int(patients.index[patients.patient_id == 390][0]),
    "ageOf390": int(patients.loc[patients.patient_id == 390, "age"].iloc[0]),
}
assert 390 in test_ids and 12 not in test_ids
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
