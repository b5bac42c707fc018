/**
 * JIT warm-up for a fresh analysis worker: analysing a small built-in script a few dozen times gets
 * the parser and the interpreter's hot paths compiled, so the first real files of a workspace check
 * run at warm speed instead of paying the cold-start cost (about as much again as the analysis) on
 * the critical path. The script is generic pandas / scikit-learn code with the constructs real files
 * use most (imports, functions, classes, loops, comprehensions, f-strings, a split, fits,
 * transforms, predictions and metrics). Its findings are thrown away.
 */
import * as fs from 'node:fs';
import { analyzeDocument } from './index';

function sample(i: number): string {
  const u = `w${i}`;
  return `import json
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, confusion_matrix


def load_${u}(path="data/${u}.csv"):
    frame = pd.read_csv(path)
    frame = frame.dropna(subset=["label"])
    frame["ratio"] = frame["a"] / (frame["b"] + 1)
    frame["log_amount"] = np.log1p(frame["amount"].clip(lower=0))
    return frame


class Scorer${i}:
    def __init__(self, model, columns):
        self.model = model
        self.columns = list(columns)

    def predict(self, rows):
        batch = pd.DataFrame.from_records(rows).reindex(columns=self.columns).fillna(0)
        return [{"score": float(s), "label": int(s > 0.5)} for s in self.model.predict_proba(batch)[:, 1]]


data = load_${u}()
events = pd.read_parquet("events_${u}.parquet")
events["ts"] = pd.to_datetime(events["timestamp"])
agg = events.groupby("user_id").agg(n=("event", "count"), last=("ts", "max")).reset_index()
data = data.merge(agg, on="user_id", how="left")
X = data.drop(columns=["label", "id"])
y = data["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=${i})
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)
enc = OneHotEncoder(handle_unknown="ignore")
enc.fit(data[["plan"]])
results = {}
for name, est in {"lr": LogisticRegression(max_iter=1000), "rf": RandomForestClassifier(n_estimators=50)}.items():
    pipe = make_pipeline(StandardScaler(), est)
    scores = cross_val_score(pipe, X_train, y_train, cv=5)
    results[name] = scores.mean()
    print(f"{name}: {scores.mean():.3f} +/- {scores.std():.3f}")
best = max(results, key=results.get)
model = LogisticRegression(max_iter=1000) if best == "lr" else RandomForestClassifier()
model.fit(X_train, y_train)
pred = model.predict(X_test)
print("${u}", accuracy_score(y_test, pred), f1_score(y_test, pred))
cm = confusion_matrix(y_test, pred)
lines = [f"class {k}: {row.tolist()}" for k, row in enumerate(cm) if row.sum() > 0]
with open("report_${u}.json", "w") as fh:
    json.dump({"lines": lines, "best": best}, fh)
scorer = Scorer${i}(model, X.columns)
`;
}

/** This thread's CPU time in ms (Linux: /proc/thread-self), else undefined. */
function threadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms clock ticks
  } catch {
    return undefined;
  }
}

/**
 * Analyses the sample repeatedly for about `budgetMs` of this thread's CPU time (wall clock where
 * that cannot be read; at most 5× the budget of wall clock either way, for a loaded machine),
 * yielding to the event loop between runs; stops early when `stop()` turns true (real work arrived:
 * it warms the code just as well). Resolves with the number of runs.
 */
export async function warmUp(budgetMs: number, stop: () => boolean = () => false): Promise<number> {
  const wall0 = performance.now(), cpu0 = threadCpuMs();
  const spent = (): number => {
    const cpu = cpu0 === undefined ? undefined : threadCpuMs();
    return cpu === undefined ? performance.now() - wall0 : cpu - cpu0!;
  };
  let runs = 0;
  while (spent() < budgetMs && performance.now() - wall0 < 5 * budgetMs && !stop()) {
    analyzeDocument({ path: `warmup_${runs}.py`, text: sample(runs) });
    runs++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return runs;
}
