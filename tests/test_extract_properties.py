"""Properties that hold for any text: extraction never raises and offsets always slice."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=ANY_TEXT, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1))))
def test_offsets_always_slice_to_the_quote(text, published):
    claims, rejected = extract_text(text, "p", published)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert claim.low <= claim.high
        assert claim.qualifier in QUALIFIERS
    for number in rejected:
        assert text[number.start : number.end] == number.text


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
