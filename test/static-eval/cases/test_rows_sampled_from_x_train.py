# Spotify genre classifier; a quick "test" subset for the demo.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

tracks = pd.read_csv("spotify_tracks.csv")
audio = ["danceability", "energy", "loudness", "speechiness", "acousticness", "instrumentalness", "valence", "tempo"]
X_train, X_val, y_train, y_val = train_test_split(tracks[audio], tracks["genre"], test_size=0.2, random_state=0)

rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
demo_X = X_train.sample(n=300, random_state=1)  # expect: leakage/overlap
demo_y = y_train.loc[demo_X.index]
print("demo accuracy:", accuracy_score(demo_y, rf.predict(demo_X)))
