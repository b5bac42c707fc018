"""Two-stage job: stage 1 cleans and scales the table, stage 2 trains on the saved file."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

NUM = ["age", "income", "balance", "num_products", "tenure"]


def stage_clean():
    raw = pd.read_csv("bank_customers.csv")
    raw[NUM] = StandardScaler().fit_transform(raw[NUM])  # expect: leakage/preprocessing
    raw.to_parquet("work/customers_clean.parquet")


def stage_train():
    df = pd.read_parquet("work/customers_clean.parquet")
    X_train, X_test, y_train, y_test = train_test_split(df[NUM], df["exited"], test_size=0.2, random_state=0)
    clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    print("AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))


if __name__ == "__main__":
    stage_clean()
    stage_train()
