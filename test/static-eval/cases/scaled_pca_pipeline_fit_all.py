# Gene expression (wide) -> tumour subtype. Reduce to 50 components first.
import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import balanced_accuracy_score

expr = pd.read_csv("tcga_brca_expression.csv", index_col=0)
labels = pd.read_csv("tcga_brca_subtypes.csv", index_col=0)["subtype"].loc[expr.index]

reducer = make_pipeline(StandardScaler(), PCA(n_components=50, random_state=0))
reducer.fit(expr.values)  # expect: leakage/preprocessing
Z = reducer.transform(expr.values)
print("explained variance:", reducer[-1].explained_variance_ratio_.sum().round(3))

Z_train, Z_test, y_train, y_test = train_test_split(Z, labels, test_size=0.2, stratify=labels, random_state=3)
knn = KNeighborsClassifier(n_neighbors=7, weights="distance").fit(Z_train, y_train)
print("balanced accuracy:", balanced_accuracy_score(y_test, knn.predict(Z_test)))
