"""The project's word lists, kept as data files in ``lexicons/`` so that a new cue is a line of
data, not a code change. Each loader reads its file once."""

from __future__ import annotations

import csv
import io
import re
import re._constants as _c  # the parsed form of an expression, read by starts_at_a_word
import re._parser as _parser
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


def longest_first(words: Iterable[str]) -> str:
    """The words, escaped, as one alternation with the longest first, so that a word is not cut
    short by another it starts with ("Jun" before "June")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len)[::-1])


@cache
def word_alternation(name: str) -> str:
    """The ``word`` column of a lexicon as one alternation, longest word first."""
    return longest_first(row["word"] for row in rows(name))


@cache
def pattern(name: str, kind: str | None = None, column: str = "pattern") -> re.Pattern[str]:
    """One case-insensitive regular expression: the alternation of a lexicon's patterns (those
    of one ``kind`` when given), behind the word-start shortcut when that is safe
    (:func:`any_case`)."""
    return any_case(alternation(name, kind, column))


# A position where a word starts with a letter: put before an expression whose every alternative
# starts so, it lets the engine pass over every other position at once (:func:`word_pattern`).
WORD_START = r"(?<!\w)(?=[^\W\d_])"


@cache
def any_case(pattern: str) -> re.Pattern[str]:
    """One lexicon row's pattern, case-insensitive, compiled once; behind :data:`WORD_START`
    when every match of it must begin with a word's first letter (:func:`starts_at_a_word`):
    the same matches, without trying each of its alternatives at every position."""
    if starts_at_a_word(pattern):
        return re.compile(rf"(?i){WORD_START}(?:{pattern})")
    return re.compile(rf"(?i){pattern}")


def starts_at_a_word(pattern: str) -> bool:
    """Whether every match of ``pattern`` must begin where a word begins with a letter: each of
    its alternatives opens with ``\\b`` (after look-behinds, if any) and then a letter, read
    from the parsed expression. False whenever that is not certain."""
    try:
        parsed = list(_parser.parse(pattern, re.IGNORECASE))
    except re.error:
        return False
    return _opens_at_a_boundary(parsed)


def _opens_at_a_boundary(items: list) -> bool:
    for n, (op, value) in enumerate(items):
        rest = items[n + 1 :]
        if op is _c.AT and value is _c.AT_BOUNDARY:
            return _opens_with_a_letter(rest)
        if op is _c.ASSERT_NOT and value[0] == -1:  # a look-behind: it consumes nothing
            continue
        if op is _c.SUBPATTERN:
            return _opens_at_a_boundary(list(value[-1]) + rest)
        if op is _c.BRANCH:
            return all(_opens_at_a_boundary(list(branch) + rest) for branch in value[1])
        return False
    return False


def _opens_with_a_letter(items: list) -> bool:
    for n, (op, value) in enumerate(items):
        rest = items[n + 1 :]
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):  # zero width: the next item decides
            continue
        if op is _c.LITERAL:
            return chr(value).isalpha()
        if op is _c.IN:
            return bool(value) and all(o is _c.LITERAL and chr(v).isalpha() for o, v in value)
        if op is _c.SUBPATTERN:
            return _opens_with_a_letter(list(value[-1]) + rest)
        if op is _c.BRANCH:
            return all(_opens_with_a_letter(list(branch) + rest) for branch in value[1])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            repeated = _opens_with_a_letter(list(value[2]))
            # an optional part ("(?:well )?over"): what follows it may open the match instead
            return repeated and (value[0] >= 1 or _opens_with_a_letter(rest))
        return False
    return False


@cache
def word_pattern(name: str, kind: str | None = None) -> re.Pattern[str]:
    """:func:`pattern` for a lexicon whose every pattern starts at the beginning of a word
    (``\\b`` then a letter). The same matches, found about twice as fast: a position that is
    not the first letter of a word is passed over at once instead of being tried against each
    alternative (Python's engine does not do this itself when the alternatives start with
    ``\\b``)."""
    return re.compile(rf"(?i){WORD_START}(?:" + alternation(name, kind) + ")")
