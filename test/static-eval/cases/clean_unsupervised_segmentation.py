# Customer segmentation: scale, reduce and cluster all customers (no labels, no hold-out).
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.decomposition import PCA
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

mall = pd.read_csv("mall_customers.csv")
X = mall[["Age", "Annual Income (k$)", "Spending Score (1-100)"]]

X_std = StandardScaler().fit_transform(X)
X_2d = PCA(n_components=2, random_state=0).fit_transform(X_std)

for k in range(2, 9):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X_std)
    print(k, round(silhouette_score(X_std, km.labels_), 3))

mall["segment"] = KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(X_std)
mall["pc1"], mall["pc2"] = X_2d[:, 0], X_2d[:, 1]
mall.to_csv("segments.csv", index=False)
