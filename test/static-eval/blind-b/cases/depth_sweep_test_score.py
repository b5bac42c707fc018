"""How deep should the tree be? Sweep max_depth and plot test accuracy."""
import matplotlib.pyplot as plt
from sklearn.datasets import load_breast_cancer
from sklearn.tree import DecisionTreeClassifier
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=3)

depths = list(range(1, 16))
test_acc = []
for d in depths:
    dt = DecisionTreeClassifier(max_depth=d, random_state=3)
    dt.fit(X_tr, y_tr)
    test_acc.append(dt.score(X_te, y_te))  # expect: leakage/multi-test

best_depth = depths[test_acc.index(max(test_acc))]
print("best depth:", best_depth, "accuracy:", max(test_acc))

plt.plot(depths, test_acc, marker="o")
plt.xlabel("max_depth")
plt.ylabel("test accuracy")
plt.savefig("depth_sweep.png", dpi=120)
