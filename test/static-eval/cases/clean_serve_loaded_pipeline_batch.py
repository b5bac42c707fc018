"""Batch inference with the saved end-to-end pipeline (preprocessing included)."""
import sys

import joblib
import pandas as pd

pipe = joblib.load("artifacts/pipeline.joblib")
batch = pd.read_csv(sys.argv[1])
batch["prediction"] = pipe.predict(batch)
batch.to_csv(sys.argv[2], index=False)
