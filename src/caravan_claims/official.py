"""Stage 4 — the official record: load the reference files into one tidy monthly table and check
every reported border count against it.

Fiscal years: CBP's fiscal year N runs from October of year N-1 to September of year N, so
fiscal month 1 (October) of FY2024 is calendar month 2023-10. "Encounters" are U.S. Border
Patrol apprehensions/expulsions between ports of entry plus Office of Field Operations
inadmissibles at ports of entry; the measures are kept apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from caravan_claims import group, paths
from caravan_claims.context import MONTHS
from caravan_claims.errors import InputError
from caravan_claims.numbers import format_number
from caravan_claims.reconcile import Interval, IntervalRules, claim_interval

OFFICIAL_COLUMNS = ["month", "measure", "value", "source_file", "release", "note"]
CHECK_COLUMNS = [
    "claim_id",
    "kind",
    "measure",
    "official_measure",
    "month",
    "claim_value",
    "official_value",
    "official_release",
    "difference",
    "verdict",
    "explanation",
]
VERDICTS = ("matches", "consistent", "revised", "contradicts", "no_official_data")
REVISION_TOLERANCE = 0.01  # within 1% of the official value: a revision, not a falsehood

CBP_DATASET = "cbp_sw_land_border_encounters_fy22-fy25aug.csv"
OHSS_WORKBOOK = "ohss_khsm_usbp_encounters_fy25m11.xlsx"
PRESS_RELEASES = "cbp_press_release_figures_fy2019-fy2020.csv"
MONTH_ABBREVIATIONS = {
    "OCT": 1,
    "NOV": 2,
    "DEC": 3,
    "JAN": 4,
    "FEB": 5,
    "MAR": 6,
    "APR": 7,
    "MAY": 8,
    "JUN": 9,
    "JUL": 10,
    "AUG": 11,
    "SEP": 12,
}
# Which release is the record for a month and measure, most authoritative first. The OHSS
# workbook is rounded to the nearest 10, so the CBP data set wins where both exist.
RELEASE_ORDER = ["cbp_dataset_2025-08", "ohss_fy25m11", "press_later", "press", "press_first"]
ROUNDED_RELEASES = {"ohss_fy25m11": 10}
PRESS_MEASURES = {
    "sw_total_encounters": "sw_total_encounters",
    "usbp_sw_apprehensions": "usbp_encounters",
    "ofo_sw_inadmissibles": "ofo_encounters",
    "sw_title42_expulsions": "sw_title42_expulsions",
    "usbp_sw_family_units": "usbp_family_units",
    "usbp_sw_single_adults": "usbp_single_adults",
    "usbp_sw_uac": "usbp_uac",
}
# The official series a reconciled border measure is checked against.
MEASURE_TO_OFFICIAL = {
    "encounters": "sw_total_encounters",
    "crossings": "sw_total_encounters",
    "apprehensions": "usbp_encounters",
}


def fiscal_to_calendar(fiscal_year: int, fiscal_month: int) -> str:
    """FY2024 month 1 (October) → "2023-10"; FY2024 month 12 (September) → "2024-09"."""
    if not 1 <= fiscal_month <= 12:
        raise ValueError(f"fiscal month {fiscal_month}: expected 1 (October) to 12 (September)")
    calendar_month = (fiscal_month + 8) % 12 + 1
    year = fiscal_year - 1 if calendar_month >= 10 else fiscal_year
    return f"{year}-{calendar_month:02d}"


# --- loading ---------------------------------------------------------------------------------


def load_cbp_dataset(path: Path) -> pd.DataFrame:
    """CBP's Southwest Land Border Encounters data set: monthly totals by component and title."""
    raw = pd.read_csv(path, dtype={"Fiscal Year": str})
    _require_columns(
        raw,
        path,
        ["Fiscal Year", "Month (abbv)", "Component", "Title of Authority", "Encounter Count"],
    )
    raw["month"] = [
        fiscal_to_calendar(int(fy[:4]), MONTH_ABBREVIATIONS[m.upper()])
        for fy, m in zip(raw["Fiscal Year"], raw["Month (abbv)"], strict=True)
    ]
    component = raw["Component"].map(
        {"U.S. Border Patrol": "usbp", "Office of Field Operations": "ofo"}
    )
    title = raw["Title of Authority"].str.replace(" ", "").str.lower()  # title8 / title42
    months = sorted(raw["month"].unique())

    def monthly(mask: pd.Series) -> pd.Series:
        # A month with no rows of a kind had none of it (Title 42 ended in May 2023): zero.
        return raw[mask].groupby("month")["Encounter Count"].sum().reindex(months, fill_value=0)

    everything = pd.Series(True, index=raw.index)
    splits = {
        "sw_total_encounters": monthly(everything),
        "usbp_encounters": monthly(component == "usbp"),
        "ofo_encounters": monthly(component == "ofo"),
        "usbp_title8_apprehensions": monthly((component == "usbp") & (title == "title8")),
        "usbp_title42_expulsions": monthly((component == "usbp") & (title == "title42")),
        "ofo_title8_inadmissibles": monthly((component == "ofo") & (title == "title8")),
        "ofo_title42_expulsions": monthly((component == "ofo") & (title == "title42")),
        "sw_title8_encounters": monthly(title == "title8"),
        "sw_title42_encounters": monthly(title == "title42"),
    }
    rows = [
        {
            "month": month,
            "measure": measure,
            "value": float(value),
            "source_file": path.name,
            "release": "cbp_dataset_2025-08",
            "note": "sum of the data set's rows for the month",
        }
        for measure, series in splits.items()
        for month, value in series.items()
    ]
    return pd.DataFrame(rows, columns=OFFICIAL_COLUMNS)


