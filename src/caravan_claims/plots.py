"""Plots the notebooks show; kept here so they are tested and the notebooks stay thin."""

from __future__ import annotations

import math
import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from caravan_claims.reconcile import Interval

PRECISION_DAYS = {"day": 0, "week": 3, "month": 15, "year": 182}
LABEL_LENGTH = 22
_HASHED_ID = re.compile(r"^(\w+?)_[0-9a-f]{8,}$")


def article_label(article_id: str, outlet: str = "", title: str = "") -> str:
    """How a plot names an article: its outlet, else its title, else a readable id ("article
    000" for "000_5a697cbeb227ac85"), shortened to fit a label."""
    hashed = _HASHED_ID.match(article_id)
    label = outlet or title or (f"article {hashed.group(1)}" if hashed else article_id)
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def article_labels(corpus: pd.DataFrame) -> dict[str, str]:
    """:func:`article_label` for every article, made unique where two share an outlet."""
    labels = {
        row.article_id: article_label(row.article_id, row.outlet, row.title)
        for row in corpus.itertuples(index=False)
    }
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    seen: dict[str, int] = {}
    for article_id, label in sorted(labels.items()):
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            labels[article_id] = f"{label} ({seen[label]})"
    return labels


def publication_timeline(corpus: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """One panel per event (plus 'no event' when needed), each on its own date axis because the
    caravans lie years apart: one row per article, named by its outlet (else title, else id), a
    dot at its publication date with a bar for the date's uncertainty; the event's start as a
    diamond on its own row."""
    dated = corpus[corpus["published"].notna()]
    rows = _timeline_rows(dated, events)
    if not rows:
        fig, ax = plt.subplots(figsize=(9, 1.5))
        ax.text(
            0.5, 0.5, "No publication dates known", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return fig
    sizes = [_panel_rows(int((dated["event_id"] == e).sum())) for e in rows]
    fig, axes = plt.subplots(
        len(rows), 1, figsize=(9, 1.2 + 0.26 * sum(sizes) + 0.5 * len(rows)),
        gridspec_kw={"height_ratios": sizes}, squeeze=False,
    )  # fmt: skip
    labels = dict(zip(events["event_id"], events["label"], strict=True))
    starts = dict(zip(events["event_id"], events["start"], strict=True))
    names = article_labels(corpus)
    drawn: dict[str, object] = {}
    for ax, event_id in zip(axes[:, 0], rows, strict=True):
        panel = dated[dated["event_id"] == event_id]
        if len(panel) > TIMELINE_MAX_ROWS:
            _draw_event_counts(ax, panel, starts.get(event_id, ""))
        else:
            _draw_event_row(ax, panel, starts.get(event_id, ""), names)
        ax.set_title(
            labels.get(event_id, event_id) if event_id else "no event", fontsize=10, loc="left"
        )
        for handle, name in zip(*ax.get_legend_handles_labels(), strict=True):
            drawn.setdefault(name, handle)  # the legend lists what any panel drew
    undated = int(corpus["published"].isna().sum())
    note = f"; {undated} article(s) with unknown date not shown" if undated else ""
    fig.legend(
        list(drawn.values()),
        list(drawn),
        loc="lower center",
        ncol=2,
        fontsize=8,
        frameon=False,
        title=f"labels: outlet, else title, else article id{note}",
        title_fontsize=8,
    )
    fig.tight_layout(rect=(0, 0.9 / (1.2 + 0.26 * sum(sizes) + 0.5 * len(rows)), 1, 1))
    return fig


# Above this many articles an event's panel counts articles per day instead of one row each: a
# row per article of a large corpus makes a figure metres tall and a report megabytes heavy.
TIMELINE_MAX_ROWS = 40


def _panel_rows(n_articles: int) -> int:
    return max(2, n_articles + 1) if n_articles <= TIMELINE_MAX_ROWS else 8


def _draw_event_counts(ax: plt.Axes, articles: pd.DataFrame, start: str) -> None:
    """Articles published per day (a large event): bars, and the event's start as a diamond."""
    days = pd.to_datetime(articles["published"]).dt.normalize().value_counts().sort_index()
    ax.bar(days.index, days.to_numpy(), width=0.8, color="tab:blue",
           label=f"articles published per day ({len(articles):,} articles)")  # fmt: skip
    dates = list(days.index)
    if start:
        ax.plot(pd.Timestamp(start), 0, marker="D", color="tab:orange", markersize=8,
                linestyle="none", label="the group sets off (event start)", zorder=3,
                clip_on=False)  # fmt: skip
        dates.append(pd.Timestamp(start))
    margin = pd.Timedelta(days=3)
    ax.set_xlim(min(dates) - margin, max(dates) + margin)
    ax.set_ylabel("articles", fontsize=8)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", alpha=0.3)


def _draw_event_row(
    ax: plt.Axes, articles: pd.DataFrame, start: str, names: dict[str, str]
) -> None:
    articles = articles.sort_values(["published", "article_id"])
    dates = list(articles["published"])
    positions = list(range(1, len(articles) + 1))
    if start:
        ax.plot(pd.Timestamp(start), 0, marker="D", color="tab:orange", markersize=8,
                linestyle="none", label="the group sets off (event start)", zorder=3)  # fmt: skip
        dates.append(pd.Timestamp(start))
    spread = [pd.Timedelta(days=PRECISION_DAYS.get(p, 0)) for p in articles["date_precision"]]
    ax.errorbar(articles["published"], positions, xerr=[spread, spread], fmt="o",
                color="tab:blue", capsize=3, label="article published (bar: date uncertainty)",
                zorder=4)  # fmt: skip
    ax.set_yticks([0, *positions])
    ax.set_yticklabels(
        ["event start" if start else "", *(names.get(a, a) for a in articles["article_id"])],
        fontsize=7,
    )
    margin = pd.Timedelta(days=3)
    ax.set_xlim(min(dates) - margin, max(dates) + margin)
    ax.set_ylim(len(positions) + 0.6, -0.6)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", alpha=0.3)


def figures_by_unit(counts: pd.DataFrame) -> Figure:
    """Stacked bars: figures per counted thing, split by qualifier (``unit_qualifier_counts``)."""
    if counts.empty:
        fig, ax = plt.subplots(figsize=(8, 1.2))
        ax.text(0.5, 0.5, "No figures in these articles", ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
        ax.set_axis_off()
        return fig
    fig, ax = plt.subplots(figsize=(8, 0.4 + 0.35 * len(counts)))
    counts.drop(columns="total").iloc[::-1].plot.barh(
        stacked=True, ax=ax, width=0.7, colormap="tab10"
    )
    ax.set_xlabel("figures")
    ax.set_ylabel("")
    ax.set_title("Figures by unit and qualifier")
    ax.legend(title="qualifier", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def _timeline_rows(corpus: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    present = set(corpus["event_id"])
    used = [e for e in events["event_id"] if e in present]
    if (corpus["event_id"] == "").any():
        used.append("")
    return used


QUALIFIER_MARKERS = {
    "exact": ("o", "exact"),
    "approx": ("D", "approximately"),
    "lower": (">", "more than / at least"),
    "upper": ("<", "as many as / up to"),
    "range": ("|", "range"),
    "vague": ("s", "vague amount"),
}
ROLE_COLOURS = {"supports": "tab:blue", "tied": "tab:purple", "left_out": "tab:red",
                "series": "tab:cyan", "apart": "tab:gray", "forecast": "tab:orange",
                "denied": "tab:brown"}  # fmt: skip


def forest(
    reconciled: pd.DataFrame,
    quantities: pd.DataFrame,
    claims: pd.DataFrame,
    agreed: dict[str, list[Interval]],
) -> Figure:
    """One panel per quantity with two or more independent claims, one row per claim: the
    interval its qualifier allows (open arrows for unbounded sides), a marker by qualifier,
    coloured by its role; the agreed interval(s) (``agreed``, by quantity_id) shaded and the
    estimate marked. Quantities with a single claim are small multiples below, three a row.
    Labels name outlet and source; the legend lists only what is drawn."""
    rows = quantities.merge(claims, on="claim_id", suffixes=("", "_claim"))
    rows = rows[rows["role"] != "copy"]  # a copy is the same report: one row for it is enough
    counts = rows.groupby("quantity_id").size()
    wide = [q for q in reconciled.itertuples(index=False) if counts.get(q.quantity_id, 0) > 1]
    small = [q for q in reconciled.itertuples(index=False) if counts.get(q.quantity_id, 0) <= 1]
    small_rows = math.ceil(len(small) / SMALL_PER_ROW)
    heights = [max(2, int(counts.get(q.quantity_id, 0))) for q in wide] + [1.6] * small_rows
    fig = plt.figure(figsize=(9.5, 0.9 + 0.42 * sum(heights) + 0.5 * len(wide)))
    grid = fig.add_gridspec(len(heights), SMALL_PER_ROW, height_ratios=heights)
    for number, quantity in enumerate(wide):
        ax = fig.add_subplot(grid[number, :])
        panel = rows[rows["quantity_id"] == quantity.quantity_id]
        _forest_panel(ax, quantity, panel, agreed.get(quantity.quantity_id, []))
    for number, quantity in enumerate(small):
        ax = fig.add_subplot(grid[len(wide) + number // SMALL_PER_ROW, number % SMALL_PER_ROW])
        panel = rows[rows["quantity_id"] == quantity.quantity_id]
        _forest_panel(ax, quantity, panel, agreed.get(quantity.quantity_id, []), compact=True)
    drawn = rows[rows["quantity_id"].isin(reconciled["quantity_id"])]
    handles = [
        plt.Line2D([], [], marker=marker, linestyle="none", color="black", label=label)
        for qualifier, (marker, label) in QUALIFIER_MARKERS.items()
        if qualifier in set(drawn["qualifier"])
    ]
    handles += [
        plt.Line2D([], [], color=colour, linewidth=3, label=role.replace("_", " "))
        for role, colour in ROLE_COLOURS.items()
        if role in set(drawn["role"])
    ]
    fig.legend(handles=handles, loc="lower center", ncol=5, fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.4 / (0.9 + 0.42 * sum(heights)) + 0.02, 1, 1))
    return fig


SMALL_PER_ROW = 3


def _forest_panel(
    ax: plt.Axes,
    quantity: object,
    rows: pd.DataFrame,
    agreed: list[Interval],
    compact: bool = False,
) -> None:
    finite = [
        v for v in (*rows["interval_low"], *rows["interval_high"]) if pd.notna(v) and np.isfinite(v)
    ]
    left, right = (min(finite), max(finite)) if finite else (0.0, 1.0)
    pad = (right - left) * 0.15 or max(abs(right) * 0.15, 1.0)
    left, right = max(0.0, left - pad), right + pad
    visible = (right - left) * 0.004  # a single agreed value still shows as a band
    series = getattr(quantity, "status", "") == "series"
    if series:
        agreed = []  # one interval for all days means nothing for a group that changed
        rows = rows.sort_values(["as_of", "claim_id"])
    for reading in agreed:
        low, high = max(reading.low, left) - visible, min(reading.high, right) + visible
        ax.axvspan(low, high, color="tab:green", alpha=0.18, linewidth=0)
    if pd.notna(quantity.estimate):
        ax.axvline(quantity.estimate, color="tab:green", linewidth=1.5, linestyle="--")
    for y, row in enumerate(rows.itertuples(index=False)):
        _forest_row(ax, y, row, left, right)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [
            (f"{row.as_of} · " if series else "") + _row_label(row)
            for row in rows.itertuples(index=False)
        ],
        fontsize=8,
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(left, right)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.grid(axis="x", alpha=0.3)
    estimate = "" if pd.isna(quantity.estimate) else f", estimate {quantity.estimate:,.0f}"
    if compact:
        name = quantity.quantity_id.split("/", 1)[-1].replace("_", " ")
        ax.set_title(f"{name[:34]}\n{quantity.status}{estimate}", fontsize=7, loc="left")
        ax.set_yticklabels(
            [_row_label(row)[:20] for row in rows.itertuples(index=False)], fontsize=6
        )
        ax.tick_params(axis="x", labelsize=6)
        ax.xaxis.set_major_locator(plt.MaxNLocator(3))
        return
    ax.set_title(f"{quantity.quantity_id}: {quantity.status}{estimate}", fontsize=9, loc="left")


def _forest_row(ax: plt.Axes, y: int, row: object, left: float, right: float) -> None:
    colour = ROLE_COLOURS.get(row.role, "tab:gray")
    low, high = row.interval_low, row.interval_high
    if pd.isna(low):
        low, high = row.low, row.high
    shown_low, shown_high = max(low, left), min(high, right)
    ax.plot([shown_low, shown_high], [y, y], color=colour, linewidth=3, alpha=0.6,
            solid_capstyle="butt")  # fmt: skip
    if high > right:  # unbounded above: an open arrow
        ax.annotate("", xy=(right, y), xytext=(shown_high - (right - left) * 0.08, y),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})  # fmt: skip
    if low <= 0 and row.qualifier == "upper":
        ax.annotate("", xy=(left, y), xytext=(left + (right - left) * 0.08, y),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})  # fmt: skip
    marker, _ = QUALIFIER_MARKERS.get(row.qualifier, ("o", ""))
    point = row.low if row.qualifier != "upper" else row.high
    ax.plot(point, y, marker=marker, color=colour, markersize=7, linestyle="none")
    if row.qualifier == "range":
        ax.plot(row.high, y, marker=marker, color=colour, markersize=7, linestyle="none")


def _row_label(row: object) -> str:
    outlet = row.outlet or article_label(row.article_id)
    source = f" — {row.attributed_to}" if row.attributed_to else ""
    label = f"{outlet}{source}"
    return label if len(label) <= 48 else label[:47] + "…"


SERIES_STYLE = {
    "sw_total_encounters": ("total encounters (Border Patrol + ports of entry)", "black"),
    "usbp_encounters": ("Border Patrol, between ports of entry", "tab:blue"),
    "ofo_encounters": ("Field Operations, at ports of entry", "tab:orange"),
}
VERDICT_COLOURS = {"matches": "tab:green", "consistent": "tab:green", "revised": "tab:olive",
                   "contradicts": "tab:red", "no_official_data": "tab:gray"}  # fmt: skip


# Above this many figures the border plot names none of them (the table under it does): a name
# beside each of thousands of dots is unreadable and takes seconds to lay out.
BORDER_MAX_LABELS = 60


def border_record(
    series: pd.DataFrame,
    checks: pd.DataFrame,
    claims: pd.DataFrame,
    labels: dict[str, str] | None = None,
) -> Figure:
    """The official monthly series with every article's monthly figure at its month: a dot for
    an exact figure, an arrow up for "more than", down for "as many as"; colour by verdict."""
    fig, ax = plt.subplots(figsize=(10, 4.8))
    for measure, (label, colour) in SERIES_STYLE.items():
        if measure in series:
            ax.plot(series.index, series[measure], color=colour, linewidth=1.4, label=label)
    shown = checks.merge(claims, on="claim_id", how="left")
    monthly = shown["measure"].str.endswith("_month") | (shown["kind"] == "forecast")
    shown = shown[monthly & shown["verdict"].ne("no_official_data")]
    named = len(shown) <= BORDER_MAX_LABELS
    for row in shown.itertuples(index=False):
        when = pd.Timestamp(row.month + "-15")
        colour = VERDICT_COLOURS[row.verdict]
        value = row.high if row.qualifier == "upper" else row.low
        forecast = row.kind == "forecast"
        marker = "^" if forecast else {"lower": "^", "upper": "v"}.get(row.qualifier, "o")
        ax.plot(when, value, marker=marker, color=colour, markersize=9, markeredgecolor="black",
                linestyle="none", zorder=5, fillstyle="none" if forecast else "full")  # fmt: skip
        if named:
            name = (labels or {}).get(row.article_id) or article_label(row.article_id)
            ax.annotate(name, (when, value), textcoords="offset points", xytext=(6, 4),
                        fontsize=7)  # fmt: skip
    for verdict, colour in VERDICT_COLOURS.items():
        if verdict in set(shown["verdict"]):
            ax.plot([], [], marker="o", color=colour, linestyle="none", label=f"article: {verdict}")
    reported = shown[shown["kind"] != "forecast"]
    if reported["qualifier"].isin(["lower", "upper"]).any():
        ax.plot(
            [], [], marker="^", color="gray", linestyle="none", label="▲ more than, ▼ as many as"
        )
    if (shown["kind"] == "forecast").any():
        ax.plot([], [], marker="^", color="gray", fillstyle="none", linestyle="none",
                label="△ forecast: the month would exceed it")  # fmt: skip
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set_ylabel("encounters per month")
    title = "Southwest border: the official monthly record and the articles' figures"
    if not named:
        title += f"\n({len(shown):,} figures: too many to name; the table below lists each)"
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    fig.tight_layout()
    return fig
