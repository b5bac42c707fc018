# Real-estate: "is this listing overpriced?" classifier.
# Helper feature: how far the price is from the zipcode's average.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score, recall_score

listings = pd.read_csv("listings_2023.csv")
listings["overpriced"] = (listings["days_on_market"] > 90).astype(int)
listings["price_vs_zip"] = listings["list_price"] - listings.groupby("zipcode")["list_price"].transform("mean")  # expect: leakage/preprocessing

feats = ["sqft", "beds", "baths", "lot_size", "price_vs_zip", "list_price"]
train, test = train_test_split(listings, test_size=0.2, random_state=4)

rf = RandomForestClassifier(n_estimators=400, class_weight="balanced", random_state=4)
rf.fit(train[feats], train["overpriced"])
pred = rf.predict(test[feats])
print("precision", precision_score(test["overpriced"], pred))
print("recall   ", recall_score(test["overpriced"], pred))
