"""Stage 3c — consistency checks across measures, each reported with its numbers and pass/fail.

- part ≤ whole: Border Patrol apprehensions between ports ≤ total encounters for the same period;
  a count over a shorter period ≤ the same count over a longer period that contains it;
- rate × days against a total: a per-day figure times the days of a period must be compatible
  with the total reported for that period;
- parts of a group: a sub-population ("about 1,800 minors") cannot exceed the group it is a part
  of as the same sentence or article gives it, and parts the text lists as a breakdown ("640
  people: 388 women, 170 children and 82 men") must add up to the total.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from caravan_claims import frames
from caravan_claims.group import period_bounds
from caravan_claims.reconcile import Interval, interval_label

CHECK_COLUMNS = [
    "check_id", "kind", "quantity_a", "quantity_b", "statement", "a", "b", "passed",
    "explanation",
]  # fmt: skip
_BORDER_PREFIX = "border_"
# Apprehensions between ports of entry are a part of all encounters (which add the ports).
_PART_OF = {"apprehensions": "encounters", "encounters": "encounters"}


@dataclass(frozen=True)
class Check:
    check_id: str
    kind: str
    quantity_a: str
    quantity_b: str
    statement: str
    a: str
    b: str
    passed: bool
    explanation: str


@dataclass(frozen=True)
class _Quantity:
    quantity_id: str
    count: str  # encounters, apprehensions, ...
    granularity: str  # day, month, period, year
    first: object
    last: object
    interval: Interval


def _quantities(reconciled: pd.DataFrame) -> list[_Quantity]:
    found = []
    for row in reconciled.itertuples(index=False):
        if not row.measure.startswith(_BORDER_PREFIX) or pd.isna(row.low) or not row.period:
            continue
        count, granularity = row.measure[len(_BORDER_PREFIX) :].rsplit("_", 1)
        bounds = period_bounds(row.period)
        interval = Interval(row.low, row.high, bool(row.low_open), bool(row.high_open))
        found.append(_Quantity(row.quantity_id, count, granularity, *bounds, interval))
    return found


def _days(quantity: _Quantity) -> int:
    return (quantity.last - quantity.first).days + 1


def part_of_whole(part: _Quantity, whole: _Quantity) -> Check | None:
    """A part (apprehensions, or a shorter period) cannot exceed its whole."""
    if part.granularity == "day" or whole.granularity == "day":
        return None
    same_period = (part.first, part.last) == (whole.first, whole.last)
    inside = whole.first <= part.first and part.last <= whole.last
    related = _PART_OF.get(part.count) == whole.count and part.count != whole.count
    if not ((related and inside) or (part.count == whole.count and inside and not same_period)):
        return None
    # The smallest the part can be must not exceed the largest the whole can be.
    passed = part.interval.low <= whole.interval.high
    statement = f"{part.quantity_id} ≤ {whole.quantity_id}"
    verdict = "holds" if passed else "fails"
    explanation = (
        f"{part.count.capitalize()} for {part.first}–{part.last} "
        f"({interval_label(part.interval)}) must not exceed {whole.count} for "
        f"{whole.first}–{whole.last} ({interval_label(whole.interval)}): {verdict}."
    )
    return Check("", "part_le_whole", part.quantity_id, whole.quantity_id, statement,
                 interval_label(part.interval), interval_label(whole.interval), passed,
                 explanation)  # fmt: skip


def rate_times_days(daily: _Quantity, total: _Quantity) -> Check | None:
    """A per-day figure over a period's days must be compatible with the period's total."""
    if daily.granularity != "day" or total.granularity == "day":
        return None
    if _PART_OF.get(daily.count) != total.count and daily.count != total.count:
        return None
    if not (total.first <= daily.last and daily.first <= total.last):
        return None
    days = _days(total)
    scaled = Interval(daily.interval.low * days, daily.interval.high * days,
                      daily.interval.low_open, daily.interval.high_open)  # fmt: skip
    if daily.count == total.count:
        passed = scaled.overlaps(total.interval)
        relation = "be compatible with"
    else:  # a part's daily rate times days must not exceed the whole's total
        passed = scaled.low <= total.interval.high
        relation = "not exceed"
    explanation = (
        f"{daily.count.capitalize()} per day ({interval_label(daily.interval)}) × {days} days "
        f"= {interval_label(scaled)}, which should {relation} {total.count} for "
        f"{total.first}–{total.last} ({interval_label(total.interval)}): "
        f"{'holds' if passed else 'fails'}."
    )
    return Check("", "rate_times_days", daily.quantity_id, total.quantity_id,
                 f"{daily.quantity_id} × {days} days vs {total.quantity_id}",
                 interval_label(scaled), interval_label(total.interval), passed,
                 explanation)  # fmt: skip


def part_checks(quantities: pd.DataFrame, claims: pd.DataFrame) -> list[Check]:
    """Each part against the figure of the group it is a part of (the claim the text links it
    to), and each breakdown's sum against that figure."""
    if "part_of_claim" not in quantities.columns:
        return []
    keyed = quantities.merge(claims[["claim_id", "low", "high", "quote"]], on="claim_id")
    parts = keyed[
        (keyed["role_in_group"] == "part") & keyed["part_of_claim"].isin(keyed["claim_id"])
    ]
    wholes = keyed[keyed["claim_id"].isin(set(parts["part_of_claim"]))]
    by_claim = dict(zip(wholes["claim_id"], frames.records(wholes), strict=True))
    checks = [_part_within(part, by_claim[part["part_of_claim"]]) for part in frames.records(parts)]
    for breakdown, members in parts[parts["breakdown"] != ""].groupby("breakdown", sort=True):
        if len(members) >= 2:
            checks.append(
                _breakdown_sum(breakdown, members, by_claim[members.iloc[0]["part_of_claim"]])
            )
    return [c for c in checks if c is not None]


