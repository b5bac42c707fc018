"""Land-cover tiles (tabular band statistics) -> 7 classes.

Upsample every class to the size of the biggest one, then hold out 20%.
"""
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import cohen_kappa_score

tiles = pd.read_csv("landcover_band_stats.csv")
n_max = tiles["cover"].value_counts().max()

parts = []
for cls, grp in tiles.groupby("cover"):
    parts.append(resample(grp, replace=True, n_samples=n_max, random_state=int(cls)))  # expect: leakage/overlap
upsampled = pd.concat(parts).reset_index(drop=True)

bands = [c for c in upsampled.columns if c.startswith("b")]
X_train, X_test, y_train, y_test = train_test_split(upsampled[bands], upsampled["cover"], test_size=0.2, random_state=3)
rf = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=3).fit(X_train, y_train)
print("kappa:", cohen_kappa_score(y_test, rf.predict(X_test)))
