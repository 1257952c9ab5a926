"""Stage 3b — reconcile the claims about one quantity: the interval most of them allow, a best
estimate with a plausible range and its basis, the support, the claims left out and why, a status
and a plain explanation.

Each claim becomes an interval according to its qualifier (see :class:`IntervalRules`); Marzullo's
algorithm finds the interval consistent with the largest (weighted) number of *independent*
claims: a copy of another outlet's sentence has no weight, a forecast or a figure inside a denial
is shown apart. A group's size on different days is a series, not a conflict. This stage reads
tables only: claims, quantity keys, article metadata and the denials table.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from caravan_claims import frames, group, lexicons
from caravan_claims.numbers import format_number, value_label

STATUSES = ("agree", "partial", "conflict", "series", "single_source", "disputed")
RECONCILED_COLUMNS = [
    "quantity_id", "subject", "event_id", "measure", "period", "group_kind", "part_of",
    "as_of_first", "as_of_last", "n_claims", "n_articles", "n_independent", "copies", "carried_by",
    "claim_ids", "supporting_claim_ids", "left_out", "low", "high", "low_open", "high_open",
    "estimate", "estimate_low", "estimate_high", "estimate_basis", "support", "support_weight",
    "total_weight", "status", "readings", "series", "forecasts", "source_spread", "explanation",
]  # fmt: skip
# What reconciling a quantity reads of each of its claims (a test checks it reads no other):
# the members carry these alone, since sending whole claim rows to the pool's processes cost
# more than reconciling them.
MEMBER_COLUMNS = [
    "claim_id", "quantity_id", "article_id", "event_id", "subject", "measure", "period",
    "group_kind", "part_of", "role_in_group", "as_of", "as_of_basis", "low", "high", "qualifier",
    "hedged", "statement", "denied_by", "copy_of", "wire", "outlet", "attributed_to", "quote",
    "sentence", "unit_normalised", "dimension", "converted_from",
]  # fmt: skip
INTERVAL_COLUMNS = [
    "claim_id", "quantity_id", "interval_low", "interval_high", "low_open", "high_open",
    "weight", "role", "reason",
]  # fmt: skip

# "more than 10,000" excludes 10,000 itself; "at least 10,000" and "as many as 10,000" include it.
_STRICT_BOUND = re.compile(
    r"(?i)^(?:more than|over|exceed\w*|surpass\w*|topp\w*|above|greater than|higher than|past|"
    r"north of|upwards? of|in excess of|fewer than|less than|under|below|nearly|almost|shy of|"
    r"just under|just shy of|not quite|well over|well above|just over)\b"
)


@dataclass(frozen=True)
class IntervalRules:
    """How each qualifier becomes an interval. Every field is also a notebook parameter.

    approx_mode: "relative" (± approx_relative of the number) or "rounding" (± half the unit the
        number is rounded to: "about 8,000" → 7,500–8,500; "about 8,200" → 8,150–8,250).
    approx_relative: the relative half-width of an approximate figure's band.
    exact_relative: the half-width allowed around an exact figure (0: the number itself).
    vague_mode: "order" (the order of magnitude the words name: hundreds = 100–1,000) or
        "exclude" (vague amounts are shown but not reconciled).
    hedged_weight: weight of a hedged claim ("could", "reportedly"); 0 shows it apart.
    weight_by_article: each article counts once, its claims sharing its weight, so a headline
        repeating the body does not vote twice.
    """

    approx_mode: str = "relative"
    approx_relative: float = 0.10
    exact_relative: float = 0.0
    vague_mode: str = "order"
    hedged_weight: float = 0.5
    weight_by_article: bool = True

    def __post_init__(self) -> None:
        if self.approx_mode not in {"relative", "rounding"}:
            raise ValueError(f"approx_mode {self.approx_mode!r}: expected 'relative' or 'rounding'")
        if self.vague_mode not in {"order", "exclude"}:
            raise ValueError(f"vague_mode {self.vague_mode!r}: expected 'order' or 'exclude'")
        if not 0 <= self.hedged_weight <= 1:
            raise ValueError(f"hedged_weight {self.hedged_weight}: expected a number in [0, 1]")
        if self.approx_relative < 0 or self.exact_relative < 0:
            raise ValueError("approx_relative and exact_relative: expected numbers >= 0")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def overlaps(self, other: Interval) -> bool:
        return _intersect(self, other) is not None


def _intersect(a: Interval, b: Interval) -> Interval | None:
    low, low_open = max((a.low, a.low_open), (b.low, b.low_open))
    high, high_open = min((a.high, not a.high_open), (b.high, not b.high_open))
    high_open = not high_open
    if low > high or (low == high and (low_open or high_open)):
        return None
    return Interval(low, high, low_open, high_open)


def rounding_unit(value: float) -> float:
    """The unit a number is rounded to: 8,000 → 1,000; 8,200 → 100; 242,418 → 1."""
    if value == 0 or not float(value).is_integer():
        return 10 ** math.floor(math.log10(abs(value))) / 10 if value else 1.0
    unit = 1.0
    while value % (unit * 10) == 0:
        unit *= 10
    return unit


def claim_interval(claim: pd.Series | dict, rules: IntervalRules) -> Interval | None:
    """The values a claim allows; None when the rules leave it out of reconciliation."""
    low, high, qualifier = float(claim["low"]), float(claim["high"]), claim["qualifier"]
    strict = bool(_STRICT_BOUND.match(claim["quote"]))
    if qualifier == "lower":
        return Interval(low, math.inf, low_open=strict, high_open=True)
    if qualifier == "upper":
        return Interval(0.0, high, high_open=strict)
    if qualifier in {"range"}:
        return Interval(low, high)
    if qualifier == "vague":
        return Interval(low, high) if rules.vague_mode == "order" else None
    if qualifier == "approx":
        half = (
            abs(low) * rules.approx_relative
            if rules.approx_mode == "relative"
            else rounding_unit(low) / 2
        )
        return Interval(low - half, high + half)
    half = abs(low) * rules.exact_relative
    return Interval(low - half, high + half)


# --- Marzullo ----------------------------------------------------------------------------------

# At one value, an open end closes before anything starts, closed starts come before closed
# ends (touching closed intervals overlap), and an open start comes after every end.
_OPEN_END, _CLOSED_START, _CLOSED_END, _OPEN_START = 0, 1, 2, 3


@dataclass(frozen=True)
class Agreement:
    """The result of Marzullo's algorithm: the best interval(s) and their support."""

    intervals: list[Interval]
    weight: float
    members: list[frozenset[int]] = field(default_factory=list)


