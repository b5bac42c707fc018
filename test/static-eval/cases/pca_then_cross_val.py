"""Digits: reduce to 30 principal components and estimate SVM accuracy with 5-fold CV."""
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

digits = load_digits()
X, y = digits.data, digits.target

pca = PCA(n_components=30, whiten=True, random_state=0)
X_reduced = pca.fit_transform(X)  # expect: leakage/preprocessing
print("explained variance: %.3f" % pca.explained_variance_ratio_.sum())

svc = SVC(C=10, gamma=0.01)
scores = cross_val_score(svc, X_reduced, y, cv=5)
print("CV accuracy %.4f +/- %.4f" % (scores.mean(), scores.std()))