def load_ohss_workbook(path: Path) -> pd.DataFrame:
    """DHS OHSS "CBP Encounters - USBP" workbook, sheet "Monthly Region": Border Patrol
    encounters on the southwest land border, rounded to the nearest 10."""
    sheet = pd.read_excel(path, sheet_name="Monthly Region", engine="openpyxl")
    sheet.columns = [" ".join(str(c).split()) for c in sheet.columns]
    _require_columns(sheet, path, ["Fiscal Year", "Month", "Region", "Quantity"])
    southwest = sheet[sheet["Region"] == "Southwest Land Border"]
    rows = [
        {
            "month": fiscal_to_calendar(int(fy), int(str(month)[:2])),
            "measure": "usbp_encounters",
            "value": float(quantity),
            "source_file": path.name,
            "release": "ohss_fy25m11",
            "note": "rounded to the nearest 10 by OHSS",
        }
        for fy, month, quantity in zip(
            southwest["Fiscal Year"], southwest["Month"], southwest["Quantity"], strict=True
        )
    ]
    return pd.DataFrame(rows, columns=OFFICIAL_COLUMNS)


def load_press_releases(path: Path) -> pd.DataFrame:
    """Figures quoted from CBP media releases, FY2019–FY2020. Where a month has two values, the
    one its note calls "initial" is the first release and the other a later one (or the one
    called "revised" is the later one); a lone value is simply "press"."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    _require_columns(raw, path, ["month", "measure", "value", "source_address", "note"])
    raw["release"] = "press"
    for _, same in raw.groupby(["month", "measure"]):
        if len(same) < 2:
            continue
        initial = same["note"].str.contains("initial", case=False)
        revised = same["note"].str.contains("revis", case=False)
        first = initial if initial.any() else ~revised if revised.any() else None
        if first is not None:
            raw.loc[same.index, "release"] = ["press_first" if f else "press_later" for f in first]
    rows = [
        {
            "month": row.month,
            "measure": PRESS_MEASURES.get(row.measure, row.measure),
            "value": float(row.value),
            "source_file": path.name,
            "release": row.release,
            "note": f"{row.source_address} — {row.note}",
        }
        for row in raw.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=OFFICIAL_COLUMNS)


def _require_columns(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")


def load_official(reference_dir: Path | None = None) -> pd.DataFrame:
    """Every reference file as one tidy monthly table (``OFFICIAL_COLUMNS``), sorted."""
    folder = reference_dir or paths.data_dir() / "reference"
    parts = [
        load_cbp_dataset(folder / CBP_DATASET),
        load_ohss_workbook(folder / OHSS_WORKBOOK),
        load_press_releases(folder / PRESS_RELEASES),
    ]
    table = pd.concat(parts, ignore_index=True)
    order = {release: rank for rank, release in enumerate(RELEASE_ORDER)}
    table["rank"] = table["release"].map(order)
    table = table.sort_values(["month", "measure", "rank", "value"]).drop(columns="rank")
    return table.reset_index(drop=True)


def official_value(official: pd.DataFrame, month: str, measure: str) -> pd.DataFrame:
    """Every release's value for a month and measure, the record (most authoritative) first."""
    return official[(official["month"] == month) & (official["measure"] == measure)]


