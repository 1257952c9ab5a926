"""The word lists extraction reads, loaded from the data files in ``caravan_claims/lexicons/``:
a new counted noun, unit, qualifier or naming word is a line of data, not a code change."""

from __future__ import annotations

import re

from caravan_claims import context, lexicons
from caravan_claims.lexicons import longest_first  # noqa: F401 (re-exported)


def _words_of_kind(name: str, kind: str) -> frozenset[str]:
    return frozenset(row["word"] for row in lexicons.rows(name) if row["kind"] == kind)


def _words(name: str, column: str = "word") -> frozenset[str]:
    return frozenset(row[column] for row in lexicons.rows(name))


def _mapping(name: str, key: str, value: str) -> dict[str, str]:
    return {row[key]: row[value] for row in lexicons.rows(name)}


PEOPLE_NOUNS = _words("people_nouns")
COUNTED_NOUNS = _words("counted_nouns")
UNBORROWED_NOUNS = _words("unborrowed_nouns")
YOUNG_NOUNS = _words("young_nouns")
ONE_PERSON_NOUNS = _words("one_person_nouns")
MEASURE_UNITS = _mapping("measure_units", "word", "unit")
STOP_WORDS = _words("stop_words")
BOARDING_VERBS = _words_of_kind("boarding_words", "verb")
BOARDED_VEHICLES = _words_of_kind("boarding_words", "vehicle")
IDENTIFIER_WORDS = _words("identifier_words")
POPULATION_WORDS = _words("population_words")
JUNK_OPENINGS = tuple(row["opening"] for row in lexicons.rows("junk_openings"))
QUALIFIER_NEGATIONS = _words_of_kind("qualifier_negations", "negation")
QUALIFIER_NEGATION_GAPS = _words_of_kind("qualifier_negations", "between")
QUALIFIER_PHRASES: dict[str, list[str]] = {}
for _row in lexicons.rows("qualifier_phrases"):
    QUALIFIER_PHRASES.setdefault(_row["kind"], []).append(_row["phrase"])

NATIONALITY_PLURAL = re.compile(r"^[A-Z][a-z]+(?:ans|ians|eans|ese|ers)$")
MONTH_WORDS = (
    {name.capitalize() for name in context.MONTHS}
    | {f"{name.capitalize()}." for name in context.MONTHS}
    | {name.upper() for name in context.MONTHS if len(name) > 3}  # "MAY 12" in a heading
    | {"MAY"}
)
PER_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
             "yearly": "year"}  # fmt: skip
