"""Plots the notebooks show; kept here so they are tested and the notebooks stay thin."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

PRECISION_DAYS = {"day": 0, "week": 3, "month": 15, "year": 182}


def publication_timeline(corpus: pd.DataFrame, events: pd.DataFrame) -> Figure:
    """One panel per event (plus 'no event' when needed), each on its own date axis because the
    caravans lie years apart: the event's start as a diamond, each article as a dot at its
    publication date with a bar for the date's uncertainty."""
    dated = corpus[corpus["published"].notna()]
    rows = _timeline_rows(dated, events)
    if not rows:
        fig, ax = plt.subplots(figsize=(9, 1.5))
        ax.text(
            0.5, 0.5, "No publication dates known", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return fig
    fig, axes = plt.subplots(len(rows), 1, figsize=(9, 0.3 + 1.25 * len(rows)), squeeze=False)
    labels = dict(zip(events["event_id"], events["label"], strict=True))
    starts = dict(zip(events["event_id"], events["start"], strict=True))
    for ax, event_id in zip(axes[:, 0], rows, strict=True):
        _draw_event_row(ax, dated[dated["event_id"] == event_id], starts.get(event_id, ""))
        ax.set_title(
            labels.get(event_id, event_id) if event_id else "no event", fontsize=10, loc="left"
        )
    handles, names = axes[0, 0].get_legend_handles_labels()
    undated = int(corpus["published"].isna().sum())
    note = f"; {undated} article(s) with unknown date not shown" if undated else ""
    fig.legend(
        handles,
        names,
        loc="lower center",
        ncol=2,
        fontsize=8,
        frameon=False,
        title=f"labels are article id prefixes{note}",
        title_fontsize=8,
    )
    fig.tight_layout(rect=(0, 0.12 if len(rows) < 3 else 0.07, 1, 1))
    return fig


def _draw_event_row(ax: plt.Axes, articles: pd.DataFrame, start: str) -> None:
    dates = list(articles["published"])
    if start:
        ax.plot(
            pd.Timestamp(start),
            0,
            marker="D",
            color="tab:orange",
            markersize=8,
            linestyle="none",
            label="caravan sets off",
            zorder=3,
        )
        dates.append(pd.Timestamp(start))
    spread = [pd.Timedelta(days=PRECISION_DAYS.get(p, 0)) for p in articles["date_precision"]]
    ax.errorbar(
        articles["published"],
        [0] * len(articles),
        xerr=[spread, spread],
        fmt="o",
        color="tab:blue",
        capsize=4,
        label="article published (bar: date uncertainty)",
        zorder=4,
    )
    for lift, (date, article_id) in enumerate(
        zip(articles["published"], articles["article_id"], strict=True)
    ):
        ax.annotate(
            article_id[:3],
            (date, 0),
            textcoords="offset points",
            xytext=(0, 8 + 9 * lift),
            ha="center",
            fontsize=8,
        )
    margin = pd.Timedelta(days=8)
    ax.set_xlim(min(dates) - margin, max(dates) + margin)
    ax.set_ylim(-0.6, 1.4)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.grid(axis="x", alpha=0.3)


def _timeline_rows(corpus: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    present = set(corpus["event_id"])
    used = [e for e in events["event_id"] if e in present]
    if (corpus["event_id"] == "").any():
        used.append("")
    return used
