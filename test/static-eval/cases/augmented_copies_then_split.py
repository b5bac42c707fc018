# Skin lesion thumbnails (64x64). Small dataset, so we triple it with augmentation first.
import numpy as np
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow.keras import layers, models
from sklearn.model_selection import train_test_split

images = np.load("lesions_64.npy").astype("float32") / 255.0
targets = np.load("lesions_labels.npy")

aug = ImageDataGenerator(rotation_range=25, horizontal_flip=True, zoom_range=0.15)
extra_x, extra_y = [], []
for _ in range(2):
    bx, by = next(aug.flow(images, targets, batch_size=len(images), shuffle=False))  # expect: leakage/overlap
    extra_x.append(bx)
    extra_y.append(by)
all_x = np.concatenate([images] + extra_x)
all_y = np.concatenate([targets] + extra_y)

x_tr, x_te, y_tr, y_te = train_test_split(all_x, all_y, test_size=0.2, random_state=1)
cnn = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(64, 64, 3)),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(7, activation="softmax"),
])
cnn.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
cnn.fit(x_tr, y_tr, epochs=15, batch_size=64)
print(cnn.evaluate(x_te, y_te))
