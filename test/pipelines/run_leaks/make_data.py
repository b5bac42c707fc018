"""Seeded data for the run_leaks pipelines: customer events, with the facts the tests expect.

- 100 customers (customer_id 1000..1099), 4 events each; customer c's events fall in its own 4-day window,
  windows in customer order, so sorting by event_time sorts by customer (a cut by time never splits a customer).
- DUPLICATED: 20 events (every 20th row) are written twice, exact copies -> 420 rows in events.csv.
- churned is the label; spend/visits/tenure are ordinary features (no value of them determines churned).
leaky.py then oversamples the churned rows (concat) and splits with train_test_split(test_size=0.25,
random_state=0), whose permutation (numpy RandomState(0).permutation, the same in every scikit-learn) this
script replays, so facts.json holds what a run of leaky.py must show, computed here without the recorder.
grouped.py splits events.csv itself (random_state=1) and is recorded with a 40-row snapshot cap: its facts are
the customers on both sides over all rows, which only the key columns (--keys customer_id) can count.
"""
import json
import random
from datetime import datetime, timedelta

import numpy as np

random.seed(7)
CUSTOMERS, EVENTS = 100, 4
rows = []
for c in range(CUSTOMERS):
    cid = 1000 + c
    churned = 1 if random.random() < 0.3 else 0
    tenure = random.randint(1, 60)
    for e in range(EVENTS):
        day = c * EVENTS + e
        ts = (datetime(2024, 1, 1) + timedelta(days=day, hours=random.randint(8, 20))).strftime("%Y-%m-%d %H:%M:%S")
        spend = round(random.uniform(5, 200), 2)
        visits = random.randint(0, 9)
        rows.append([cid, ts, spend, visits, tenure, churned])
dup_idx = list(range(0, len(rows), 20))
out = rows + [rows[i] for i in dup_idx]
with open("events.csv", "w") as f:
    f.write("customer_id,event_time,spend,visits,tenure,churned\n")
    for r in out:
        f.write(",".join(str(v) for v in r) + "\n")

# leaky.py: origin (row of events.csv) of each row the split gets, then the split's permutation.
origin = list(range(len(out))) + [i for i, r in enumerate(out) if r[5] == 1]
n = len(origin)
n_test = -(-n * 25 // 100)
perm = np.random.RandomState(0).permutation(n)
test, train = perm[:n_test], perm[n_test:]
test_o, train_o = {origin[i] for i in test}, {origin[i] for i in train}
content = lambda i: tuple(out[origin[i]])
train_content = {}
for i in train:
    train_content.setdefault(content(i), set()).add(origin[i])
copied = sum(1 for i in test if content(i) in train_content and train_content[content(i)] != {origin[i]})
cust = lambda rows: {out[origin[i]][0] for i in rows}
shared = cust(test) & cust(train)
leaky = {
    "splitRows": n, "testRows": int(n_test),
    "preprocessing": {"fitRows": len(out), "testRowsInFit": len(test_o)},
    "overlapLineage": {"duplicatedRows": n - len(out), "rowsOnBothSides": len(test_o & train_o)},
    "overlapContent": {"rowsOnBothSides": copied},
    "group": {"column": "customer_id", "entitiesOnBothSides": len(shared),
              "testRowsShared": sum(1 for i in test if out[origin[i]][0] in shared)},
    "temporal": min(out[origin[i]][1] for i in test) < max(out[origin[i]][1] for i in train),
}
# grouped.py: train_test_split(df, test_size=0.25, random_state=1) of events.csv itself; every customer on both sides.
perm = np.random.RandomState(1).permutation(len(out))
g_test, g_train = perm[:-(-len(out) * 25 // 100)], perm[-(-len(out) * 25 // 100):]
g_shared = {out[i][0] for i in g_test} & {out[i][0] for i in g_train}
grouped = {"splitRows": len(out), "testRows": len(g_test), "rowCap": 40,
           "group": {"column": "customer_id", "entitiesOnBothSides": len(g_shared),
                     "trainEntities": len({out[i][0] for i in g_train}), "testEntities": len({out[i][0] for i in g_test}),
                     "testRowsShared": sum(1 for i in g_test if out[i][0] in g_shared)}}
with open("facts.json", "w") as f:
    json.dump({"rows": len(out), "customers": CUSTOMERS, "eventsPerCustomer": EVENTS,
               "duplicatedRows": len(dup_idx), "leaky": leaky, "grouped": grouped}, f, indent=1)
    f.write("\n")
