"""Adult income: preprocessing and model in one Pipeline, fitted on the training split."""
import pandas as pd
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

adult = pd.read_csv("adult.csv")
y = (adult.pop("income") == ">50K").astype(int)

pre = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), make_column_selector(dtype_include="number")),
    ("cat", OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_include=object)),
])
model = Pipeline([("pre", pre), ("gb", GradientBoostingClassifier(random_state=0))])

X_train, X_test, y_train, y_test = train_test_split(adult, y, test_size=0.2, stratify=y, random_state=0)
model.fit(X_train, y_train)
print("test AUC:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
