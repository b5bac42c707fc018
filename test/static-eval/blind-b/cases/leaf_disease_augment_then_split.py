# Plant leaf disease classifier (small CNN). Augment the dataset 3x, then split.
import numpy as np
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow.keras import layers, Sequential
from sklearn.model_selection import train_test_split

images = np.load("leaves_128.npy").astype("float32") / 255.0
labels = np.load("leaves_labels.npy")
n_classes = int(labels.max()) + 1

aug = ImageDataGenerator(rotation_range=25, zoom_range=0.15, horizontal_flip=True, brightness_range=(0.8, 1.2))
extra_x, extra_y = [], []
for _ in range(2):
    batch_x, batch_y = next(aug.flow(images, labels, batch_size=len(images), shuffle=False))  # expect: leakage/overlap
    extra_x.append(batch_x)
    extra_y.append(batch_y)

all_x = np.concatenate([images] + extra_x)
all_y = np.concatenate([labels] + extra_y)

tr_x, te_x, tr_y, te_y = train_test_split(all_x, all_y, test_size=0.2, random_state=0, stratify=all_y)

cnn = Sequential([
    layers.Input((128, 128, 3)),
    layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
    layers.GlobalAveragePooling2D(),
    layers.Dense(n_classes, activation="softmax"),
])
cnn.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
cnn.fit(tr_x, tr_y, epochs=15, batch_size=64, validation_split=0.1)
print(cnn.evaluate(te_x, te_y, verbose=0))
