"""Batch inference with the ONNX-exported fraud model."""
import argparse
import numpy as np
import onnxruntime as ort
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--input", required=True)
parser.add_argument("--output", required=True)
args = parser.parse_args()

session = ort.InferenceSession("fraud_model.onnx", providers=["CPUExecutionProvider"])
input_name = session.get_inputs()[0].name

tx = pd.read_csv(args.input)
ids = tx.pop("transaction_id")
feats = np.asarray(tx, dtype=np.float32)  # expect: mismatch/column-order
labels, probas = session.run(None, {input_name: feats})

out = pd.DataFrame({"transaction_id": ids, "is_fraud": labels})
out.to_csv(args.output, index=False)
