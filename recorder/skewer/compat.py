"""What differs between the supported pandas / numpy versions (1.5 to 3.x), decided once at import."""
import re

import pandas as pd


def _version(v: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:2])


PANDAS_VERSION = _version(pd.__version__)
