# Batch endpoint used by the pricing team.
import pickle

import numpy as np
import pandas as pd

with open("elasticity_model.pkl", "rb") as fh:
    elasticity = pickle.load(fh)


def score(rows):
    frame = pd.DataFrame(rows)
    matrix = np.array(frame)  # expect: mismatch/column-order
    return elasticity.predict(matrix).tolist()