# --- checking claims -------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficialCheck:
    claim_id: str
    kind: str  # reported | forecast
    measure: str
    official_measure: str
    month: str
    claim_value: str
    official_value: float | None
    official_release: str
    difference: float | None
    verdict: str
    explanation: str


def _tolerance(release: str) -> float:
    return ROUNDED_RELEASES.get(release, 0) / 2


def verdict_for(
    interval: Interval, qualifier: str, point: float, releases: pd.DataFrame
) -> tuple[str, pd.Series, str]:
    """The verdict for a claim's interval against a month's releases (record first), with the
    release it was decided on and a note."""
    record = releases.iloc[0]
    slack = _tolerance(record["release"])
    widened = Interval(
        interval.low - slack, interval.high + slack, interval.low_open, interval.high_open
    )
    if widened.contains(record["value"]):
        exact_hit = qualifier == "exact" or abs(point - record["value"]) <= slack
        return ("matches" if exact_hit else "consistent"), record, ""
    for other in releases.iloc[1:].itertuples(index=False):
        if interval.contains(other.value):
            return (
                "revised",
                record,
                f"it agrees with the {other.release} value {format_number(other.value)}",
            )
    gap = min(abs(record["value"] - interval.low), abs(record["value"] - interval.high))
    if gap <= REVISION_TOLERANCE * record["value"]:
        return "revised", record, "within 1% of the record: most likely an earlier release"
    return "contradicts", record, ""


def check_claims(
    claims: pd.DataFrame,
    quantities: pd.DataFrame,
    official: pd.DataFrame,
    corpus: pd.DataFrame,
    rules: IntervalRules | None = None,
) -> pd.DataFrame:
    """One row per border-count claim (and per forecast a claim's sentence makes)."""
    rules = rules or IntervalRules()
    joined = quantities[quantities["subject"] == group.BORDER].merge(
        claims.drop(columns=["period"]), on="claim_id"
    )
    rows: list[OfficialCheck] = []
    for claim in joined.to_dict("records"):
        rows.append(_check_reported(claim, official, rules))
    published = dict(zip(corpus["article_id"], corpus["published"], strict=True))
    for claim in claims.to_dict("records"):
        forecast = detect_forecast(claim, published.get(claim["article_id"]))
        if forecast:
            rows.append(_check_forecast(claim, forecast, official))
    return pd.DataFrame([asdict(r) for r in rows], columns=CHECK_COLUMNS)


def _check_reported(claim: dict, official: pd.DataFrame, rules: IntervalRules) -> OfficialCheck:
    count, granularity = claim["measure"][len("border_") :].rsplit("_", 1)
    target = MEASURE_TO_OFFICIAL.get(count)
    stated = _stated(claim)
    bounds = group.period_bounds(claim["period"])
    base = {
        "claim_id": claim["claim_id"],
        "kind": "reported",
        "measure": claim["measure"],
        "official_measure": target or "",
        "claim_value": stated,
    }
    if target is None:
        return _no_data(
            base, claim["period"], "no official series in data/reference/ for this measure"
        )
    if bounds is None:
        return _no_data(base, "", "the claim's period is unknown")
    month = f"{bounds[0]:%Y-%m}"
    if f"{bounds[1]:%Y-%m}" != month:
        if granularity != "day" and _whole_months(bounds):
            return _check_months_sum(base, claim, bounds, official, target, stated, rules)
        return _no_data(base, claim["period"], "the period spans several months")
    releases = official_value(official, month, target)
    if releases.empty:
        return _no_data(base, month, f"no {target} figure for {month} in the reference files")
    record = releases.iloc[0]
    if granularity == "day":
        average = format_number(round(record["value"] / _days_in(month)))
        why = (
            f"official data are monthly, not daily: {month} had {format_number(record['value'])} "
            f"({target}), {average} a day on average; {stated} per day cannot be confirmed"
        )
        return _no_data(base, month, why, record)
    days = (bounds[1] - bounds[0]).days + 1
    interval = claim_interval(pd.Series(claim), rules)
    if days < _days_in(month):
        return _check_part_of_month(base, interval, record, month, days, stated, target)
    verdict, decided, note = verdict_for(interval, claim["qualifier"], _point(claim), releases)
    difference = _point(claim) - decided["value"]
    return OfficialCheck(
        **base,
        month=month,
        official_value=float(decided["value"]),
        official_release=decided["release"],
        difference=difference,
        verdict=verdict,
        explanation=_explain(verdict, stated, target, month, decided, difference, note),
    )


