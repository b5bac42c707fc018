# Adult income MLP: which learning rate works best?
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

adult = pd.read_csv("adult_numeric.csv")
y = (adult.pop("income") == ">50K").astype("float32").values
X_tr, X_te, y_tr, y_te = train_test_split(adult.values.astype("float32"), y, test_size=0.2, random_state=1)
sc = StandardScaler().fit(X_tr)
X_tr, X_te = sc.transform(X_tr), sc.transform(X_te)


def make_net(n_in, lr):
    net = tf.keras.Sequential([
        tf.keras.layers.Input((n_in,)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    net.compile(optimizer=tf.keras.optimizers.Adam(lr), loss="binary_crossentropy", metrics=["accuracy"])
    return net


results = {}
for lr in (1e-4, 3e-4, 1e-3, 3e-3, 1e-2):
    net = make_net(X_tr.shape[1], lr)
    net.fit(X_tr, y_tr, epochs=20, batch_size=256, verbose=0)
    _, acc = net.evaluate(X_te, y_te, verbose=0)  # expect: leakage/multi-test
    results[lr] = acc
    print(f"lr={lr:g} test acc={acc:.4f}")

print("best lr:", max(results, key=results.get), "all:", np.round(list(results.values()), 4))
