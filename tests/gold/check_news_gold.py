"""Check the general-news gold set (tests/gold/news_*.csv) against the rules in NEWS_GOLD.md.

Run: python tests/gold/check_news_gold.py   (exit status 1 and one line per problem when not clean)
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

SENTENCE_COLUMNS = ["sentence_id", "split", "domain", "sentence"]
FIGURE_COLUMNS = [
    "sentence_id",
    "quote",
    "occurrence",
    "low",
    "high",
    "unit",
    "dimension",
    "qualifier",
    "direction",
    "notes",
]
NONFIGURE_COLUMNS = ["sentence_id", "quote", "occurrence", "reason"]

DOMAINS = {
    "business": "bus",
    "markets": "mkt",
    "sports": "spt",
    "technology": "tec",
    "science": "sci",
    "weather": "wea",
    "health": "hea",
    "politics": "pol",
    "migration": "mig",
    "crime": "cri",
    "transport": "trn",
    "energy": "enr",
}
MAIN_DOMAINS = [
    "business",
    "markets",
    "sports",
    "technology",
    "science",
    "weather",
    "health",
    "politics",
    "migration",
]
SPLITS = {"train", "test"}
QUALIFIERS = {"exact", "approx", "lower", "upper", "range", "vague"}
DIRECTIONS = {"", "up", "down"}
DIMENSIONS = {
    "currency",
    "length",
    "speed",
    "power",
    "data",
    "data_rate",
    "frequency",
    "area",
    "volume",
    "temperature",
    "mass",
    "energy",
    "time",
    "count",
    "percent",
    "fraction",
    "dimensionless",
    "pressure",
}
NONFIGURE_REASONS = {
    "year",
    "date",
    "era",
    "period",
    "clock_time",
    "ordinal",
    "name",
    "score",
    "record",
    "code",
    "jersey",
    "reference",
    "version",
    "model",
    "category",
}

CURRENCIES = [
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "INR",
    "AUD",
    "CAD",
    "SGD",
    "HKD",
    "NZD",
    "ZAR",
    "MYR",
    "CHF",
    "MXN",
    "BRL",
    "KRW",
    "SEK",
    "NOK",
    "TRY",
    "NGN",
    "KES",
    "PHP",
    "RUB",
    "AED",
    "SAR",
    "IDR",
    "THB",
    "PLN",
    "ARS",
    "COP",
    "EGP",
    "PKR",
    "BDT",
]
UNIT_DIMENSION: dict[str, str] = {c: "currency" for c in CURRENCIES}
for dim, units in {
    "length": "millimeter centimeter meter kilometer inch foot yard mile nautical_mile light_year "
    "astronomical_unit nanometer micrometer",
    "speed": "mile_per_hour kilometer_per_hour knot meter_per_second kilometer_per_second",
    "power": "watt kilowatt megawatt gigawatt horsepower",
    "data": "byte kilobyte megabyte gigabyte terabyte petabyte",
    "data_rate": "kilobit_per_second megabit_per_second gigabit_per_second terabit_per_second",
    "frequency": "hertz kilohertz megahertz gigahertz",
    "area": "square_millimeter square_centimeter square_meter square_kilometer square_foot "
    "square_mile acre hectare",
    "volume": "milliliter liter gallon barrel cubic_meter cubic_foot",
    "temperature": "degree_Celsius degree_Fahrenheit kelvin millikelvin",
    "mass": "microgram milligram gram kilogram tonne ton pound ounce solar_mass",
    "energy": "calorie kilocalorie joule kilojoule megajoule electronvolt kilowatt_hour "
    "megawatt_hour gigawatt_hour terawatt_hour",
    "time": "nanosecond millisecond second minute hour day week month year decade",
    "percent": "percent percentage_point basis_point part_per_million",
    "fraction": "fraction",
    "dimensionless": "times index_point magnitude",
    "pressure": "hectopascal millibar",
}.items():
    UNIT_DIMENSION.update({u: dim for u in units.split()})
COUNT_UNIT = re.compile(r"[a-z][a-z_]*$")  # a counted noun's plural lemma, or "count"

SCALES = (1, 12, 100, 1000, 10**6, 10**9)  # one, dozen, hundred, thousand, million, billion
VAGUE_BANDS = (  # the fixed convention for vague amounts (NEWS_GOLD.md)
    {(s, 10 * s) for s in (100, 1000, 10**4, 10**5, 10**6, 10**7, 10**9)}  # hundreds ... billions
    | {(24, 100), (10, 100)}  # dozens, tens
    | {
        (lo * s, hi * s) for s in SCALES for lo, hi in ((2, 3), (2, 5), (3, 9))
    }  # a couple of / a few / a handful / several (x scale)
)


def read(name: str, columns: list[str], problems: list[str]) -> list[dict[str, str]]:
    with open(HERE / name, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            problems.append(f"{name}: columns {reader.fieldnames} != {columns}")
        return list(reader)


def find_span(sentence: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    """The start and end of the occurrence-th (1-based, left to right) match of quote."""
    start = -1
    for _ in range(occurrence):
        start = sentence.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def check() -> list[str]:
    problems: list[str] = []
    sentences = read("news_sentences.csv", SENTENCE_COLUMNS, problems)
    figures = read("news_figures.csv", FIGURE_COLUMNS, problems)
    nonfigures = read("news_nonfigures.csv", NONFIGURE_COLUMNS, problems)
    if problems:
        return problems

    by_id: dict[str, dict[str, str]] = {}
    for row in sentences:
        sid = row["sentence_id"]
        if sid in by_id:
            problems.append(f"{sid}: duplicate sentence_id")
        by_id[sid] = row
        if row["split"] not in SPLITS:
            problems.append(f"{sid}: split {row['split']!r}")
        if row["domain"] not in DOMAINS:
            problems.append(f"{sid}: domain {row['domain']!r}")
        elif not re.fullmatch(DOMAINS[row["domain"]] + r"-\d{3}", sid):
            problems.append(f"{sid}: id does not match domain {row['domain']}")
        if not row["sentence"].strip() or row["sentence"] != row["sentence"].strip():
            problems.append(f"{sid}: empty sentence or stray whitespace")
    if len(sentences) < 440:
        problems.append(f"only {len(sentences)} sentences (want at least 440)")
    split_count = Counter(r["split"] for r in sentences)
    if split_count["train"] != split_count["test"]:
        problems.append(f"splits not half and half: {dict(split_count)}")
    for domain in sorted({r["domain"] for r in sentences}):
        splits = {r["split"] for r in sentences if r["domain"] == domain}
        if splits != SPLITS:
            problems.append(f"domain {domain} is only in {splits}")
    for domain in MAIN_DOMAINS:
        n = sum(r["domain"] == domain for r in sentences)
        if n < 45:
            problems.append(f"domain {domain} has {n} sentences (want about 50)")

    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    seen: set[tuple[str, str, int]] = set()
    for kind, rows in (("figure", figures), ("non-figure", nonfigures)):
        for row in rows:
            sid, quote = row["sentence_id"], row["quote"]
            where = f"{sid} {kind} {quote!r}"
            if sid not in by_id:
                problems.append(f"{where}: unknown sentence_id")
                continue
            try:
                occurrence = int(row["occurrence"])
            except ValueError:
                problems.append(f"{where}: occurrence {row['occurrence']!r}")
                continue
            key = (sid, quote, occurrence)
            if key in seen:
                problems.append(f"{where}: listed twice (give the next occurrence)")
            seen.add(key)
            sentence = by_id[sid]["sentence"]
            span = find_span(sentence, quote, occurrence)
            if quote != quote.strip() or not quote:
                problems.append(f"{where}: empty quote or stray whitespace")
            if span is None:
                problems.append(f"{where}: occurrence {occurrence} not in the sentence")
                continue
            start, end = span
            if (start > 0 and quote[0].isalnum() and sentence[start - 1].isalnum()) or (
                end < len(sentence) and quote[-1].isalnum() and sentence[end].isalnum()
            ):
                around = sentence[max(0, start - 3) : end + 3]
                problems.append(f"{where}: quote cuts a word or number ({around!r})")
            for other in spans[sid]:
                if start < other[1] and other[0] < end:
                    problems.append(f"{where}: overlaps {other[2]!r}")
            spans[sid].append((start, end, quote))
            if kind == "non-figure":
                if row["reason"] not in NONFIGURE_REASONS:
                    problems.append(f"{where}: reason {row['reason']!r}")
                continue
            try:
                low, high = float(row["low"]), float(row["high"])
            except ValueError:
                problems.append(f"{where}: low/high not numbers")
                continue
            if low > high:
                problems.append(f"{where}: low {low} > high {high}")
            qualifier, unit, dimension = row["qualifier"], row["unit"], row["dimension"]
            if qualifier not in QUALIFIERS:
                problems.append(f"{where}: qualifier {qualifier!r}")
            if (qualifier in ("range", "vague")) != (low != high):
                problems.append(f"{where}: {qualifier} with low={low}, high={high}")
            if qualifier == "vague" and (low, high) not in VAGUE_BANDS:
                problems.append(f"{where}: vague band {low}-{high} not a documented one")
            if row["direction"] not in DIRECTIONS:
                problems.append(f"{where}: direction {row['direction']!r}")
            if dimension not in DIMENSIONS:
                problems.append(f"{where}: dimension {dimension!r}")
            if unit in UNIT_DIMENSION:
                if UNIT_DIMENSION[unit] != dimension:
                    problems.append(
                        f"{where}: unit {unit} is {UNIT_DIMENSION[unit]}, not {dimension}"
                    )
            elif not (dimension == "count" and COUNT_UNIT.match(unit)):
                problems.append(
                    f"{where}: unit {unit!r} is neither a listed unit nor a counted noun"
                )
            if unit == "fraction" and not 0 < high <= 1:
                problems.append(f"{where}: a fraction outside (0, 1]")
            if low < 0 and not (
                quote.startswith(("-", "−", "minus", "Minus", "negative"))
                or re.search(r"(^|\s)[-−]\s?\d|minus|negative", quote)
            ):
                problems.append(f"{where}: negative value without a minus sign in the quote")

    # every run of digits in a sentence is a figure or a listed non-figure
    for sid, row in by_id.items():
        sentence = row["sentence"]
        for m in re.finditer(r"\d+", sentence):
            if not any(s <= m.start() and m.end() <= e for s, e, _ in spans[sid]):
                problems.append(
                    f"{sid}: digits {m.group()!r} at {m.start()} are neither a figure "
                    f"nor a listed non-figure"
                )
    return problems


def summary() -> str:
    with open(HERE / "news_sentences.csv", newline="", encoding="utf-8") as f:
        sentences = list(csv.DictReader(f))
    with open(HERE / "news_figures.csv", newline="", encoding="utf-8") as f:
        figures = list(csv.DictReader(f))
    with open(HERE / "news_nonfigures.csv", newline="", encoding="utf-8") as f:
        nonfigures = list(csv.DictReader(f))
    split_of = {r["sentence_id"]: r["split"] for r in sentences}
    lines = [
        f"{len(sentences)} sentences, {len(figures)} figures, {len(nonfigures)} listed non-figures"
    ]
    table = Counter((r["domain"], r["split"]) for r in sentences)
    for domain in sorted({d for d, _ in table}):
        lines.append(
            f"  {domain:<11} train {table[domain, 'train']:>3}  test {table[domain, 'test']:>3}"
        )
    for name, rows, col in (
        ("qualifier", figures, "qualifier"),
        ("dimension", figures, "dimension"),
        ("direction", figures, "direction"),
        ("non-figure reason", nonfigures, "reason"),
    ):
        by = Counter((r[col] or "(none)", split_of[r["sentence_id"]]) for r in rows)
        values = sorted({v for v, _ in by})
        lines.append(
            f"{name}: " + ", ".join(f"{v} {by[v, 'train']}/{by[v, 'test']}" for v in values)
        )
    return "\n".join(lines)


if __name__ == "__main__":
    found = check()
    for p in found:
        print(p)
    if found:
        print(f"{len(found)} problem(s)")
        sys.exit(1)
    print("clean")
    print(summary())
