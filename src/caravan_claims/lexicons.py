"""The project's word lists, kept as data files in ``lexicons/`` so that a new cue is a line of
data, not a code change. Each loader reads its file once."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``lexicons/<name>.csv`` as dictionaries (comment lines start with '#')."""
    with (LEXICON_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@cache
def alternation(name: str, kind: str | None = None, column: str = "pattern") -> str:
    """The alternation of a lexicon's patterns (those of one ``kind`` when given), each in a
    non-capturing group, for a caller to build into a larger expression with its own flags."""
    chosen = [r[column] for r in rows(name) if kind is None or r.get("kind") == kind]
    return "|".join(f"(?:{p})" for p in chosen)


@cache
def pattern(name: str, kind: str | None = None, column: str = "pattern") -> re.Pattern[str]:
    """One case-insensitive regular expression: the alternation of a lexicon's patterns (those
    of one ``kind`` when given)."""
    return re.compile("(?i)" + alternation(name, kind, column))


@cache
def word_pattern(name: str, kind: str | None = None) -> re.Pattern[str]:
    """:func:`pattern` for a lexicon whose every pattern starts at the beginning of a word
    (``\\b`` then a letter). The same matches, found about twice as fast: a position that is
    not the first letter of a word is passed over at once instead of being tried against each
    alternative (Python's engine does not do this itself when the alternatives start with
    ``\\b``)."""
    return re.compile(r"(?i)(?<!\w)(?=[^\W\d_])(?:" + alternation(name, kind) + ")")