def marzullo(intervals: list[Interval], weights: list[float] | None = None) -> Agreement:
    """The interval(s) consistent with the largest total weight of ``intervals``.

    Returns every tied best interval (disjoint, ascending) with the indices of the intervals
    that contain each; an empty input gives no interval and weight 0."""
    weights = weights if weights is not None else [1.0] * len(intervals)
    events = []
    for index, (interval, weight) in enumerate(zip(intervals, weights, strict=True)):
        if weight <= 0:
            continue
        events.append((interval.low, _OPEN_START if interval.low_open else _CLOSED_START, index))
        events.append((interval.high, _OPEN_END if interval.high_open else _CLOSED_END, index))
    events.sort(key=lambda event: (event[0], event[1]))
    best, found, members = 0.0, [], []
    active: set[int] = set()
    total = 0.0
    for position, (value, kind, index) in enumerate(events):
        if kind in (_CLOSED_START, _OPEN_START):
            active.add(index)
            total += weights[index]
            following = events[position + 1]
            # The set holds up to the next event, which it includes unless that event is an open
            # end or a closed start (where the set changes at the value itself).
            high_open = following[1] in (_OPEN_END, _CLOSED_START)
            candidate = Interval(value, following[0], kind == _OPEN_START, high_open)
            if total > best + 1e-12:
                best, found, members = total, [candidate], [frozenset(active)]
            elif abs(total - best) <= 1e-12 and frozenset(active) not in members:
                found.append(candidate)
                members.append(frozenset(active))
        else:
            active.discard(index)
            total -= weights[index]
    return Agreement(found, best, members)


# --- one quantity ---


@dataclass
class Reconciled:
    quantity_id: str
    subject: str
    event_id: str
    measure: str
    period: str
    group_kind: str
    part_of: str
    as_of_first: str
    as_of_last: str
    n_claims: int
    n_articles: int
    n_independent: int
    copies: int
    carried_by: str
    claim_ids: str
    supporting_claim_ids: str
    left_out: str
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    estimate: float | None
    estimate_low: float | None
    estimate_high: float | None
    estimate_basis: str
    support: str
    support_weight: float
    total_weight: float
    status: str
    readings: str
    series: str
    forecasts: str
    source_spread: str
    explanation: str


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None
    basis: str


# A bound alone says little about how far the truth lies from it. These conventions close an open
# end so that every quantity gets a plausible range (documented in the README): a floor ("more
# than 12,000") reaches up to a quarter above itself, a ceiling ("as many as 15,000", "fewer than
# 5,000") down to three quarters of itself; a vague order of magnitude ("thousands") is valued at
# twice its lower end, as the Crowd Counting Consortium codes such words.
FLOOR_REACH = 1.25
CEILING_REACH = 0.75
VAGUE_MULTIPLE = 2.0
VAGUE_WEIGHT = 0.25  # a vague word never outweighs a specific figure
# Sizes of one group that differ across at least this many days are a series even when no word
# marks the change: a caravan of 1,500 on Tuesday and 4,000 on Saturday grew. Closer than that,
# with no word of change, different figures are a disagreement.
SERIES_MIN_DAYS = 4
# A shelter's count is of the people there that night: they come and go daily, so two days'
# different counts are two readings, not a disagreement. (A camp's size was tried too: no
# coverage score moved.)
NIGHTLY_MEASURES = ("shelter_size",)


def _series_min_days(measure: str) -> int:
    return 1 if measure in NIGHTLY_MEASURES else SERIES_MIN_DAYS