def _interval_of(row: pd.Series | dict) -> Interval | None:
    if pd.isna(row["interval_low"]):
        return None
    return Interval(
        row["interval_low"], row["interval_high"], bool(row["low_open"]), bool(row["high_open"])
    )


def _part_within(part: dict, whole: dict) -> Check | None:
    part_interval, whole_interval = _interval_of(part), _interval_of(whole)
    if part_interval is None or whole_interval is None:
        return None
    passed = part_interval.low <= whole_interval.high
    explanation = (
        f"“{part['quote']}” ({part['part_kind'].replace('_', ' ')}) is a part of “{whole['quote']}”"
        f" and must not exceed it: {'holds' if passed else 'fails'}."
    )
    return Check("", "part_within_total", part["quantity_id"], whole["quantity_id"],
                 f"{part['claim_id']} ≤ {whole['claim_id']}", interval_label(part_interval),
                 interval_label(whole_interval), passed, explanation)  # fmt: skip


def _breakdown_sum(breakdown: str, members: pd.DataFrame, whole: dict) -> Check | None:
    whole_interval = _interval_of(whole)
    if whole_interval is None:
        return None
    low, high = float(members["low"].sum()), float(members["high"].sum())
    total = Interval(low, high)
    passed = total.overlaps(whole_interval)
    listed = " + ".join(f"“{q}”" for q in members["quote"])
    explanation = (
        f"The text lists {listed} as the whole of “{whole['quote']}”: they add up to "
        f"{interval_label(total)}, which should fit {interval_label(whole_interval)}: "
        f"{'holds' if passed else 'fails'}."
    )
    return Check("", "parts_sum_to_total", ";".join(sorted(set(members["quantity_id"]))),
                 whole["quantity_id"], f"sum of breakdown {breakdown} = {whole['claim_id']}",
                 interval_label(total), interval_label(whole_interval), passed,
                 explanation)  # fmt: skip


def run_checks(
    reconciled: pd.DataFrame,
    claim_quantities: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every applicable check between the reconciled border quantities, and every part against
    its group (when the claims' quantity rows are given)."""
    quantities = _quantities(reconciled)
    # Both rules relate a count to itself or to the count it is part of, so only those pairs are
    # tried (in the order of the list, as an all-pairs loop would): not every pair of quantities.
    positions: dict[str, list[int]] = {}
    for index, quantity in enumerate(quantities):
        positions.setdefault(quantity.count, []).append(index)
    checks: list[Check] = []
    for a in quantities:
        related = {a.count, _PART_OF.get(a.count, a.count)}
        candidates = sorted(i for count in related for i in positions.get(count, []))
        for b in (quantities[i] for i in candidates):
            if a is b:
                continue
            for rule in (part_of_whole, rate_times_days):
                check = rule(a, b)
                if check is not None:
                    checks.append(check)
    if claim_quantities is not None and claims is not None:
        checks += part_checks(claim_quantities, claims)
    rows = [
        {**vars(check), "check_id": f"check_{number:02d}"}  # flat fields: no deep copy
        for number, check in enumerate(checks, start=1)
    ]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
