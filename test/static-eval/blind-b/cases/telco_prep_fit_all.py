# Telco churn - production training job (v2)
import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import average_precision_score

NUMERIC = ["tenure", "MonthlyCharges", "TotalCharges"]
CATEGORICAL = ["Contract", "InternetService", "PaymentMethod", "PaperlessBilling"]


def load():
    df = pd.read_csv("s3://ml-data/telco/customers.csv")
    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
    df["Churn"] = df["Churn"].map({"Yes": 1, "No": 0})
    return df


def build_preprocessor():
    num = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    cat = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    return ColumnTransformer([("num", num, NUMERIC), ("cat", cat, CATEGORICAL)])


def main():
    df = load()
    prep = build_preprocessor()
    matrix = prep.fit_transform(df[NUMERIC + CATEGORICAL])  # expect: leakage/preprocessing
    X_train, X_test, y_train, y_test = train_test_split(
        matrix, df["Churn"].values, test_size=0.2, random_state=42, stratify=df["Churn"].values
    )
    model = GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05)
    model.fit(X_train, y_train)
    ap = average_precision_score(y_test, model.predict_proba(X_test)[:, 1])
    print(f"average precision: {ap:.3f}")
    joblib.dump({"prep": prep, "model": model}, "artifacts/churn_v2.joblib")


if __name__ == "__main__":
    main()
