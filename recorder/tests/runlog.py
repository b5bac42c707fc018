"""Test helper: read a recorded run back into plain Python objects (the TypeScript reader is the real one)."""
import glob
import json
import os

import numpy as np
import pandas as pd


class Output:
    def __init__(self, run_dir, ds):
        self.run_dir = run_dir
        self.name = ds["name"]
        self.port = ds["name"].rsplit(".", 1)[-1]
        self.facets = ds.get("facets", {})
        self.ofacets = ds.get("outputFacets", {})
        self.lineage = self.ofacets.get("skewer_rowLineage")
        self.stats = self.facets.get("skewer_stats")
        self.schema = [(f["name"], f["type"]) for f in self.facets.get("schema", {}).get("fields", [])]
        self.snapshot = self.ofacets.get("skewer_snapshot")
        self.rows = self.ofacets.get("outputStatistics", {}).get("rowCount")

    def array(self, name):
        return np.load(os.path.join(self.run_dir, self.lineage["arrays"][name]), allow_pickle=False)

    def snapshot_frame(self):
        path = os.path.join(self.run_dir, self.snapshot["uri"])
        if self.snapshot["format"] == "arrow":
            return arrow_table(path).to_pandas()
        return pd.read_csv(path)


def arrow_table(path):
    import pyarrow as pa
    with pa.memory_map(path) as f:
        return pa.ipc.open_file(f).read_all()


class Operator:
    def __init__(self, run_dir, start, end):
        self.start, self.end = start, end
        ev = end or start
        self.run_id = ev["run"]["runId"]
        self.facets = ev["run"]["facets"]
        self.op = self.facets["skewer_operator"]
        self.seq = self.op["seq"]
        self.function = self.op["function"]
        self.kind = self.op["kind"]
        self.job = ev["job"]["name"]
        self.loc = ev["job"]["facets"]["skewer_codeLocation"]
        self.inputs = [i["name"] for i in ev.get("inputs", [])]
        self.status = end["eventType"] if end else "RUNNING"
        self.outputs = {}
        for ds in (end or {}).get("outputs", []):
            o = Output(run_dir, ds)
            self.outputs[o.port] = o
        self.fitted = self.facets.get("skewer_fittedTransformer")
        self.error = self.facets.get("errorMessage")

    def out(self, port="out"):
        return self.outputs[port]


class Run:
    def __init__(self, run_dir):
        self.dir = run_dir
        with open(os.path.join(run_dir, "events.ndjson"), encoding="utf-8") as f:
            self.lines = f.read().split("\n")
        assert self.lines[-1] == "", "events.ndjson must end with a newline"
        self.events = [json.loads(l) for l in self.lines[:-1]]
        self.root_start = self.events[0]
        assert self.root_start["eventType"] == "START" and "skewer_run" in self.root_start["run"]["facets"]
        self.run_id = self.root_start["run"]["runId"]
        self.end = self.events[-1] if self.events[-1]["run"]["runId"] == self.run_id and len(self.events) > 1 else None
        starts, ends = {}, {}
        for e in self.events[1:]:
            rid = e["run"]["runId"]
            if rid == self.run_id:
                continue
            (starts if e["eventType"] == "START" else ends)[rid] = e
        self.ops = sorted((Operator(run_dir, starts[r], ends.get(r)) for r in starts), key=lambda o: o.seq)

    def find(self, function, n=0):
        hits = [o for o in self.ops if o.function == function]
        return hits[n]

    def functions(self):
        return [o.function for o in self.ops]


def latest_run(root):
    dirs = sorted(glob.glob(os.path.join(root, "*", "")))
    assert dirs, f"no run under {root}"
    return Run(dirs[-1])


def all_runs(root):
    return [Run(d) for d in sorted(glob.glob(os.path.join(root, "*", "")))]