def _whole_months(bounds: tuple[dt.date, dt.date]) -> bool:
    """A period from the first of a month to the last day of a month (a fiscal year, a
    calendar year, "from May to November")."""
    first, last = bounds
    return first.day == 1 and (last + dt.timedelta(days=1)).day == 1


def _months(bounds: tuple[dt.date, dt.date]) -> list[str]:
    months, current = [], bounds[0].replace(day=1)
    while current <= bounds[1]:
        months.append(f"{current:%Y-%m}")
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _check_months_sum(
    base: dict,
    claim: dict,
    bounds: tuple[dt.date, dt.date],
    official: pd.DataFrame,
    target: str,
    stated: str,
    rules: IntervalRules,
) -> OfficialCheck:
    """A figure for whole months (a fiscal year runs October to September) against the sum of
    the record over those months; every month must be in the reference files."""
    months = _months(bounds)
    span = f"{months[0]}/{months[-1]}"
    records = [official_value(official, month, target) for month in months]
    missing = [month for month, found in zip(months, records, strict=True) if found.empty]
    if missing:
        return _no_data(
            base, span, f"no {target} figure for {', '.join(missing)} in the reference files"
        )
    total = sum(float(found.iloc[0]["value"]) for found in records)
    releases = sorted({found.iloc[0]["release"] for found in records})
    summed = pd.DataFrame(
        [
            {
                "value": total,
                "release": f"sum of {len(months)} monthly records ({', '.join(releases)})",
            }
        ]
    )
    interval = claim_interval(pd.Series(claim), rules)
    verdict, decided, note = verdict_for(interval, claim["qualifier"], _point(claim), summed)
    difference = _point(claim) - total
    return OfficialCheck(
        **base,
        month=span,
        official_value=total,
        official_release=str(decided["release"]),
        difference=difference,
        verdict=verdict,
        explanation=_explain(verdict, stated, target, span, decided, difference, note),
    )


def _no_data(base: dict, month: str, why: str, record: pd.Series | None = None) -> OfficialCheck:
    return OfficialCheck(
        **base,
        month=month,
        official_value=None if record is None else float(record["value"]),
        official_release="" if record is None else record["release"],
        difference=None,
        verdict="no_official_data",
        explanation=f"No check: {why}.",
    )


def _check_part_of_month(
    base: dict,
    interval: Interval,
    record: pd.Series,
    month: str,
    days: int,
    stated: str,
    target: str,
) -> OfficialCheck:
    """A figure for part of a month (a weekend, "since December 1") can only be checked against
    the month's total, which bounds it from above."""
    possible = Interval(0, record["value"])
    verdict = "consistent" if possible.overlaps(interval) else "contradicts"
    explanation = (
        f"The claim covers {days} days of {month}; official data are monthly. The month's "
        f"{target} total, {format_number(record['value'])} ({record['release']}), "
        f"{'leaves room for' if verdict == 'consistent' else 'is below'} {stated}."
    )
    return OfficialCheck(
        **base,
        month=month,
        official_value=float(record["value"]),
        official_release=record["release"],
        difference=None,
        verdict=verdict,
        explanation=explanation,
    )


def _stated(claim: dict) -> str:
    return f"“{claim['quote']}”"


def _point(claim: dict) -> float:
    return float(claim["high"] if claim["qualifier"] == "upper" else claim["low"])


def _days_in(month: str) -> int:
    bounds = group.period_bounds(month)
    return (bounds[1] - bounds[0]).days + 1


