"""Tumour subtype from expression profiles (n << p).

Keep the 50 most informative genes, then estimate accuracy with 10-fold CV.
"""
import pandas as pd
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.svm import SVC
from sklearn.model_selection import StratifiedKFold, cross_val_score

expr = pd.read_csv("expression_matrix.tsv", sep="\t", index_col=0)
meta = pd.read_csv("samples.tsv", sep="\t", index_col=0)
expr = expr.loc[meta.index]

subtype = meta["subtype"]
print(expr.shape, subtype.value_counts().to_dict())

selector = SelectKBest(score_func=mutual_info_classif, k=50)
expr_top = selector.fit_transform(expr.values, subtype.values)  # expect: leakage/preprocessing
kept = expr.columns[selector.get_support()]
print("top genes:", list(kept[:10]))

cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=5)
svm = SVC(kernel="linear", C=0.1)
acc = cross_val_score(svm, expr_top, subtype.values, cv=cv, scoring="accuracy")
print(f"10-fold accuracy {acc.mean():.3f} +/- {acc.std():.3f}")