def _usable_claims(recs: list[dict], rules: IntervalRules) -> tuple[
    list[Interval | None], list[float], list[str], list[str]
]:  # fmt: skip
    """Each claim's interval, weight, role before Marzullo ("" when it takes part) and reason."""
    per_article: dict[str, int] = {}
    for claim in recs:
        if not claim["copy_of"]:
            per_article[claim["article_id"]] = per_article.get(claim["article_id"], 0) + 1
    intervals, weights, roles, reasons = [], [], [], []
    for claim in recs:
        interval = claim_interval(claim, rules)
        role, reason, weight = "", "", 1.0
        if rules.weight_by_article and claim["article_id"] in per_article:
            weight = 1.0 / per_article[claim["article_id"]]
        if claim["qualifier"] == "vague":
            weight *= VAGUE_WEIGHT
        if claim["hedged"]:
            weight *= rules.hedged_weight
            if rules.hedged_weight == 0:
                role, reason = "apart", f"hedged ('{claim['hedge_cue']}'): shown apart"
        if interval is None:
            role, reason = "apart", "a vague amount, left out (vague_mode='exclude')"
        if claim["copy_of"]:
            role, reason = "copy", f"a copy of {claim['copy_of']}: the same report, counted once"
        elif claim["statement"] == "forecast":
            role, reason = "forecast", "a forecast: shown apart, never support for the size"
        elif claim["statement"] == "denial":
            who = f" by {claim['denied_by']}" if claim["denied_by"] else ""
            role, reason = "denied", f"a figure denied{who}: shown apart"
        intervals.append(interval)
        weights.append(0.0 if role else weight)
        roles.append(role)
        reasons.append(reason)
    return intervals, weights, roles, reasons


def reconcile_quantity(
    members: pd.DataFrame | list[dict],
    rules: IntervalRules,
    denials: list[dict] | None = None,
    window_days: int = 0,
) -> tuple[Reconciled, list[dict]]:
    """Reconcile the claims of one quantity (``members``: claims joined to their keys and their
    articles' outlets); returns the summary row and one row per claim (interval, role, reason)."""
    recs = _in_one_unit(_records(members))
    denials = denials or []
    intervals, weights, pre_roles, reasons = _usable_claims(recs, rules)
    usable = [i for i, iv in enumerate(intervals) if iv is not None and weights[i] > 0]
    agreement = marzullo([intervals[i] for i in usable], [weights[i] for i in usable])
    readings = [{usable[i] for i in m} for m in agreement.members]
    tied = len(readings) > 1
    supporters = set().union(*readings) if readings else set()
    total = sum(weights[i] for i in usable)
    best = agreement.intervals[0] if agreement.intervals else None
    n_independent = len({recs[i]["article_id"] for i in usable})
    points = _series_points(recs, intervals, weights, usable, window_days)
    status = _status(recs, usable, agreement.weight, total, tied, denials, pre_roles, points)
    changing = len(points) > 1 and _changes_over_time(recs, usable)
    if status == "series" or (status == "disputed" and changing):
        estimate = _series_estimate(recs, points)
    else:
        estimate = _estimate(best, tied, recs, supporters, usable, intervals, weights)
    per_claim = _claim_rows(recs, intervals, weights, pre_roles, reasons, readings, agreement,
                            best, status, points)  # fmt: skip
    left_out = [
        f"{r['claim_id']}: {r['reason']}" for r in per_claim if r["role"] not in {"supports"}
    ]
    first = recs[0]
    shown = best if best and not tied and status != "series" else None
    row = Reconciled(
        quantity_id=first["quantity_id"],
        subject=first["subject"],
        event_id=first["event_id"] if first["subject"] != group.BORDER else "",
        measure=first["measure"],
        period=first["period"],
        group_kind=first.get("group_kind", ""),
        part_of=first.get("part_of", ""),
        as_of_first=min((c["as_of"] for c in recs if c["as_of"]), default=""),
        as_of_last=max((c["as_of"] for c in recs if c["as_of"]), default=""),
        n_claims=len(recs),
        n_articles=len({c["article_id"] for c in recs}),
        n_independent=n_independent,
        copies=sum(1 for c in recs if c["copy_of"]),
        carried_by=carried_by(recs, usable),
        claim_ids=";".join(c["claim_id"] for c in recs),
        supporting_claim_ids=";".join(recs[i]["claim_id"] for i in sorted(supporters)),
        left_out="; ".join(left_out),
        low=shown.low if shown else None,
        high=shown.high if shown else None,
        low_open=shown.low_open if shown else False,
        high_open=shown.high_open if shown else False,
        estimate=estimate.value,
        estimate_low=estimate.low,
        estimate_high=estimate.high,
        estimate_basis=estimate.basis,
        support=("tied, each: " if tied else "")
        + _support_text(recs, readings[0] if readings else set(), usable),
        support_weight=round(agreement.weight, 6),
        total_weight=round(total, 6),
        status=status,
        readings=" | ".join(interval_label(interval) for interval in agreement.intervals),
        series=" | ".join(f"{p[0]}: {p[1]}" for p in points) if len(points) > 1 else "",
        forecasts="; ".join(
            f"{value_label(c['low'], c['high'], c['qualifier'])} (“{c['quote']}”)"
            for c, role in zip(recs, pre_roles, strict=True)
            if role == "forecast"
        ),
        source_spread=source_spread(recs, usable),
        explanation="",
    )
    row.explanation = explain(row, recs, per_claim, agreement, readings, denials)
    return row, per_claim


# Dimensions whose units convert by a fixed factor; money needs exchange rates, counts none.
CONVERTIBLE = {"length", "area", "volume", "mass", "speed", "temperature", "power", "energy",
               "data", "data_rate", "frequency", "pressure", "time"}  # fmt: skip


