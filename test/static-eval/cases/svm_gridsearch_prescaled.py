"""Tune an RBF SVM on the breast-cancer data with grid search."""
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

X, y = load_breast_cancer(return_X_y=True)

X_scaled = RobustScaler().fit_transform(X)  # expect: leakage/preprocessing

grid = GridSearchCV(
    SVC(),
    param_grid={"C": [0.1, 1, 10, 100], "gamma": ["scale", 0.01, 0.001]},
    cv=5,
    scoring="accuracy",
    n_jobs=-1,
)
grid.fit(X_scaled, y)
print("best CV accuracy: %.4f" % grid.best_score_)
print("best params:", grid.best_params_)
