# Elbow plot for k in KNN.
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

iris = pd.read_csv("iris.csv")
X = iris[["sepal_length", "sepal_width", "petal_length", "petal_width"]]
y = iris["species"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=4)

k_values = list(range(1, 26))
test_acc = []
for k in k_values:
    knn = KNeighborsClassifier(n_neighbors=k)
    knn.fit(X_train, y_train)
    test_acc.append(knn.score(X_test, y_test))  # expect: leakage/multi-test

best_k = k_values[test_acc.index(max(test_acc))]
print("best k =", best_k, "accuracy =", max(test_acc))

plt.plot(k_values, test_acc, marker="o")
plt.xlabel("k")
plt.ylabel("test accuracy")
plt.savefig("knn_elbow.png")
