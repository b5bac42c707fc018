# How many principal components do we need? Check each on the hold-out set.
from sklearn.datasets import fetch_lfw_people
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

faces = fetch_lfw_people(min_faces_per_person=60)
X_train, X_test, y_train, y_test = train_test_split(faces.data, faces.target, test_size=0.25, random_state=0)

for n in (25, 50, 100, 150):
    pca = PCA(n_components=n, whiten=True, random_state=0).fit(X_train)
    svc = SVC(C=10, class_weight="balanced").fit(pca.transform(X_train), y_train)
    print(n, svc.score(pca.transform(X_test), y_test))  # expect: leakage/multi-test
