"""Properties that hold for any text: extraction never raises and offsets always slice."""

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caravan_claims import context
from caravan_claims.context import SentenceFinder
from caravan_claims.extract import QUALIFIERS, extract_text

NEWSY = st.lists(
    st.sampled_from(
        [
            "about", "more than", "between", "and", "to", "1,000", "8,000", "6,000", "10,000",
            "migrants", "people", "$", "8-billion", "%", "percent", "hundreds", "of", "two",
            "dozen", "a", "in", "November", "since", "December", "1", "said", "officials", ",",
            ".", "\n", "\u201c", "\u201d", "-", "\u2013", "(", ")", "km", "miles", "Title", "42",
            "COVID-19", "[9]", "4", "a.m.", "U.S.", "one", "in", "five", "per", "day", "||2be7__",
        ]
    ),
    max_size=40,
).map(" ".join)  # fmt: skip
# Pieces of numbers and what surrounds them, including the characters a reader does not see.
PIECES = st.sampled_from(
    [
        "0", "1", "5", "12", "300", "2019", "000", "500", "1,000", "1.000.000", "12.500",
        "10 000", "10\u2009000", "10\u202f000", "10\u00a0000", "1\u200b000", "9" * 320,
        ",", ".", " ", "-", "\u2013", "/", ":", "%", "$", "€", "£", "US$", "MX$",
        "million", "billion", "trillion", "bn", "m", "k", "thousand", "dozen", "hundreds",
        "about", "About", "more than", "nearly", "up to", "between", "and", "to", "or more",
        "migrants", "migrantes", "people", "km", "a day", "per", "May", "Title", "said",
        "\u201c", "\u201d", '"', "'", "(", ")", "[", "]", "\n", ". ", "! ", "? ",
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c",
        "\u202a", "\u202e", "\u2066", "\u2069", "\u00ad", "\x00", "\x07", "\u00a0",
    ]
)  # fmt: skip
MIXED = st.lists(st.tuples(PIECES, st.sampled_from(["", " ", ""])), max_size=60).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


def assert_offsets_slice(text, claims, rejected):
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert claim.low <= claim.high
        assert claim.qualifier in QUALIFIERS
        assert claim.claim_id == f"p:{claim.start}"
    ids = {claim.claim_id for claim in claims}
    assert all(claim.same_as in ids for claim in claims if claim.same_as)
    for number in rejected:
        assert text[number.start : number.end] == number.text
        assert text[number.sentence_start :].startswith(number.sentence)
        assert number.sentence_start <= number.start


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=ANY_TEXT, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1))))
def test_offsets_always_slice_to_the_quote(text, published):
    claims, rejected = extract_text(text, "p", published)
    assert_offsets_slice(text, claims, rejected)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=MIXED, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1))))
def test_numbers_separators_and_invisible_characters_never_break_offsets(text, published):
    claims, rejected = extract_text(text, "p", published)
    assert_offsets_slice(text, claims, rejected)


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT, offset=st.integers(min_value=0, max_value=400))
def test_sentence_holds_its_offset(text, offset):
    if offset >= len(text) or text[offset].isspace():
        return
    span = SentenceFinder(text).at(offset)
    assert span.start <= offset < span.end
    assert text[span.start : span.end] == text[span.start : span.end].strip()


@settings(max_examples=100, deadline=None)
@given(text=NEWSY)
def test_claim_ids_are_unique_and_stable(text):
    first, _ = extract_text(text, "p")
    second, _ = extract_text(text, "p")
    assert [c.claim_id for c in first] == [c.claim_id for c in second]
    assert len({c.claim_id for c in first}) == len(first)


@settings(max_examples=300, deadline=None)
@given(text=NEWSY)
def test_the_marks_that_may_end_a_sentence_are_the_plain_alternation_s(text):
    """``_MARK_RUN`` and ``_CLAUSE_START`` are written for speed; each finds what its plain
    form finds."""
    text = (
        text.replace(" , ", ", ").replace(" .", ".")
        + " It ended.[2] But, while that!?[a] So.² Yes.[citation needed] "
    )
    closing = r"[\"'”’»)\]]*"
    citation = r"(?:\[(?:\d{1,3}|[a-z]|citation needed)\]|[¹²³⁴-⁹⁰]+)"
    plain_marks = re.compile(rf"\n|[.!?]+{closing}(?:{citation}{closing})*(?=\s)")
    plain_starts = re.compile(r"(?:^|[,;:]|\bthat\b|\bwhile\b|\bbut\b)[ \t]*")
    for fast, plain in ((context._MARK_RUN, plain_marks), (context._CLAUSE_START, plain_starts)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
