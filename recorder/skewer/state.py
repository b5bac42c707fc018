"""The active recording session (None when not recording). Wrappers read it on every call."""
ACTIVE = None
