# Classify new product reviews with the saved Keras model.
import pandas as pd
from tensorflow import keras
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences

model = keras.models.load_model("review_classifier.h5")
new_reviews = pd.read_csv("reviews_today.csv")["text"].astype(str).tolist()

tokenizer = Tokenizer(num_words=20000)
tokenizer.fit_on_texts(new_reviews)  # expect: mismatch/refit-at-inference
padded = pad_sequences(tokenizer.texts_to_sequences(new_reviews), maxlen=200)

labels = (model.predict(padded)[:, 0] > 0.5).astype(int)
pd.DataFrame({"text": new_reviews, "positive": labels}).to_csv("reviews_today_labelled.csv", index=False)
