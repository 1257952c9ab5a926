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