def _in_one_unit(recs: list[dict]) -> list[dict]:
    """Claims of one quantity in different units of one dimension ("15 kilometres", "more than
    9 miles") converted to the unit most of them use, so that their intervals compare."""
    units = [c.get("unit_normalised", "") for c in recs]
    dimensions = {c.get("dimension", "") for c in recs}
    if len(set(units)) <= 1 or len(dimensions) != 1 or not dimensions <= CONVERTIBLE:
        return recs
    from caravan_claims.extract.measures import convert

    target = max(sorted(set(units)), key=units.count)
    converted = []
    for claim in recs:
        unit = claim["unit_normalised"]
        low, high = convert(claim["low"], unit, target), convert(claim["high"], unit, target)
        if unit == target or low is None or high is None:
            converted.append(claim)
            continue
        converted.append({**claim, "low": low, "high": high, "converted_from": unit})
    return converted


def _records(members: pd.DataFrame | list[dict]) -> list[dict]:
    """A quantity's claims as dictionaries in as-of order (missing columns filled in): one
    conversion, then plain Python, since per-row pandas access dominates on large corpora."""
    recs = members if isinstance(members, list) else frames.records(_with_defaults(members))
    return sorted(recs, key=lambda c: (c["as_of"], c["claim_id"]))


def _with_defaults(members: pd.DataFrame) -> pd.DataFrame:
    """Claims tables from before statements and copies were extracted still reconcile."""
    defaults = {"copy_of": "", "statement": "observation", "denied_by": "", "wire": "",
                "group_kind": "", "part_of": "", "attributed_to": "", "outlet": "",
                "sentence": "", "role_in_group": "", "as_of_basis": "text"}  # fmt: skip
    members = members.copy()
    for column, value in defaults.items():
        if column not in members.columns:
            members[column] = value
        members[column] = members[column].fillna(value)
    return members


def _status(
    recs: list[dict],
    usable: list[int],
    support: float,
    total: float,
    tied: bool,
    denials: list[dict],
    pre_roles: list[str],
    points: list[Point],
) -> str:
    if denials or "denied" in pre_roles:
        return "disputed"
    if not usable:
        return "single_source"
    if len({recs[i]["article_id"] for i in usable}) <= 1:
        # One report with nothing to check it against, unless it tells how the number changed
        # ("60 on Thursday, up from 25 a week earlier"): then it is a series of its own.
        changed = len(points) > 1 and not _agreed(support, total, tied)
        return "series" if changed and _changes_over_time(recs, usable) else "single_source"
    if _agreed(support, total, tied):
        return "agree"
    if len(points) > 1 and _changes_over_time(recs, usable):
        return "series"
    if tied:
        return "conflict"
    return "partial" if support > total / 2 else "conflict"


def _agreed(support: float, total: float, tied: bool) -> bool:
    return not tied and abs(support - total) <= 1e-9


