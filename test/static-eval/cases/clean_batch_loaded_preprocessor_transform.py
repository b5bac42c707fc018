# batch scoring: reuse the preprocessor and model saved by train.py
import sys
import joblib
import pandas as pd

bundle = joblib.load("artifacts/bundle.joblib")
preprocessor = bundle["preprocessor"]
model = bundle["model"]
columns = bundle["columns"]

incoming = pd.read_csv(sys.argv[1])
X = preprocessor.transform(incoming[columns])
incoming["score"] = model.predict_proba(X)[:, 1]
incoming["decision"] = (incoming["score"] >= bundle["threshold"]).astype(int)
incoming.to_csv(sys.argv[2], index=False)
print(incoming["decision"].value_counts())
print("scored", len(incoming), "rows with model", bundle.get("version", "?"))
