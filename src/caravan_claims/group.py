"""Stage 3a — give every claim a quantity key: what it measures, about whom, for when.

Two claims can only be reconciled when they speak of the same quantity: the same *subject* (a
caravan from ``events.csv``, or a standing subject such as the U.S. southwest border), the same
*measure* (caravan size, border encounters per month, apprehensions per day, ...) and the same
*period*. Keys are assigned from the claim's unit, rate, sentence and its article's metadata;
curated corrections come from ``data/claim_overrides.csv`` and are never edits to derived tables.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from caravan_claims.corpus import read_csv_as_text, validate
from caravan_claims.errors import InputError

BORDER = "us_sw_border"
UNASSIGNED = "unassigned"
OVERRIDE_FIELDS = ("subject", "event_id", "measure", "period", "as_of", "exclude")
GROUPED_COLUMNS = [
    "claim_id", "quantity_id", "subject", "event_id", "measure", "period", "as_of",
    "grouping_note",
]  # fmt: skip

# What a border figure counts, from the words of its clause; the order matters ("apprehended"
# before "crossed": "apprehended after they crossed" counts apprehensions).
_COUNT_WORDS = [
    ("apprehensions", re.compile(r"(?i)\bapprehen\w*|\barrest\w*")),
    ("encounters", re.compile(r"(?i)\bencounter\w*")),
    ("expulsions", re.compile(r"(?i)\bexpel\w*|\bexpuls\w*|\bdeport\w*|\bremov(?:al|ed)\w*")),
    ("crossings", re.compile(r"(?i)\bcross(?:ed|ing|ings)\b")),
]
_BORDER_CONTEXT = re.compile(r"(?i)\bborder\b|\bports? of entry\b|\bBorder Patrol\b|\bCBP\b")
_CARAVAN_CONTEXT = re.compile(
    r"(?i)\bcaravans?\b|\bmarch(?:ers)?\b|\bgroup\b|\bexodus\b|\bmass movement\b|\bcolumn\b|"
    r"\bmaking (?:the|their) (?:trip|journey)\b|\bon foot\b|\bset(?:ting)? off\b|"
    r"\bcrossed (?:freely )?into\b|\b(?:left|leaving|depart\w*|walk\w*|trek\w*|travell?\w*)\b|"
    r"\bhead(?:ed|ing)? (?:north|toward|towards|for)\b|\b(?:made|making) (?:its|their) way\b|"
    r"\bon the move\b"
)
_DISTANCE_UNITS = {"miles", "km", "meters", "feet", "yards"}
_MONEY_UNITS = {"usd", "mxn", "eur", "gbp", "gtq", "hnl"}
_DURATION_UNITS = {"days", "weeks", "months", "years", "hours", "minutes"}
_UNIT_MEASURES = {"visas": "visas"}


def measure_of(claim: pd.Series) -> str:
    """The measure a claim reports, from its unit, rate and the words of its sentence."""
    unit, per, sentence = claim["unit"], claim["per"], claim["sentence"]
    if unit in _DISTANCE_UNITS:
        return "distance"
    if unit in _MONEY_UNITS:
        return "money"
    if unit in _DURATION_UNITS or unit == "age":
        return unit if unit == "age" else "duration"
    if unit == "percent":
        return "share"
    if unit in _UNIT_MEASURES:
        return _UNIT_MEASURES[unit] + (f"_per_{per}" if per else "")
    if unit == "people" and _CARAVAN_CONTEXT.search(sentence):
        return "caravan_size"
    counted = _border_count(unit, sentence)
    if counted:
        return f"border_{counted}_{_granularity(per, claim['period'])}"
    return f"other_{unit}"


def _border_count(unit: str, sentence: str) -> str | None:
    """Encounters, apprehensions and expulsions are border-enforcement terms in themselves;
    crossings count only where the sentence speaks of the border."""
    if unit in {"encounters", "apprehensions", "expulsions", "crossings"}:
        return unit
    if unit not in {"people", "count"}:
        return None
    for name, pattern in _COUNT_WORDS:
        if pattern.search(sentence) and (name != "crossings" or _BORDER_CONTEXT.search(sentence)):
            return name
    return None


def _granularity(per: str, period: str) -> str:
    """day / month / year for rates and whole calendar months, else 'period' (e.g. a weekend)."""
    if per:
        return per
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "month"
    if re.fullmatch(r"\d{4}", period):
        return "year"
    return "period"


def period_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a period covers ("2023-11" → Nov 1 to Nov 30), or None if empty."""
    if not period:
        return None
    first, _, last = period.partition("/")
    return _start_of(first), _end_of(last or first)


def _start_of(part: str) -> dt.date:
    pieces = [int(p) for p in part.split("-")]
    return dt.date(
        pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1
    )