def _changes_over_time(recs: list[dict], usable: list[int]) -> bool:
    """Disagreement across days is a series when the quantity is a group's size (groups grow
    and shrink as they walk) and the figures are days apart (``SERIES_MIN_DAYS``), or when the
    text marks a change or a running total ("dwindled to", "up from", "since Sunday"). A part
    ("minors") whose figures differ by day with no word of change is a conflict: nothing says
    the number of children changed."""
    measure = recs[0]["measure"]
    is_part = recs[0].get("role_in_group", "") == "part"
    sentences = " ".join(recs[i]["sentence"] for i in usable)
    if lexicons.pattern("change_cues", "change").search(sentences):
        return True
    if measure.endswith("_size") and not is_part:
        days = sorted(recs[i]["as_of"] for i in usable if recs[i]["as_of"])
        span = (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days
        return span >= _series_min_days(measure)
    return not is_part and bool(lexicons.pattern("change_cues", "cumulative").search(sentences))


# A point of a series: its (last) day, its reading in words, its estimate, and whether it is news
# of that day: a text dates one of its claims, or one of them gives a specific number no earlier
# day had (figures dated only by a later article's publication are often restatements of old
# ones).
Point = tuple[str, str, Estimate, bool]


def _series_points(
    recs: list[dict],
    intervals: list[Interval | None],
    weights: list[float],
    usable: list[int],
    window_days: int,
) -> list[Point]:
    """The quantity day by day: claims within ``window_days`` of a point's first day share it
    (0: one point per day); each point gets its agreed reading and estimate."""
    clusters: list[list[int]] = []
    start = None
    for index in sorted(usable, key=lambda i: (recs[i]["as_of"], i)):
        day = recs[index]["as_of"]
        if not day:
            continue
        date = dt.date.fromisoformat(day)
        if start is None or (date - start).days > window_days:
            clusters.append([])
            start = date
        clusters[-1].append(index)
    points = []
    seen: set[tuple[str, str, str]] = set()
    told_before = _ValuesToldBefore(recs)
    for cluster in clusters:
        agreement = marzullo([intervals[i] for i in cluster], [weights[i] for i in cluster])
        tied = len(agreement.intervals) > 1
        best = agreement.intervals[0] if agreement.intervals else None
        supporters = set().union(*[{cluster[i] for i in m} for m in agreement.members])
        estimate = _estimate(best, tied, recs, supporters, cluster, intervals, weights)
        label = " | ".join(interval_label(i) for i in agreement.intervals)
        if tied:
            label = f"disputed that day: {label}"
        elif estimate.value is not None:
            label = f"{format_number(estimate.value)} ({label})"
        readings = {
            (str(recs[i]["low"]), str(recs[i]["high"]), recs[i]["qualifier"])
            for i in cluster
            if recs[i]["qualifier"] != "vague"  # "thousands of people" is no day's news
        }
        dated = any(recs[i].get("as_of_basis", "text") == "text" for i in cluster)
        told = told_before.until(recs[cluster[0]]["as_of"])
        news = dated or bool({r for r in readings - seen if (r[0], r[1]) not in told})
        points.append((recs[cluster[-1]]["as_of"], label, estimate, news))
        seen |= readings
    return points


class _ValuesToldBefore:
    """The numbers any claim of the quantity gave before a day, forecasts and denials too: a
    later article that only repeats one ("There were never 20,000 people over there", a letter
    a week after the rumour was denied) restates it, it does not report that day. Asked for
    days in order, each claim is read once."""

    def __init__(self, recs: list[dict]) -> None:
        self._dated = sorted(
            (rec["as_of"], (str(rec["low"]), str(rec["high"])))
            for rec in recs
            if rec["as_of"] and rec["qualifier"] != "vague"
        )
        self._taken = 0
        self._values: set[tuple[str, str]] = set()

    def until(self, day: str) -> set[tuple[str, str]]:
        """The numbers given before ``day`` (no earlier than the day asked before)."""
        while self._taken < len(self._dated) and self._dated[self._taken][0] < day:
            self._values.add(self._dated[self._taken][1])
            self._taken += 1
        return self._values


def _series_estimate(recs: list[dict], points: list[Point]) -> Estimate:
    """A group's size is its latest reading; a running count (detained, deported ...) never
    falls, so it is the largest reading so far when the latest is vaguer."""
    if recs[0]["measure"].endswith("_size"):
        day, _, latest, _ = _latest_dated(recs, points)
        return Estimate(latest.value, latest.low, latest.high, f"the latest reading ({day})")
    latest = points[-1][2]
    valued = [(p[2].value, p) for p in points if p[2].value is not None]
    if not valued:
        return latest
    value, (day, _, estimate, _) = max(valued, key=lambda item: item[0])
    return Estimate(
        value, estimate.low, estimate.high, f"a running count: its largest reading ({day})"
    )


def _latest_dated(recs: list[dict], points: list[Point]) -> Point:
    """The latest point of a series that is news of its day (see ``Point``)."""
    for point in reversed(points):
        if point[3] and point[2].value is not None:
            return point
    return points[-1]


def _estimate(
    best: Interval | None,
    tied: bool,
    recs: list[dict],
    supporters: set[int],
    usable: list[int],
    intervals: list[Interval | None],
    weights: list[float],
) -> Estimate:
    """A best value and a plausible range, with the basis in words.

    With one agreed interval: the weighted median of the supporting specific figures inside it;
    else the middle of the interval once its open ends are closed by the bound conventions above;
    vague words alone give twice their lower end. With tied readings (a conflict): the weighted
    median of every independent specific figure, between the lowest and highest reading."""
    if not usable or best is None:
        return Estimate(None, None, None, "no independent observation to estimate from")
    if tied:
        return _median_of_all(recs, usable, intervals, weights)
    specific = [i for i in supporters if recs[i]["qualifier"] != "vague"]
    points = sorted(
        (float(recs[i]["low"]), weights[i])
        for i in specific
        if recs[i]["qualifier"] in {"exact", "approx"} and best.contains(float(recs[i]["low"]))
    )
    low, high = _closed(best)
    if points:
        return Estimate(_weighted_median(points), low, high, _basis_points(len(points)))
    if specific:
        return Estimate(_round(_middle(low, high)), low, high, _basis_bounds(best))
    lowest = min(float(recs[i]["low"]) for i in supporters)
    value = min(max(lowest * VAGUE_MULTIPLE, low), high)
    return Estimate(
        value, low, high,
        f"only vague words: valued at {VAGUE_MULTIPLE:g} × their lower end, by the convention "
        "of the Crowd Counting Consortium",
    )  # fmt: skip


def _closed(interval: Interval) -> tuple[float, float]:
    """The interval with open ends closed by the bound conventions."""
    low, high = interval.low, interval.high
    if math.isinf(high):
        high = low * FLOOR_REACH
    if low <= 0 < high:
        low = high * CEILING_REACH
    return low, high


def _middle(low: float, high: float) -> float:
    return (low + high) / 2


def _round(value: float) -> float:
    """Two significant figures: a middle of bounds is a convention, not a count."""
    if value <= 0:
        return value
    unit = 10 ** (math.floor(math.log10(value)) - 1)
    return round(value / unit) * unit


def _weighted_median(points: list[tuple[float, float]]) -> float:
    half = sum(weight for _, weight in points) / 2
    running = 0.0
    for value, weight in points:
        running += weight
        if running >= half - 1e-12:
            return value
    return points[-1][0]


def _basis_points(count: int) -> str:
    if count == 1:
        return "the one specific figure inside the agreed interval"
    return f"the weighted median of the {count} specific figures inside the agreed interval"


def _basis_bounds(best: Interval) -> str:
    if math.isinf(best.high):
        return (
            f"only a floor ({interval_label(best)}): the middle of {format_number(best.low)} and "
            f"{FLOOR_REACH:g} × it"
        )
    if best.low <= 0:
        return (
            f"only a ceiling ({interval_label(best)}): the middle of {CEILING_REACH:g} × "
            f"{format_number(best.high)} and {format_number(best.high)}"
        )
    return f"the middle of the agreed interval ({interval_label(best)})"


def _median_of_all(
    recs: list[dict],
    usable: list[int],
    intervals: list[Interval | None],
    weights: list[float],
) -> Estimate:
    specific = [i for i in usable if recs[i]["qualifier"] != "vague"] or usable
    points = sorted((_closed_middle(intervals[i]), weights[i]) for i in specific)
    lows = [_closed(intervals[i])[0] for i in specific]
    highs = [_closed(intervals[i])[1] for i in specific]
    return Estimate(
        _weighted_median(points), min(lows), max(highs),
        f"the sources conflict: the weighted median of the {len(points)} independent figures, "
        "between the lowest and the highest of them",
    )  # fmt: skip


def _closed_middle(interval: Interval | None) -> float:
    low, high = _closed(interval) if interval else (0.0, 0.0)
    return low if low == high else _middle(low, high)


def _claim_rows(
    recs: list[dict],
    intervals: list[Interval | None],
    weights: list[float],
    pre_roles: list[str],
    reasons: list[str],
    readings: list[set[int]],
    agreement: Agreement,
    best: Interval | None,
    status: str,
    points: list[Point],
) -> list[dict]:
    rows = []
    tied = len(readings) > 1
    for index, claim in enumerate(recs):
        interval = intervals[index]
        fits = [agreement.intervals[n] for n, reading in enumerate(readings) if index in reading]
        if pre_roles[index]:
            role, reason = pre_roles[index], reasons[index]
        elif status == "series":
            role, reason = "series", f"one day of the series (as of {claim['as_of']})"
        elif fits and not tied:
            role = "supports"
            reason = f"consistent with the agreed interval ({interval_label(best)})"
        elif fits:
            role = "tied"
            reason = "consistent with the tied reading(s) " + " and ".join(
                interval_label(fit) for fit in fits
            )
        else:
            role = "left_out"
            reason = (
                f"{value_label(claim['low'], claim['high'], claim['qualifier'])} does not fit "
                f"the interval most claims allow ({interval_label(best)})"
                if best
                else "no interval is consistent with it"
            )
        if claim.get("converted_from"):
            reason += f" (converted from {claim['converted_from']} to compare)"
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "quantity_id": claim["quantity_id"],
                "interval_low": interval.low if interval else None,
                "interval_high": interval.high if interval else None,
                "low_open": interval.low_open if interval else False,
                "high_open": interval.high_open if interval else False,
                "weight": round(weights[index], 6),
                "role": role,
                "reason": reason,
            }
        )
    return rows


