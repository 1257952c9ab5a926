"""Tables as plain rows, fast: the grouping and reconciliation stages walk tables row by row in
Python, and ``DataFrame.to_dict`` boxes every value one at a time (a tenth of those stages' time
on a large corpus). Built column by column instead, with the same Python values."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``."""
    names = list(frame.columns)
    columns = [frame.iloc[:, k].tolist() for k in range(len(names))]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def by_index(frame: pd.DataFrame) -> dict[Hashable, dict]:
    """``frame.to_dict("index")``."""
    return dict(zip(frame.index.tolist(), records(frame), strict=True))