def _end_of(part: str) -> dt.date:
    pieces = [int(p) for p in part.split("-")]
    if len(pieces) == 3:
        return dt.date(*pieces)
    if len(pieces) == 2:
        following = dt.date(pieces[0] + pieces[1] // 12, pieces[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(pieces[0], 12, 31)


def as_of(claim: pd.Series, published: pd.Timestamp | None) -> str:
    """The date a claim speaks for: its period when that is a single day, else the article's
    publication date, else its period's last day."""
    bounds = period_bounds(claim["period"])
    if bounds and bounds[0] == bounds[1]:
        return bounds[0].isoformat()
    if published is not None and not pd.isna(published):
        return published.date().isoformat()
    return bounds[1].isoformat() if bounds else ""


def assign(
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    events: pd.DataFrame,
    overrides: pd.DataFrame | None = None,
    window_days: int = 7,
) -> pd.DataFrame:
    """One row per claim with its quantity key (see ``GROUPED_COLUMNS``).

    A caravan-size claim belongs to its article's event unless its period ends before the day
    before the event started (then it describes an earlier group). Border counts belong to the
    standing subject ``us_sw_border``. Caravan-size claims more than ``window_days`` apart are
    separate quantities. Overrides are applied last."""
    articles = corpus.set_index("article_id")
    starts = {row.event_id: row.start for row in events.itertuples(index=False)}
    rows = []
    for claim in claims.to_dict("records"):
        article = articles.loc[claim["article_id"]]
        measure = measure_of(pd.Series(claim))
        subject, note = _subject(claim, measure, article["event_id"], starts)
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "subject": subject,
                "event_id": article["event_id"],
                "measure": measure,
                "period": "" if measure == "caravan_size" else claim["period"],
                "as_of": as_of(pd.Series(claim), article["published"]),
                "grouping_note": note,
            }
        )
    grouped = pd.DataFrame(rows, columns=[c for c in GROUPED_COLUMNS if c != "quantity_id"])
    if overrides is not None and not overrides.empty:
        grouped = apply_overrides(grouped, overrides)
    grouped["quantity_id"] = [
        quantity_id(row.subject, row.measure, row.period) for row in grouped.itertuples()
    ]
    return _split_by_as_of(grouped, window_days)[GROUPED_COLUMNS]


def _subject(claim: dict, measure: str, event_id: str, starts: dict[str, str]) -> tuple[str, str]:
    if measure.startswith("border_"):
        return BORDER, "a border count: the standing subject, the U.S. southwest border"
    if not event_id:
        return UNASSIGNED, "the article has no event_id in its metadata"
    bounds = period_bounds(claim["period"])
    start = starts.get(event_id, "")
    if bounds and start and bounds[1] < dt.date.fromisoformat(start) - dt.timedelta(days=1):
        return UNASSIGNED, (
            f"its period ({claim['period']}) ends before {event_id} started ({start}): "
            "it describes something earlier"
        )
    return event_id, f"the article's event ({event_id})"


def is_reconciled_measure(measure: str) -> bool:
    """Measures whose claims compete to describe one number. Others (a tariff schedule, distances
    to different places, durations) are grouped for reading but not reconciled."""
    return measure == "caravan_size" or measure.startswith(("border_", "visas"))


def quantity_id(subject: str, measure: str, period: str) -> str:
    return ":".join(part for part in (subject, measure, period) if part)


def _split_by_as_of(grouped: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """A caravan's size changes by the day: caravan-size claims more than ``window_days`` apart
    become separate quantities, suffixed with the as-of date of their first claim."""
    grouped = grouped.copy()
    for key, members in grouped[grouped["measure"] == "caravan_size"].groupby("quantity_id"):
        dates = members["as_of"].where(members["as_of"] != "", None).dropna().sort_values()
        if dates.empty:
            continue
        parsed = [dt.date.fromisoformat(d) for d in dates]
        if (parsed[-1] - parsed[0]).days <= window_days:
            continue
        cluster_start = parsed[0]
        for index, day in zip(dates.index, parsed, strict=True):
            if (day - cluster_start).days > window_days:
                cluster_start = day
            grouped.loc[index, "quantity_id"] = f"{key}@{cluster_start.isoformat()}"
    return grouped


OVERRIDES_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(
            str, checks=pa.Check.str_matches(r"^.+:\d+$", error="an article_id:start claim id")
        ),
        "field": pa.Column(
            str, checks=pa.Check.isin(list(OVERRIDE_FIELDS), error=f"one of {OVERRIDE_FIELDS}")
        ),
        "value": pa.Column(str),
        "reason": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="a reason")),
    },
    strict=False,
)


def load_overrides(path: Path | None) -> pd.DataFrame:
    """Curated corrections: one row per (claim_id, field) with the new value and the reason."""
    if path is None or not Path(path).is_file():
        return pd.DataFrame(columns=["claim_id", "field", "value", "reason"])
    frame = read_csv_as_text(Path(path), ("claim_id", "field", "value", "reason"))
    return validate(frame, OVERRIDES_SCHEMA, Path(path), "claim_id")


def apply_overrides(grouped: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """Apply curated corrections; an override naming an unknown claim is an error, since a
    silently ignored correction is a correction lost."""
    grouped = grouped.copy()
    known = set(grouped["claim_id"])
    for line, row in enumerate(overrides.itertuples(index=False), start=2):
        if row.claim_id not in known:
            raise InputError(
                f"claim overrides line {line}: claim_id {row.claim_id!r} is not in the claims "
                "table; expected the claim_id of an extracted figure"
            )
        mask = grouped["claim_id"] == row.claim_id
        if row.field == "exclude":
            grouped.loc[mask, "measure"] = "excluded"
            grouped.loc[mask, "subject"] = UNASSIGNED
        else:
            grouped.loc[mask, row.field] = row.value
        grouped.loc[mask, "grouping_note"] = f"override ({row.field}): {row.reason}"
    return grouped
