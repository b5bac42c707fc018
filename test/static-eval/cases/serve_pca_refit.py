# Anomaly scores for the latest batch of sensor vectors.
import joblib
import numpy as np
from sklearn.decomposition import PCA

iso = joblib.load("iso_forest.joblib")
batch = np.load("latest_batch.npy")

pca = PCA(n_components=12)
reduced = pca.fit_transform(batch)  # expect: mismatch/refit-at-inference
scores = -iso.score_samples(reduced)
np.save("latest_scores.npy", scores)
print("flagged:", int((scores > np.quantile(scores, 0.99)).sum()))
