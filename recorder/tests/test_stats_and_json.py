"""Column statistics and JSON-safe values, checked against pandas/numpy computations."""
import math

import numpy as np
import pandas as pd

from skewer.jsonsafe import to_json
from skewer.stats import QUANTILES, VALUES_MAX, column_stats, table_stats
from skewer.tables import TableView, evenly_spaced


def test_numeric_column():
    s = pd.Series([1.0, 2.0, np.nan, 4.0, 4.0, 0.0, np.inf])
    st = column_stats(s)
    finite = s[np.isfinite(s)]
    assert st["dtype"] == "float64" and st["nulls"] == 1 and st["distinct"] == 4 and st["zeros"] == 1
    assert st["min"] == 0.0 and st["max"] == 4.0
    assert math.isclose(st["mean"], finite.mean()) and math.isclose(st["std"], finite.std(ddof=1))
    counts, edges = np.histogram(finite, bins=20)
    assert st["hist"]["counts"] == counts.tolist()
    np.testing.assert_allclose(st["hist"]["edges"], edges)


def test_constant_nullable_bool_datetime_category_object():
    assert column_stats(pd.Series([3, 3, 3]))["hist"] == {"edges": [3.0, 3.0], "counts": [3]}
    st = column_stats(pd.Series([1, None, 3], dtype="Int64"))
    assert st["dtype"] == "Int64" and st["nulls"] == 1 and st["mean"] == 2.0
    st = column_stats(pd.Series([True, False, True]))
    assert st["top"][0] == {"value": "True", "count": 2} and math.isclose(st["mean"], 2 / 3, rel_tol=1e-9)
    st = column_stats(pd.Series(pd.to_datetime(["2024-01-02", None, "2023-05-06"])))
    assert st["min"] == "2023-05-06T00:00:00" and st["max"] == "2024-01-02T00:00:00" and st["nulls"] == 1
    st = column_stats(pd.Series(["b", "a", "b", None], dtype="category"))
    assert st["categories"] == ["a", "b"] and st["top"][0] == {"value": "b", "count": 2} and st["nulls"] == 1
    st = column_stats(pd.Series(["x"] * 30 + [f"v{i}" for i in range(30)]))
    assert len(st["top"]) == 20 and st["top"][0] == {"value": "x", "count": 30} and st["distinct"] == 31


def test_low_cardinality_numbers_keep_exact_counts_by_value():
    """Up to VALUES_MAX distinct values: every value and its count (what shared by-value bins need), no sketch."""
    rng = np.random.default_rng(3)
    calls = pd.Series(np.minimum(rng.poisson(1.5, 2000), 7))
    st = column_stats(calls)
    vals, counts = np.unique(calls, return_counts=True)
    assert st["values"] == {"values": vals.astype(float).tolist(), "counts": counts.tolist()} and "quantiles" not in st
    halves = column_stats(pd.Series([0.5, 1.0, 1.5, np.nan, 1.0, np.inf]))
    assert halves["values"] == {"values": [0.5, 1.0, 1.5], "counts": [1, 2, 1]}  # NaN and inf are not values
    nullable = column_stats(pd.Series([1, None, 3, 3], dtype="Int64"))
    assert nullable["values"] == {"values": [1.0, 3.0], "counts": [1, 2]}
    at_limit = column_stats(pd.Series(np.arange(VALUES_MAX)))
    assert len(at_limit["values"]["values"]) == VALUES_MAX and "quantiles" not in at_limit


def test_many_distinct_numbers_keep_a_quantile_sketch():
    """Over VALUES_MAX distinct values: the QUANTILES + 1 evenly spaced quantiles (numpy's linear method)."""
    x = np.random.default_rng(4).lognormal(10, 0.5, 5000)
    x[::50] = np.nan
    st = column_stats(pd.Series(x))
    finite = x[np.isfinite(x)]
    assert "values" not in st and len(st["quantiles"]) == QUANTILES + 1
    np.testing.assert_allclose(st["quantiles"], np.quantile(finite, np.linspace(0, 1, QUANTILES + 1)), rtol=1e-9)
    assert st["quantiles"][0] == st["min"] and st["quantiles"][-1] == st["max"]
    assert st["quantiles"] == sorted(st["quantiles"])
    over = column_stats(pd.Series(np.arange(VALUES_MAX + 1)))
    assert "values" not in over and over["quantiles"][50] == 50.0


def test_a_range_beyond_float64_gets_no_sketch():
    x = np.concatenate([np.linspace(-1e308, 0, 75), np.linspace(0, 1e308, 75)])
    with np.errstate(all="ignore"):
        st = column_stats(pd.Series(x))
    assert "hist" not in st and all(math.isfinite(q) for q in st.get("quantiles", []))


def test_table_stats_sample_is_evenly_spaced_and_says_so():
    df = pd.DataFrame({"i": np.arange(1000)})
    st = table_stats(TableView(df, "out"), cap=100)
    assert st["sampledRows"] == 100 and st["rowCount"] == 1000
    assert st["columns"]["i"]["min"] == 0 and st["columns"]["i"]["max"] == 990
    np.testing.assert_array_equal(evenly_spaced(10, 4), [0, 2, 5, 7])


def test_json_safe_values():
    assert to_json(np.float64("nan")) == "NaN" and to_json(-np.inf) == "-Infinity"
    assert to_json(np.arange(3)) == [0, 1, 2] and to_json({"a": (1, np.int64(2))}) == {"a": [1, 2]}
    big = to_json(np.arange(100.0).reshape(10, 10))
    assert big["truncated"] and big["length"] == 100 and big["shape"] == [10, 10] and big["head"][:3] == [0.0, 1.0, 2.0]
    assert to_json(object())["repr"] == "<object object>"  # no memory address: runs stay reproducible
    assert to_json(["s"] * 70)["truncated"] is True
