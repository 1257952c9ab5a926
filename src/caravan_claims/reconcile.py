"""Stage 3b — reconcile the claims about one quantity: the interval most of them allow, a
consensus estimate, the support, the claims left out and why, a status and a plain explanation.

Each claim becomes an interval according to its qualifier (see :class:`IntervalRules`); Marzullo's
algorithm finds the interval consistent with the largest (weighted) number of claims.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

import pandas as pd

from caravan_claims import context, group
from caravan_claims.numbers import format_number
from caravan_claims.tables import value_label

STATUSES = ("agree", "partial", "conflict", "single_source", "disputed")
RECONCILED_COLUMNS = [
    "quantity_id", "subject", "event_id", "measure", "period", "as_of_first", "as_of_last",
    "n_claims", "n_articles", "claim_ids", "supporting_claim_ids", "left_out", "low", "high",
    "low_open", "high_open", "estimate", "support", "support_weight", "total_weight", "status",
    "readings", "explanation",
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


def claim_interval(claim: pd.Series, rules: IntervalRules) -> Interval | None:
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


# --- one quantity ------------------------------------------------------------------------------


@dataclass
class Reconciled:
    quantity_id: str
    subject: str
    event_id: str
    measure: str
    period: str
    as_of_first: str
    as_of_last: str
    n_claims: int
    n_articles: int
    claim_ids: str
    supporting_claim_ids: str
    left_out: str
    low: float | None
    high: float | None
    low_open: bool
    high_open: bool
    estimate: float | None
    support: str
    support_weight: float
    total_weight: float
    status: str
    readings: str
    explanation: str


def reconcile_quantity(
    members: pd.DataFrame, rules: IntervalRules, denials: list[Denial]
) -> tuple[Reconciled, list[dict]]:
    """Reconcile the claims of one quantity (``members``: claims joined to their keys and their
    articles' outlets); returns the summary row and one row per claim (interval, role, reason)."""
    members = members.sort_values(["as_of", "claim_id"]).reset_index(drop=True)
    intervals, weights, roles = _intervals_and_weights(members, rules)
    usable = [i for i, interval in enumerate(intervals) if interval is not None and weights[i] > 0]
    agreement = marzullo([intervals[i] for i in usable], [weights[i] for i in usable])
    readings = [{usable[i] for i in members_} for members_ in agreement.members]
    tied = len(readings) > 1
    supporters = set().union(*readings) if readings else set()
    total = sum(weights[i] for i in usable)
    best = agreement.intervals[0] if agreement.intervals else None
    status = _status(members, usable, supporters, agreement.weight, total, tied, denials)
    estimate = (
        None
        if status == "conflict" or best is None
        else _estimate(best, members, supporters, weights)
    )
    per_claim = _claim_rows(members, intervals, weights, roles, readings, agreement, best)
    left_out = [f"{r['claim_id']}: {r['reason']}" for r in per_claim if r["role"] != "supports"]
    first = members.iloc[0]
    row = Reconciled(
        quantity_id=first["quantity_id"],
        subject=first["subject"],
        event_id=first["event_id"] if first["subject"] != group.BORDER else "",
        measure=first["measure"],
        period=first["period"],
        as_of_first=min((d for d in members["as_of"] if d), default=""),
        as_of_last=max((d for d in members["as_of"] if d), default=""),
        n_claims=len(members),
        n_articles=members["article_id"].nunique(),
        claim_ids=";".join(members["claim_id"]),
        supporting_claim_ids=";".join(members.loc[sorted(supporters), "claim_id"]),
        left_out="; ".join(left_out),
        low=best.low if best and not tied else None,
        high=best.high if best and not tied else None,
        low_open=best.low_open if best and not tied else False,
        high_open=best.high_open if best and not tied else False,
        estimate=estimate,
        support=("tied, each: " if tied else "")
        + _support_text(members, readings[0] if readings else set(), usable),
        support_weight=round(agreement.weight, 6),
        total_weight=round(total, 6),
        status=status,
        readings=" | ".join(interval_label(interval) for interval in agreement.intervals),
        explanation="",
    )
    row.explanation = explain(row, members, per_claim, agreement, readings, denials)
    return row, per_claim


def _intervals_and_weights(
    members: pd.DataFrame, rules: IntervalRules
) -> tuple[list[Interval | None], list[float], list[str]]:
    per_article = members["article_id"].value_counts()
    intervals, weights, reasons = [], [], []
    for claim in members.to_dict("records"):
        interval = claim_interval(pd.Series(claim), rules)
        weight = 1.0 / per_article[claim["article_id"]] if rules.weight_by_article else 1.0
        reason = ""
        if claim["hedged"]:
            weight *= rules.hedged_weight
            if rules.hedged_weight == 0:
                reason = f"hedged ('{claim['hedge_cue']}'): shown apart (hedged_weight=0)"
        if interval is None:
            reason = "a vague amount, left out (vague_mode='exclude')"
        intervals.append(interval)
        weights.append(weight)
        reasons.append(reason)
    return intervals, weights, reasons


def _status(
    members: pd.DataFrame,
    usable: list[int],
    supporters: set[int],
    support: float,
    total: float,
    tied: bool,
    denials: list[Denial],
) -> str:
    if denials:
        return "disputed"
    if not usable or members.loc[usable, "article_id"].nunique() <= 1:
        return "single_source"
    if tied:
        return "conflict"
    if abs(support - total) <= 1e-9:
        return "agree"
    return "partial" if support > total / 2 else "conflict"


def _estimate(
    best: Interval, members: pd.DataFrame, supporters: set[int], weights: list[float]
) -> float | None:
    """The consensus value: the weighted median (the lower one on a tie) of the supporting point
    figures (exact or approximate) that lie in the agreed interval; else, when a stated range
    supports it, the middle of the interval; else None: a bound ("more than 190,000") or a vague
    amount ("hundreds") gives no single value, and inventing one would be worse than saying so."""
    points = sorted(
        (float(members.loc[i, "low"]), weights[i])
        for i in supporters
        if members.loc[i, "qualifier"] in {"exact", "approx"}
        and best.contains(float(members.loc[i, "low"]))
    )
    if points:
        half = sum(weight for _, weight in points) / 2
        running = 0.0
        for value, weight in points:
            running += weight
            if running >= half - 1e-12:
                return value
    ranged = any(members.loc[i, "qualifier"] == "range" for i in supporters)
    if ranged and math.isfinite(best.high):
        return (best.low + best.high) / 2
    return None


def _claim_rows(
    members: pd.DataFrame,
    intervals: list[Interval | None],
    weights: list[float],
    reasons: list[str],
    readings: list[set[int]],
    agreement: Agreement,
    best: Interval | None,
) -> list[dict]:
    rows = []
    tied = len(readings) > 1
    for index, claim in enumerate(members.to_dict("records")):
        interval = intervals[index]
        fits = [agreement.intervals[n] for n, reading in enumerate(readings) if index in reading]
        if reasons[index]:
            role, reason = "apart", reasons[index]
        elif fits and not tied:
            role, reason = (
                "supports",
                f"consistent with the agreed interval ({interval_label(best)})",
            )
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
    usable = rows[rows["interval_low"].notna() & (rows["weight"] > 0) & (rows["role"] != "apart")]
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


def _support_text(members: pd.DataFrame, supporters: set[int], usable: list[int]) -> str:
    articles = members.loc[sorted(supporters), "article_id"].nunique() if supporters else 0
    total_articles = members.loc[usable, "article_id"].nunique() if usable else 0
    return f"{len(supporters)} of {len(usable)} claims, {articles} of {total_articles} articles"


# --- explanations ------------------------------------------------------------------------------


def source_label(claim: dict) -> str:
    """ "ICARO Media Group", or "article 004_a9b9…" when the outlet is unknown; plus the source
    the sentence names."""
    outlet = claim.get("outlet") or f"article {claim['article_id']}"
    named = claim.get("attributed_to") or ""
    return f"{outlet} ({named})" if named else outlet


MEASURE_WORDS = {
    "caravan_size": "the caravan's size",
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


def explain(
    row: Reconciled,
    members: pd.DataFrame,
    per_claim: list[dict],
    agreement: Agreement,
    readings: list[set[int]],
    denials: list[Denial],
) -> str:
    """A sentence a journalist could publish, naming outlets and sources."""
    what = describe_measure(row.measure) + (f" ({row.period})" if row.period else "")
    if row.as_of_first and row.measure == "caravan_size":
        span = row.as_of_first
        if row.as_of_last != row.as_of_first:
            span += f" to {row.as_of_last}"
        what += f" (as of {span})"
    claims = members.to_dict("records")
    by_role = {r["claim_id"]: r for r in per_claim}
    quoted = [f"{source_label(c)}: “{c['quote']}”" for c in claims]
    if row.status == "disputed":
        deniers = "; ".join(f"{d.who or 'a source'} (“{d.sentence}”)" for d in denials)
        return (
            f"Disputed: {what} is put at {interval_label(_row_interval(row))} by "
            f"{'; '.join(quoted)}, but the figure is denied by {deniers}."
        )
    if row.status == "single_source":
        return f"Only one source reports {what}: {'; '.join(quoted)}. Nothing to reconcile against."
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
            f"The sources agree on {what}: {value}, consistent with all {row.n_claims} claims in "
            f"{row.n_articles} articles ({'; '.join(supporting)})."
        )
    if row.status == "partial":
        return (
            f"Most sources agree on {what} ({row.support}): {value}. Agreeing: "
            f"{'; '.join(supporting)}. Left out: {'; '.join(left)}."
        )
    if len(readings) > 1:
        options = " or ".join(
            f"{interval_label(interval)} ({_sources_of(claims, reading)})"
            for interval, reading in zip(agreement.intervals, readings, strict=True)
        )
        return (
            f"The sources conflict on {what}: the claims support, equally, {options}; "
            "no reading is backed by more of them than the other."
        )
    return (
        f"The sources conflict on {what}: no reading is supported by most of them; the best, "
        f"{interval_label(agreement.intervals[0]) if agreement.intervals else 'none'}, has "
        f"{row.support}. Claims: {'; '.join(quoted)}."
    )


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


# --- denials -----------------------------------------------------------------------------------

_DENIAL = re.compile(
    r"(?i)\b(?:denied|denies|deny|disputed|dismissed|rejected|refuted|downplay\w*|"
    r"no indication of|does not exist|doesn['’]t exist|exaggerat\w*)\b"
)
# A denial is about a caravan figure when it names the caravan or the figures, and not when it
# is about border statistics (which denials in a caravan article do not touch).
_DENIED_OBJECT = re.compile(r"(?i)\b(?:caravans?|figures?|numbers?|estimates?|size|count)\b")
_BORDER_STATISTIC = re.compile(r"(?i)\bborder crossings?\b|\bencounters?\b|\bapprehensions?\b")
_CLAUSE_OPENING = re.compile(r"(?i)(?:^|[,;:]\s*|\bthat\s+)")
_AUXILIARY_TAIL = re.compile(r"(?i)(?:\s+(?:have|has|had|are|is|were|was|also))+$")


@dataclass(frozen=True)
class Denial:
    """A sentence of the corpus denying a figure or the event itself, and who says so."""

    article_id: str
    sentence: str
    who: str


def find_denials(text: str, article_id: str) -> list[Denial]:
    """Sentences that deny a reported figure ("have denied the numbers", "no indication of such a
    caravan"), each with the subject that denies."""
    finder = context.SentenceFinder(text)
    quotes = context.quote_spans(text)
    found, seen = [], set()
    for match in _DENIAL.finditer(text):
        span = finder.at(match.start())
        sentence = text[span.start : span.end]
        if span.start in seen or not _DENIED_OBJECT.search(sentence):
            continue
        if _BORDER_STATISTIC.search(sentence):
            continue
        seen.add(span.start)
        quote = next((q for q in quotes if q.start < match.start() < q.end), None)
        who = (
            context.speaker_of_quote(text, quote)
            if quote
            else _denier(text[span.start : match.start()])
        )
        found.append(Denial(article_id, sentence, who))
    return found


def _denier(before: str) -> str:
    """Who denies: the subject of the denying verb ("X have denied", "that X are downplaying")."""
    opening = [m.end() for m in _CLAUSE_OPENING.finditer(before)]
    subject = before[opening[-1] :] if opening else before
    subject = _AUXILIARY_TAIL.sub("", subject.strip(" ,")).strip()
    return "" if subject.lower() in {"they", "he", "she", "it", "we", "i", ""} else subject


def reconcile(
    claims: pd.DataFrame,
    grouped: pd.DataFrame,
    corpus: pd.DataFrame,
    rules: IntervalRules | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every quantity reconciled, and every claim's interval and role.

    Only measures that describe one number are reconciled (:func:`group.is_reconciled_measure`);
    a figure restating another in a different unit (``same_as``) is not counted twice. Denials
    in an article count against the quantities of that article's event (caravan figures), never
    against border statistics."""
    rules = rules or IntervalRules()
    stated = claims.rename(columns={"period": "stated_period"})
    joined = grouped.drop(columns=["event_id"]).merge(stated, on="claim_id", how="left")
    joined = joined.merge(corpus[["article_id", "outlet", "event_id"]], on="article_id", how="left")
    joined = joined[
        joined["measure"].map(group.is_reconciled_measure)
        & (joined["same_as"] == "")
        & (joined["subject"] != group.UNASSIGNED)
    ]
    denials_by_event: dict[str, list[Denial]] = {}
    for article in corpus.itertuples(index=False):
        if article.event_id:
            denials_by_event.setdefault(article.event_id, []).extend(
                find_denials(article.text, article.article_id)
            )
    rows, intervals = [], []
    for _, members in joined.groupby("quantity_id", sort=True):
        subject = members.iloc[0]["subject"]
        denials = (
            denials_by_event.get(subject, [])
            if subject not in {group.BORDER, group.UNASSIGNED}
            else []
        )
        row, per_claim = reconcile_quantity(members, rules, denials)
        rows.append(asdict(row))
        intervals.extend(per_claim)
    return (
        pd.DataFrame(rows, columns=RECONCILED_COLUMNS),
        pd.DataFrame(intervals, columns=INTERVAL_COLUMNS),
    )