def agreed_readings(rows: pd.DataFrame) -> list[Interval]:
    """The best interval(s) of a quantity, from its rows of ``claim_quantities``: Marzullo over
    the claims' intervals and weights, exactly as reconciliation ran it."""
    usable = rows[rows["interval_low"].notna() & (rows["weight"] > 0)]
    intervals = [
        Interval(row.interval_low, row.interval_high, bool(row.low_open), bool(row.high_open))
        for row in usable.itertuples(index=False)
    ]
    return marzullo(intervals, list(usable["weight"])).intervals


def interval_label(interval: Interval | None) -> str:
    if interval is None:
        return "none"
    if math.isinf(interval.high):
        return ("more than " if interval.low_open else "at least ") + format_number(interval.low)
    if interval.low <= 0 and not interval.low_open:
        return ("under " if interval.high_open else "at most ") + format_number(interval.high)
    if interval.low == interval.high:
        return format_number(interval.low)
    return f"{format_number(interval.low)}–{format_number(interval.high)}"


def _support_text(recs: list[dict], supporters: set[int], usable: list[int]) -> str:
    articles = len({recs[i]["article_id"] for i in supporters})
    total_articles = len({recs[i]["article_id"] for i in usable})
    return f"{len(supporters)} of {len(usable)} claims, {articles} of {total_articles} articles"


def carried_by(recs: list[dict], usable: list[int]) -> str:
    """ "carried by 5 outlets: 1 Reuters report, 1 local report" — pages counted apart from
    independent reports, wire reports named by agency."""
    outlets = len({c["outlet"] or c["article_id"] for c in recs})
    by_origin: dict[str, set[str]] = {}
    for claim in (recs[i] for i in usable):
        origin = claim["wire"] or "other"
        by_origin.setdefault(origin, set()).add(claim["article_id"])
    parts = [
        f"{len(articles)} {origin} report{'s' if len(articles) != 1 else ''}"
        for origin, articles in sorted(by_origin.items())
        if origin != "other"
    ]
    others = len(by_origin.get("other", set()))
    if others:
        parts.append(f"{others} other report{'s' if others != 1 else ''}")
    return f"carried by {outlets} outlet{'s' if outlets != 1 else ''}: " + ", ".join(parts)


def source_kind(claim: dict) -> str:
    """Who a figure comes from: officials, police, organisers, activists, aid groups, UN
    agencies or media (``lexicons/source_kinds.csv``); a wire agency or the outlet when the
    sentence names no source."""
    named = claim.get("attributed_to") or ""
    for row in lexicons.rows("source_kinds"):
        if named and re.search(row["pattern"], named, re.IGNORECASE):
            return row["kind"]
    if claim.get("wire"):
        return "wire agency"
    return "media"


