"""Feature helpers imported by leaky.py: static analysis of leaky.py cannot see what happens in here."""
from sklearn.preprocessing import StandardScaler


def scale_columns(df, cols):
    # Fitted on every row it is given: called before the split, the test rows shape the scaling.
    scaler = StandardScaler()
    df[cols] = scaler.fit_transform(df[cols])
    return df
