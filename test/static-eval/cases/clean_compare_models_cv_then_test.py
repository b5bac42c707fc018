# Model selection with cross-validation on the training split; the test split is used once.
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.metrics import accuracy_score

water = pd.read_csv("water_potability.csv").dropna()
X = water.drop(columns="Potability")
y = water["Potability"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

candidates = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    "forest": RandomForestClassifier(n_estimators=300, random_state=0),
    "boosting": GradientBoostingClassifier(random_state=0),
}
cv_means = {name: cross_val_score(m, X_train, y_train, cv=5).mean() for name, m in candidates.items()}
print(cv_means)

winner = max(cv_means, key=cv_means.get)
final = candidates[winner].fit(X_train, y_train)
print(winner, "test accuracy:", accuracy_score(y_test, final.predict(X_test)))
