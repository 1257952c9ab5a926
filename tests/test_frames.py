"""frames.records and frames.by_index give what DataFrame.to_dict gives, value types included."""

import math

import numpy as np
import pandas as pd

from caravan_claims import frames


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c"], "n": [1, 2, 3], "x": [1.5, np.nan, 3.0], "ok": [True, False, True],
        "when": pd.to_datetime(["2030-01-01", None, "2030-01-03"]), "mixed": ["s", 2, None],
    }).set_index("id")  # fmt: skip


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if a is pd.NaT or b is pd.NaT:
        return a is b
    return a == b and type(a) is type(b)


def test_records_are_to_dict_records_with_the_same_python_types():
    frame = _frame().reset_index()
    expected, found = frame.to_dict("records"), frames.records(frame)
    assert len(found) == len(expected) == 3
    for want, got in zip(expected, found, strict=True):
        assert list(got) == list(want)
        assert all(_same(want[k], got[k]) for k in want), (want, got)
    assert type(found[0]["n"]) is int and type(found[0]["ok"]) is bool


def test_by_index_is_to_dict_index_and_an_empty_frame_has_no_rows():
    frame = _frame()
    expected, found = frame.to_dict("index"), frames.by_index(frame)
    assert list(found) == list(expected) == ["a", "b", "c"]
    assert all(_same(expected[i][k], found[i][k]) for i in expected for k in expected[i])
    assert frames.records(frame.iloc[0:0]) == []
