"""Small X-ray data set: triple it with augmentation, then train a CNN."""
import numpy as np
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow.keras import layers, models
from sklearn.model_selection import train_test_split

images = np.load("xray_images.npy").astype("float32") / 255.0
labels = np.load("xray_labels.npy")

augmenter = ImageDataGenerator(rotation_range=15, width_shift_range=0.1, zoom_range=0.1, horizontal_flip=True)
aug_x, aug_y = [], []
for batch_x, batch_y in augmenter.flow(images, labels, batch_size=len(images), shuffle=False):  # expect: leakage/overlap
    aug_x.append(batch_x)
    aug_y.append(batch_y)
    if len(aug_x) == 2:
        break

all_x = np.concatenate([images] + aug_x)
all_y = np.concatenate([labels] + aug_y)
x_train, x_test, y_train, y_test = train_test_split(all_x, all_y, test_size=0.2, random_state=9)

cnn = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=images.shape[1:]),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation="sigmoid"),
])
cnn.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
cnn.fit(x_train, y_train, epochs=10, batch_size=32)
print(cnn.evaluate(x_test, y_test))