def _explain(
    verdict: str,
    stated: str,
    target: str,
    month: str,
    record: pd.Series,
    difference: float,
    note: str,
) -> str:
    official = f"{format_number(record['value'])} ({target}, {month}, {record['release']})"
    if verdict == "matches":
        return f"Matches the official record: {official}."
    if verdict == "consistent":
        return f"Consistent: the official figure {official} satisfies {stated}."
    if verdict == "revised":
        return (
            f"A revision, not a false claim: the record now says {official}, "
            f"{format_number(abs(difference))} {'below' if difference > 0 else 'above'} the "
            f"reported figure ({abs(difference) / record['value']:.3%}); {note}."
        )
    gap = format_number(abs(difference))
    return f"Contradicted: the official figure is {official}, {gap} away from {stated}."


# --- forecasts -------------------------------------------------------------------------------

_FORECAST = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?:has the potential to|is on track to|is expected to|could|may|might|will|"
    r"is likely to|looks set to|is poised to)\s+(?:\w+\s+){0,2}?"
    r"(?P<verb>surpass|exceed|top|break|beat|pass|reach|hit|eclipse)\b"
)
_FORECAST_TARGET = re.compile(r"\b(?:record|figure|total|high|mark|level)\b")


@dataclass(frozen=True)
class Forecast:
    month: str
    comparator: str  # above | at_least


def detect_forecast(claim: dict, published: pd.Timestamp | None) -> Forecast | None:
    """ "December has the potential to surpass September's record of 269,735": a forecast that
    the named month (resolved against the publication date) exceeds the claim's figure."""
    if claim["unit"] not in {"encounters", "apprehensions", "people", "count"}:
        return None
    match = _FORECAST.search(claim["sentence"])
    if not match or published is None or pd.isna(published):
        return None
    if not _FORECAST_TARGET.search(claim["sentence"], match.end()):
        return None
    month_number = MONTHS[match.group("month").lower()]
    year = published.year if month_number >= published.month else published.year + 1
    comparator = "at_least" if match.group("verb") in {"reach", "hit"} else "above"
    return Forecast(f"{year}-{month_number:02d}", comparator)


def _check_forecast(claim: dict, forecast: Forecast, official: pd.DataFrame) -> OfficialCheck:
    target = "sw_total_encounters"
    threshold = float(claim["low"])
    relation = "above" if forecast.comparator == "above" else "at least"
    stated = f"{forecast.month} {relation} {format_number(threshold)}"
    releases = official_value(official, forecast.month, target)
    base = {
        "claim_id": claim["claim_id"],
        "kind": "forecast",
        "measure": "forecast",
        "official_measure": target,
        "month": forecast.month,
        "claim_value": stated,
    }
    if releases.empty:
        return OfficialCheck(
            **base,
            official_value=None,
            official_release="",
            difference=None,
            verdict="no_official_data",
            explanation=f"A forecast ({stated}); no official figure for {forecast.month}.",
        )
    record = releases.iloc[0]
    value = float(record["value"])
    came_true = value > threshold if forecast.comparator == "above" else value >= threshold
    verdict = "consistent" if came_true else "contradicts"
    explanation = (
        f"A forecast, checked against what happened: {forecast.month} had "
        f"{format_number(value)} encounters ({record['release']}), "
        f"{format_number(abs(value - threshold))} {'above' if value > threshold else 'below'} "
        f"{format_number(threshold)}: the forecast "
        + ("came true." if came_true else "did not come true.")
    )
    return OfficialCheck(
        **base,
        official_value=value,
        official_release=record["release"],
        difference=value - threshold,
        verdict=verdict,
        explanation=explanation,
    )


def series_for_plot(
    official: pd.DataFrame, first: str = "2019-01", last: str = "2024-12"
) -> pd.DataFrame:
    """The record for total, Border Patrol and field-operations encounters, one column each."""
    chosen = official[
        official["measure"].isin(["sw_total_encounters", "usbp_encounters", "ofo_encounters"])
    ]
    record = chosen.drop_duplicates(["month", "measure"], keep="first")
    wide = record.pivot(index="month", columns="measure", values="value")
    wide = wide[(wide.index >= first) & (wide.index <= last)]
    wide.index = pd.to_datetime(wide.index + "-15")
    return wide
