"""The lexicon files are data that code reads without a schema: a quote left unescaped in a
pattern silently changes the pattern. Every file must parse strictly, give each row exactly its
header's columns, and compile where a column holds a regular expression."""

import csv
import re

import pytest

from caravan_claims import lexicons

FILES = sorted(lexicons.LEXICON_DIR.glob("*.csv"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_lexicon_parses_strictly_with_its_header_s_columns(path):
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    rows = list(csv.reader(lines, strict=True))
    header, body = rows[0], rows[1:]
    assert body, f"{path.name}: no rows"
    for number, row in enumerate(body, start=2):
        assert len(row) == len(header), f"{path.name} row {number}: {row}"
    for column in {"pattern", "phrase", "word"} & set(header):
        for row in body:
            re.compile(row[header.index(column)])


def test_a_quote_left_unescaped_is_caught():
    with pytest.raises(csv.Error):
        list(csv.reader(["kind,pattern", 'a,"x[\\"y]"'], strict=True))


def test_word_pattern_finds_what_pattern_finds():
    text = (
        "Officials denied it; 3den is no word, _denied neither. The mayor dismissed the figure "
        "and called it “false”. Reports were exaggerated; DENIED in capitals; refuted."
    )
    plain = lexicons.pattern("statement_cues", "denial")
    fast = lexicons.word_pattern("statement_cues", "denial")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(fast.finditer(text))) >= 5


def test_denial_cues_start_at_a_word_as_word_pattern_requires():
    for row in lexicons.rows("statement_cues"):
        if row["kind"] == "denial":
            assert row["pattern"].startswith(r"\b(?:"), row["pattern"][:40]


def _top_level_alternatives(pattern: str) -> list[str]:
    """A pattern's alternatives at the outermost level (escapes and character classes skipped)."""
    parts, depth, start, n, in_class = [], 0, 0, 0, False
    while n < len(pattern):
        char = pattern[n]
        if char == "\\":
            n += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:n])
            start = n + 1
        n += 1
    return [*parts, pattern[start:]]


# read with lexicons.word_pattern: every alternative must start at the first letter of a word
WORD_STARTING = [("group_cues", "other_group"), ("group_cues", "other_group_noun"),
                 ("group_cues", "group_noun"), ("group_cues", "group_context")]  # fmt: skip


@pytest.mark.parametrize(("name", "kind"), WORD_STARTING)
def test_cues_read_by_word_pattern_start_at_a_word(name, kind):
    assert _top_level_alternatives(r"\ba|(?:b|c)|[|]x") == [r"\ba", "(?:b|c)", "[|]x"]
    assert _starts_with_a_letter("(?:ab|(?-i:C|d))e") and not _starts_with_a_letter(r"(?:a|\d+)")
    for row in lexicons.rows(name):
        if row["kind"] == kind:
            for alternative in _top_level_alternatives(row["pattern"]):
                assert _starts_with_a_letter(alternative.removeprefix("\\b")), alternative[:60]


def _starts_with_a_letter(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts with a letter (a group's alternatives each)."""
    opening = re.match(r"\((?:\?:|\?-i:)", pattern)
    if not opening:
        return bool(re.match(r"[A-Za-z]", pattern))
    depth, n = 1, opening.end()
    while depth:  # the group's own text, to its closing parenthesis
        depth += {"(": 1, ")": -1}.get(pattern[n], 0) if pattern[n - 1] != "\\" else 0
        n += 1
    inner = pattern[opening.end() : n - 1]
    return all(_starts_with_a_letter(a) for a in _top_level_alternatives(inner))


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [(r"\bfoo|\bbar", True), (r"(?<![“'])\b(?:rescued|saved)\b", True), (r"\bN\s+x", True),
     (r"\b(?:the )?x", True), (r"\b(?:a|\bN\s)", True), (r"\b\d+", False), (r"foo|\bbar", False),
     (r"\b(?:[\w-]+ )?x", False), (r"\b(?:the )?\d", False), (r"\b(?:a|b)?", False),
     (r"\bN?", False), (r"\b[a-z]x", False), (r"(", False)],
)  # fmt: skip
def test_a_pattern_starts_at_a_word_only_when_every_match_must(pattern, starts):
    assert lexicons.starts_at_a_word(pattern) is starts


def test_measure_cues_behind_the_word_start_shortcut_find_what_they_found_before():
    """Every measure cue on the words around each figure of the coverage corpus ("<before> N
    <after>", as roles reads them): the same match, at the same place, with and without the
    shortcut; and most cues take it."""
    from pathlib import Path

    texts = []
    for path in sorted((Path(__file__).parent / "fixtures" / "coverage").glob("dev*/*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [f"{text[max(0, m.start() - 60) : m.start()]}N{text[m.end() : m.end() + 70]}"
                  for m in re.finditer(r"\d[\d,]*", text)]  # fmt: skip
    assert len(texts) > 5000
    shortcut = 0
    for row in lexicons.rows("measure_cues"):
        plain, fast = re.compile(rf"(?i){row['pattern']}"), lexicons.any_case(row["pattern"])
        shortcut += fast.pattern != plain.pattern
        for text in texts:
            found, expected = fast.search(text), plain.search(text)
            assert (found and found.span()) == (expected and expected.span()), (row, text)
    assert shortcut >= 30


@pytest.mark.parametrize(("name", "kind"), WORD_STARTING)
def test_the_parsed_check_agrees_with_the_written_one(name, kind):
    for row in lexicons.rows(name):
        if row["kind"] == kind:
            assert lexicons.starts_at_a_word(row["pattern"]), row["pattern"][:60]


def test_direction_cues_are_written_in_lower_case_as_they_are_searched_lowered():
    assert _letters_outside_escapes(r"\Sa[B]") == "aB"
    for row in lexicons.rows("direction_cues"):
        letters = _letters_outside_escapes(row["pattern"])
        assert letters == letters.lower(), row["pattern"][:60]


def _letters_outside_escapes(pattern: str) -> str:
    return "".join(c for c in re.sub(r"\\.", "", pattern) if c.isalpha())
