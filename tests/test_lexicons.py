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
