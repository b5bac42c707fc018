# Classify digits in a 2-D t-SNE embedding.
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score

X, y = load_digits(return_X_y=True)
emb = TSNE(n_components=2, perplexity=30, random_state=0).fit_transform(X)  # expect: leakage/preprocessing
e_tr, e_te, y_tr, y_te = train_test_split(emb, y, test_size=0.25, random_state=0)
print("accuracy", accuracy_score(y_te, KNeighborsClassifier(5).fit(e_tr, y_tr).predict(e_te)))
