"""Number parsing: digits, scales, words, vague amounts and fractions."""

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan_claims.extract import extract_text
from caravan_claims.numbers import (
    DIGIT_NUMBER,
    MAX_FIGURE,
    format_number,
    is_figure_size,
    parse_digits,
    parse_fraction,
    parse_vague,
    parse_words,
)


@pytest.mark.parametrize(
    ("digits", "scale", "abbreviation", "expected"),
    [
        ("1,000", None, None, 1000),
        ("8000", None, None, 8000),
        ("242,418", None, None, 242418),
        ("1.2", "million", None, 1_200_000),
        ("8", "billion", None, 8_000_000_000),
        ("3.5", None, None, 3.5),
        ("175.8", None, "m", 175_800_000),
        ("8", None, "bn", 8_000_000_000),
        ("2.38", "millions", None, 2_380_000),
    ],
)
def test_digits(digits, scale, abbreviation, expected):
    assert parse_digits(digits, scale, abbreviation) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("eleven", 11),
        ("twenty-five", 25),
        ("two dozen", 24),
        ("a dozen", 12),
        ("one hundred", 100),
        ("a million", 1_000_000),
        ("half a million", 500_000),
        ("three thousand", 3000),
        ("two hundred and fifty", 250),
        ("seven", 7),
    ],
)
def test_words(words, expected):
    assert parse_words(words) == expected


def test_unknown_word_is_an_error():
    with pytest.raises(ValueError, match="not a number word"):
        parse_words("lots")


@pytest.mark.parametrize(
    ("words", "low", "high"),
    [
        ("hundreds", 100, 1000),
        ("thousands", 1000, 10_000),
        ("tens of thousands", 10_000, 100_000),
        ("hundreds of thousands", 100_000, 1_000_000),
        ("millions", 1_000_000, 10_000_000),
        ("several thousand", 3000, 10_000),
        ("a few hundred", 200, 500),
        ("dozens", 24, 100),
    ],
)
def test_vague_amounts_are_intervals(words, low, high):
    parsed = parse_vague(words)
    assert (parsed.low, parsed.high, parsed.vague) == (low, high, True)


@pytest.mark.parametrize(
    ("words", "percent"),
    [("two-thirds", 200 / 3), ("a quarter", 25), ("half", 50), ("three quarters", 75)],
)
def test_fractions_are_percentages(words, percent):
    assert parse_fraction(words) == pytest.approx(percent)


def test_format_number():
    assert format_number(8000) == "8,000"
    assert format_number(1.5) == "1.5"
    assert format_number(242418.0) == "242,418"


# --- any string of digits, separators and scale words ------------------------------------------

NUMBER_PARTS = st.lists(
    st.one_of(
        st.text(alphabet="0123456789", min_size=1, max_size=12),
        st.integers(min_value=300, max_value=3000).map(lambda n: "9" * n),
        st.sampled_from([",", ".", " ", "\u2009", "\u202f", "\u00a0", "\u200b", "-", "$", "e"]),
        st.sampled_from([" million", " billion", " trillion", "bn", "m", "k", " thousand"]),
    ),
    min_size=1,
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=NUMBER_PARTS)
def test_parsing_any_number_string_never_raises(text):
    for match in DIGIT_NUMBER.finditer(text):
        for dots_group in (False, True):
            value = parse_digits(
                match.group("digits"), match.group("scale"), match.group("abbr"), dots_group
            )
            assert value >= 0
            assert is_figure_size(value) or value > MAX_FIGURE


@settings(max_examples=200, deadline=None)
@given(text=NUMBER_PARTS, noun=st.sampled_from(["", " migrants", " km", "%", " people a day"]))
def test_extracting_any_number_string_never_raises(text, noun):
    sentence = f"About {text}{noun} arrived."
    claims, rejected = extract_text(sentence, "n")
    for claim in claims:
        scientific = re.search(r"\d[eE][+-]?\d|×|\^", claim.quote)  # "1.99×10^30" may be large
        assert math.isfinite(claim.low) and math.isfinite(claim.high)
        assert scientific or (is_figure_size(claim.low) and is_figure_size(claim.high))
        assert sentence[claim.start : claim.end] == claim.quote
    for number in rejected:
        assert sentence[number.start : number.end] == number.text