def source_spread(recs: list[dict], usable: list[int]) -> str:
    """Which kind of source sits high and which low, when two or more kinds give figures."""
    values: dict[str, list[float]] = {}
    for index in usable:
        claim = recs[index]
        if claim["qualifier"] == "vague":
            continue
        values.setdefault(source_kind(claim), []).append((claim["low"] + claim["high"]) / 2)
    if len(values) < 2:
        return ""
    medians = sorted((sorted(v)[len(v) // 2], kind) for kind, v in values.items())
    (low, low_kind), (high, high_kind) = medians[0], medians[-1]
    if low == high:
        return ""
    return (
        f"highest: {high_kind} ({format_number(high)}); lowest: {low_kind} ({format_number(low)})"
    )


# --- explanations ------------------------------------------------------------------------------


def source_label(claim: dict) -> str:
    """ "ICARO Media Group", or "article 004_a9b9…" when the outlet is unknown; plus the source
    the sentence names."""
    outlet = claim.get("outlet") or f"article {claim['article_id']}"
    named = claim.get("attributed_to") or ""
    return f"{outlet} ({named})" if named else outlet


MEASURE_WORDS = {
    "caravan_size": "the caravan's size",
    "camp_size": "the camp's population",
    "shelter_size": "the shelter's population",
    "deployed": "the number deployed",
    "border_encounters_month": "southwest-border encounters in the month",
    "border_encounters_day": "southwest-border encounters per day",
    "border_encounters_period": "southwest-border encounters over the period",
    "border_apprehensions_month": "Border Patrol apprehensions in the month",
    "border_apprehensions_day": "apprehensions per day",
    "border_apprehensions_period": "apprehensions over the period",
    "border_expulsions_period": "expulsions and returns over the period",
}


def describe_measure(measure: str) -> str:
    return MEASURE_WORDS.get(measure, measure.replace("_", " "))


def describe_quantity(row: Reconciled) -> str:
    """ "the caravan's size", "minors in the caravan", "people detained from the caravan"."""
    what = describe_measure(row.measure)
    subject = row.subject.split("/", 1)[1] if "/" in row.subject else ""
    if subject:
        what = f"{what} ({subject.replace('_', ' ').replace(':', ': ')})"
    return what + (f" ({row.period})" if row.period else "")


def explain(
    row: Reconciled,
    recs: list[dict],
    per_claim: list[dict],
    agreement: Agreement,
    readings: list[set[int]],
    denials: list[dict],
) -> str:
    """A sentence a journalist could publish, naming outlets and sources."""
    what = describe_quantity(row)
    if row.as_of_first and (row.measure.endswith("_size") or row.measure in group.COUNT_MEASURES):
        span = row.as_of_first
        if row.as_of_last != row.as_of_first:
            span += f" to {row.as_of_last}"
        what += f" (as of {span})"
    claims = recs
    by_role = {r["claim_id"]: r for r in per_claim}
    independent = [c for c in claims if by_role[c["claim_id"]]["role"] not in {"copy"}]
    quoted = [f"{source_label(c)}: “{c['quote']}”" for c in independent]
    tail = _tail(row)
    if row.status == "disputed":
        deniers = "; ".join(f"{d['denied_by'] or 'a source'} (“{d['sentence']}”)" for d in denials)
        denied = [c for c in claims if by_role[c["claim_id"]]["role"] == "denied"]
        deniers = "; ".join(
            [deniers] * bool(deniers)
            + [f"{c['denied_by'] or 'a source'} (“{c['sentence']}”)" for c in denied]
        )
        return (
            f"Disputed: {what} is put at {'; '.join(quoted)}, but the figure is denied by "
            f"{deniers}.{tail}"
        )
    if row.status == "single_source":
        return (
            f"Only one independent source reports {what}: {'; '.join(quoted)}. Nothing to "
            f"reconcile against.{tail}"
        )
    if row.status == "series":
        return (
            f"{what[0].upper()}{what[1:]} changes over time, day by day: {row.series}. Best "
            f"estimate {format_number(row.estimate)}: {row.estimate_basis}."
            f"{tail}"
        )
    supporting = [
        f"{source_label(c)}: “{c['quote']}”"
        for c in claims
        if by_role[c["claim_id"]]["role"] == "supports"
    ]
    left = [
        f"{source_label(c)}: “{c['quote']}” ({by_role[c['claim_id']]['reason']})"
        for c in claims
        if by_role[c["claim_id"]]["role"] in {"left_out", "apart"}
    ]
    value = _value_sentence(row)
    if row.status == "agree":
        return (
            f"The sources agree on {what}: {value}, consistent with all {len(supporting)} "
            f"independent claims in {row.n_independent} articles ({'; '.join(supporting)}).{tail}"
        )
    if row.status == "partial":
        return (
            f"Most sources agree on {what} ({row.support}): {value}. Agreeing: "
            f"{'; '.join(supporting)}. Left out: {'; '.join(left)}.{tail}"
        )
    if len(readings) > 1:
        options = " or ".join(
            f"{interval_label(interval)} ({_sources_of(claims, reading)})"
            for interval, reading in zip(agreement.intervals, readings, strict=True)
        )
        return (
            f"The sources conflict on {what}: the claims support, equally, {options}; "
            f"no reading is backed by more of them than the other.{tail}"
        )
    return (
        f"The sources conflict on {what}: no reading is supported by most of them; the best, "
        f"{interval_label(agreement.intervals[0]) if agreement.intervals else 'none'}, has "
        f"{row.support}. Claims: {'; '.join(quoted)}.{tail}"
    )


def _tail(row: Reconciled) -> str:
    """What every explanation adds: the estimate's basis, who sits high or low, forecasts,
    copies."""
    parts = []
    if row.estimate is not None and row.status in {"conflict", "partial", "agree"}:
        plausible = (
            f" (plausible {format_number(row.estimate_low)}–{format_number(row.estimate_high)})"
            if row.estimate_low != row.estimate_high
            else ""
        )
        parts.append(
            f"Best estimate {format_number(row.estimate)}{plausible}: {row.estimate_basis}."
        )
    if row.source_spread:
        parts.append(f"By kind of source, {row.source_spread}.")
    if row.forecasts:
        parts.append(f"Forecasts, shown apart: {row.forecasts}.")
    if row.copies:
        parts.append(f"The figures were {row.carried_by} ({row.copies} copies counted once).")
    return (" " + " ".join(parts)) if parts else ""


def _sources_of(claims: list[dict], reading: set[int]) -> str:
    """ "ICARO Media Group: “8,000 People”, “an estimated 8,000 individuals”"."""
    by_source: dict[str, list[str]] = {}
    for index in sorted(reading):
        by_source.setdefault(source_label(claims[index]), []).append(f"“{claims[index]['quote']}”")
    return "; ".join(f"{source}: {', '.join(quotes)}" for source, quotes in by_source.items())


def _row_interval(row: Reconciled) -> Interval | None:
    if row.low is None:
        return None
    return Interval(row.low, row.high, row.low_open, row.high_open)


def _value_sentence(row: Reconciled) -> str:
    interval = interval_label(_row_interval(row))
    if row.estimate is None:
        return interval
    if row.low == row.high:
        return format_number(row.estimate)
    return f"about {format_number(row.estimate)} (within {interval})"


# --- the whole table ---------------------------------------------------------------------------


def reconcile(
    claims: pd.DataFrame,
    grouped: pd.DataFrame,
    corpus: pd.DataFrame,
    rules: IntervalRules | None = None,
    denials: pd.DataFrame | None = None,
    window_days: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every quantity reconciled, and every claim's interval and role.

    Only measures that describe one number are reconciled (:func:`group.is_reconciled_measure`);
    a figure restating another in a different unit (``same_as``) is not counted twice. A denial
    sentence (the ``denials`` table) disputes its event's main group, or a group it names as
    another; never border statistics. ``corpus`` is read for outlets only. In this process: a
    pool of processes took longer, since sending the claims and their rows back and forth cost
    as much as reconciling them (10,080 articles: 1.1 s of work, 1.0 s of pickling)."""
    rules = rules or IntervalRules()
    stated = claims.rename(columns={"period": "stated_period"})
    joined = grouped.drop(columns=["event_id"]).merge(stated, on="claim_id", how="left")
    joined = joined.merge(corpus[["article_id", "outlet", "event_id"]], on="article_id", how="left")
    joined = _with_defaults(joined)
    joined = joined[
        joined["measure"].map(group.is_reconciled_measure)
        & (joined["same_as"] == "")
        & (joined["subject"] != group.UNASSIGNED)
    ]
    main_denials = _main_group_denials(denials, corpus)
    by_quantity: dict[str, list[dict]] = {}
    for claim in frames.records(joined[[c for c in MEMBER_COLUMNS if c in joined.columns]]):
        by_quantity.setdefault(claim["quantity_id"], []).append(claim)
    asked = []
    for quantity in sorted(by_quantity):
        members = by_quantity[quantity]
        first = members[0]
        is_main_size = first["subject"] == first["event_id"] and first["measure"].endswith("_size")
        asked.append((members, main_denials.get(first["subject"], []) if is_main_size else []))
    done = _reconcile_quantities(asked, rules, window_days)
    return (
        pd.DataFrame([row for row, _ in done], columns=RECONCILED_COLUMNS),
        pd.DataFrame([i for _, per_claim in done for i in per_claim], columns=INTERVAL_COLUMNS),
    )


def _reconcile_quantities(
    asked: list[tuple[list[dict], list[dict]]], rules: IntervalRules, window_days: int
) -> list[tuple[dict, list[dict]]]:
    """:func:`reconcile_quantity` of each (members, disputes): its row and its claims'
    intervals, in order."""
    done = []
    for members, disputes in asked:
        row, per_claim = reconcile_quantity(members, rules, disputes, window_days)
        done.append((dict(vars(row)), per_claim))  # flat fields: no deep copy
    return done


def _main_group_denials(
    denials: pd.DataFrame | None, corpus: pd.DataFrame
) -> dict[str, list[dict]]:
    """Denial sentences by the event they dispute: those that do not name another group."""
    if denials is None or denials.empty:
        return {}
    event_of = dict(zip(corpus["article_id"], corpus["event_id"], strict=True))
    found: dict[str, list[dict]] = {}
    for denial in frames.records(denials):
        event = event_of.get(denial["article_id"], "")
        if event and not denial["about_other_group"]:
            found.setdefault(event, []).append(denial)
    return found
