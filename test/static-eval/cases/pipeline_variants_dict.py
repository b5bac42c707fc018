# Which scaler works best in front of the SVM?
from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, MinMaxScaler, RobustScaler, PowerTransformer
from sklearn.svm import LinearSVC

X, y = fetch_covtype(return_X_y=True)
X, y = X[:30000], y[:30000]
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=0)

variants = {
    "standard": make_pipeline(StandardScaler(), LinearSVC(dual=False)),
    "minmax": make_pipeline(MinMaxScaler(), LinearSVC(dual=False)),
    "robust": make_pipeline(RobustScaler(), LinearSVC(dual=False)),
    "yeo-johnson": make_pipeline(PowerTransformer(), LinearSVC(dual=False)),
}
for label, pipe in variants.items():
    pipe.fit(Xtr, ytr)
    print(label, pipe.score(Xte, yte))  # expect: leakage/multi-test
