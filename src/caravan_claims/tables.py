"""HTML rendering of tables for notebooks and reports. Article text is untrusted: always escaped."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML


def html_table(frame: pd.DataFrame, max_rows: int | None = None) -> HTML:
    """An escaped HTML table without the index, for display in a notebook or report."""
    return HTML(
        frame.to_html(
            index=False,
            escape=True,
            border=0,
            max_rows=max_rows,
            na_rep="",
            classes="caravan-table",
        )
    )


def highlight(sentence: str, quote_start: int, quote_end: int) -> str:
    """The sentence as escaped HTML with ``sentence[quote_start:quote_end]`` in <mark>."""
    return (
        html.escape(sentence[:quote_start])
        + "<mark>"
        + html.escape(sentence[quote_start:quote_end])
        + "</mark>"
        + html.escape(sentence[quote_end:])
    )
