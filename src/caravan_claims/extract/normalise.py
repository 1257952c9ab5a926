"""Step: every figure's unit in one normal form and its dimension — an ISO 4217 code for money, a
unit name of the registry (pint) for measures, ``percent``, ``times``, or the counted noun with
dimension ``count`` — and the direction of a figure that is the size of a change."""

from __future__ import annotations

import re
from functools import cache

from caravan_claims import lexicons
from caravan_claims.context import Span
from caravan_claims.extract import currencies, measures
from caravan_claims.extract.lexicon import COUNTED_NOUNS, PEOPLE_NOUNS
from caravan_claims.extract.records import Figure

# Units of the claims table that are conventions of this project rather than units of measure.
_CONVENTIONS = {
    "percent": ("percent", "percent"),
    "points": ("points", "count"),
    "age": ("year", "time"),
    "times": ("times", "dimensionless"),
    "degrees": ("degree", "temperature"),
    "count": ("count", "count"),
    "people": ("people", "count"),
}


@cache
def normalised(unit: str) -> tuple[str, str]:
    """(normal unit, dimension) of a unit of the claims table."""
    if unit in _CONVENTIONS:
        return _CONVENTIONS[unit]
    if unit in PEOPLE_NOUNS or unit in COUNTED_NOUNS:
        return unit, "count"
    if unit.upper() in currencies.current_codes() and unit.islower() and len(unit) == 3:
        return unit.upper(), "currency"
    found = measures.canonical(unit)
    return found if found else (unit, "count")


@cache
def _cue(direction: str) -> str:
    chosen = [r["pattern"] for r in lexicons.rows("direction_cues") if r["direction"] == direction]
    return rf"(?:{'|'.join(f'(?:{p})' for p in chosen)})"


@cache
def _cues() -> re.Pattern[str]:
    """A cue that ends the words it is searched in, starting at a word: the leftmost start found
    is the longest cue. Both directions in one pattern: a phrase that is an "up" cue is "up"
    (tried first). The cues are written in lower case and searched in lowered words: three
    times as fast as a case-blind search."""
    return re.compile(rf"(?:^| )(?:(?P<up>{_cue('up')})|(?P<down>{_cue('down')}))$")


_WORDS = re.compile(r"[\w\-]+")
_LONGEST_CUE = 4  # words: "an increase of"
_CUE_REACH = 40


def direction(text: str, fig: Figure, sentence: Span) -> str:
    """ "up" or "down" when the figure is the size of a change ("rose 3%", "cut 1,200 jobs", "a
    loss of $50.8 billion", a signed "-4.2%"), else ""."""
    if fig.low < 0 and fig.unit == "percent":
        return "down"
    start = max(sentence.start, fig.quote_start - _CUE_REACH)
    tail = text[start : fig.quote_start]
    if tail[-1:] not in (" ", "\u00a0"):
        return ""  # a word runs into the figure, or the sentence starts with it
    words = _WORDS.findall(tail)[-_LONGEST_CUE:]
    if words[-1:] == ["by"]:
        words.pop()
    found = _cues().search(" ".join(words).lower())
    if found:
        return "up" if found.group("up") is not None else "down"
    return ""
