"""The project's word lists, kept as data files in ``lexicons/`` so that a new cue is a line of
data, not a code change. Each loader reads its file once."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``lexicons/<name>.csv`` as dictionaries (comment lines start with '#')."""
    return read_rows(LEXICON_DIR / f"{name}.csv")


def read_rows(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of a lexicon file anywhere (comment lines start with '#')."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


def write_generated(path: Path, header: list[str], table: Iterable[list[str]]) -> None:
    """A lexicon file that code writes (the learned models' weights): a comment saying so, the
    header, the rows; written to a temporary sibling and renamed."""
    from caravan_claims import atomic  # only training writes these: pandas stays out of imports

    buffer = io.StringIO()
    buffer.write("# written by tests/bench/train_models.py (make models); do not edit\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(table)
    atomic.write_text(path, buffer.getvalue())


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


# A position where a word starts with a letter: put before an expression whose every alternative
# starts so, it lets the engine pass over every other position at once (:func:`word_pattern`).
WORD_START = r"(?<!\w)(?=[^\W\d_])"


@cache
def word_pattern(name: str, kind: str | None = None) -> re.Pattern[str]:
    """:func:`pattern` for a lexicon whose every pattern starts at the beginning of a word
    (``\\b`` then a letter). The same matches, found about twice as fast: a position that is
    not the first letter of a word is passed over at once instead of being tried against each
    alternative (Python's engine does not do this itself when the alternatives start with
    ``\\b``)."""
    return re.compile(rf"(?i){WORD_START}(?:" + alternation(name, kind) + ")")
