"""HTML rendering of tables for notebooks and reports. Article text is untrusted: always escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from caravan_claims import escape
from caravan_claims.numbers import value_label

TABLE_STYLE = (
    # !important: JupyterLab's stylesheet right-aligns table cells with a more specific selector
    "<style>.caravan-table td, .caravan-table th {text-align: left !important;"
    " vertical-align: top;}"
    " .caravan-table mark {background: #ffe38a;}</style>"
)


def html_table(frame: pd.DataFrame, max_rows: int | None = None) -> HTML:
    """An HTML table without the index, every text cell and header escaped by
    :func:`escape.text`, for display in a notebook or report."""
    shown = frame.copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(escape.text)
    shown.columns = [escape.text(column) for column in shown.columns]
    table = shown.to_html(
        index=False, escape=False, border=0, max_rows=max_rows, na_rep="", classes="caravan-table"
    )
    return HTML(TABLE_STYLE + table)


def unit_qualifier_counts(claims: pd.DataFrame, qualifiers: Sequence[str]) -> pd.DataFrame:
    """Figures by counted thing (rows) and qualifier (columns, in ``qualifiers`` order), with a
    total, largest first; empty when there is no figure."""
    counts = pd.crosstab(claims["unit"], claims["qualifier"]).reindex(
        columns=[q for q in qualifiers if q in set(claims["qualifier"])]
    )
    counts = counts.rename_axis(columns=None)
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values("total", ascending=False)


def html_table_or(frame: pd.DataFrame, when_empty: str) -> HTML:
    """:func:`html_table`, or a sentence saying why there is nothing to show."""
    if frame.empty:
        return HTML(f"<p><em>{escape.text(when_empty)}</em></p>")
    return html_table(frame)


def highlight(sentence: str, quote_start: int, quote_end: int) -> str:
    """The sentence as escaped HTML with ``sentence[quote_start:quote_end]`` in <mark>."""
    return (
        escape.text(sentence[:quote_start])
        + "<mark>"
        + escape.text(sentence[quote_start:quote_end])
        + "</mark>"
        + escape.text(sentence[quote_end:])
    )


def cells_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table from cells that are already safe HTML: escaped text or :func:`highlight`.
    Headers are escaped here."""
    head = "".join(f"<th>{escape.text(header)}</th>" for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<table class='caravan-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def sentence_with_quote(row: object) -> str:
    """A claim's sentence with its quote highlighted (the row has the claim columns)."""
    return highlight(row.sentence, row.start - row.sentence_start, row.end - row.sentence_start)


def claims_by_article(claims: pd.DataFrame, corpus: pd.DataFrame) -> HTML:
    """Every figure, article by article, its quote highlighted in its sentence (all escaped)."""
    headers = ("figure in its sentence", "value", "qualifier", "unit", "per", "source", "period",
               "hedge")  # fmt: skip
    sections = []
    by_article: dict[str, list[list[str]]] = {}
    for row in claims.itertuples(index=False):  # one pass, not one filter per article
        by_article.setdefault(row.article_id, []).append(_claim_cells(row))
    for article in corpus.itertuples(index=False):
        parts = (article.article_id, article.outlet, _date_label(article.published))
        heading = " · ".join(part for part in parts if part)
        rows = by_article.get(article.article_id, [])
        body = cells_table(headers, rows) if rows else "<p><em>No figures found.</em></p>"
        sections.append(f"<h3>{escape.text(heading)} ({len(rows)})</h3>{body}")
    return HTML(TABLE_STYLE + "".join(sections))


def _date_label(published: object) -> str:
    return "date unknown" if pd.isna(published) else f"published {published:%Y-%m-%d}"


def _claim_cells(row: object) -> list[str]:
    texts = [value_label(row.low, row.high, row.qualifier), row.qualifier, row.unit, row.per,
             row.attributed_to, row.period, row.hedge_cue]  # fmt: skip
    return [sentence_with_quote(row), *(escape.text(t) for t in texts)]


def rejected_numbers(rejected: pd.DataFrame) -> HTML:
    """The numbers not taken as figures, each highlighted in its sentence, with the reason."""
    if rejected.empty:
        return HTML("<p><em>No numbers were left out.</em></p>")
    rows = []
    for row in rejected.itertuples(index=False):
        offset = row.start - row.sentence_start
        context = highlight(row.sentence, offset, offset + len(row.text))
        rows.append([escape.text(row.article_id), context, escape.text(row.reason)])
    headers = ("article", "number in its sentence", "why it is not a figure")
    return HTML(TABLE_STYLE + cells_table(headers, rows))
