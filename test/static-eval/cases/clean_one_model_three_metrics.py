# Breast cancer: single SVM, several test metrics for the write-up
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score, roc_auc_score, confusion_matrix, matthews_corrcoef

X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

svm = make_pipeline(StandardScaler(), SVC(C=2.0, probability=True, random_state=0))
svm.fit(X_tr, y_tr)
pred = svm.predict(X_te)
prob = svm.predict_proba(X_te)[:, 1]

print("accuracy", accuracy_score(y_te, pred))
print("ROC AUC ", roc_auc_score(y_te, prob))
print("MCC     ", matthews_corrcoef(y_te, pred))
print(confusion_matrix(y_te, pred))
