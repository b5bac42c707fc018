"""Adult income: tuned pipeline, reported once on the untouched test split."""
import pandas as pd
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, train_test_split
from sklearn.compose import make_column_transformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

adult = pd.read_csv("adult.csv", na_values="?")
y = (adult.pop("income") == ">50K").astype(int)
num = adult.select_dtypes("number").columns
cat = adult.select_dtypes("object").columns
X_train, X_test, y_train, y_test = train_test_split(adult, y, test_size=0.2, stratify=y, random_state=1)

prep = make_column_transformer(
    (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
    (make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), cat),
)
pipe = make_pipeline(prep, LogisticRegression(max_iter=3000))
search = HalvingGridSearchCV(pipe, {"logisticregression__C": [0.01, 0.1, 1, 10]}, cv=5, factor=2)
search.fit(X_train, y_train)

pred = search.predict(X_test)
print("best C:", search.best_params_)
print("test accuracy:", accuracy_score(y_test, pred), "test F1:", f1_score(y_test, pred))
