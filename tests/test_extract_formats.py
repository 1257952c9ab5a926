"""Numbers written in every usual way, and text carrying invisible characters: read as a reader
sees them, while offsets still index the text exactly as given."""

import pytest

from caravan_claims.extract import extract_text

INVISIBLE_INSIDE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
INVISIBLE_BEFORE = [
    "\ufeff", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
]  # fmt: skip
GROUP_SPACES = [" ", "\u2009", "\u202f", "\u00a0", "\u2007"]


def claims(text: str):
    found, left_out = extract_text(text, "f")
    for claim in found:
        assert text[claim.start : claim.end] == claim.quote
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
    for number in left_out:
        assert text[number.start : number.end] == number.text
        assert text[number.sentence_start :].startswith(number.sentence)
    return found


def one(text: str):
    found = claims(text)
    assert len(found) == 1, [(c.quote, c.low) for c in found]
    return found[0]


def rejections(text: str) -> dict[str, str]:
    return {r.text: r.reason for r in extract_text(text, "f")[1]}


# --- too large to be a figure ------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["1" * 309, "9" * 400, "5" * 20, "2,000,000,000,000,000", "2,000 trillion", "1" * 5000],
)
def test_numbers_too_large_to_be_figures_are_rejected_with_a_reason(number):
    text = f"The caravan had {number} migrants."
    assert claims(text) == []
    reasons = rejections(text)
    assert any("too large" in reason for reason in reasons.values()), reasons


def test_a_trillion_is_still_a_figure():
    assert one("The plan costs $1.2 trillion.").low == 1.2e12


# --- thousands separators ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("About 1.000.000 migrants crossed.", 1_000_000),
        ("Some 12.500.000 people live there.", 12_500_000),
        ("Llegaron 12.500 migrantes.", 12_500),
        ("Police counted 7.000 migrants.", 7_000),
        ("Between 10.500 and 12.500 people walked.", (10_500, 12_500)),
        ("The budget is 1.5 million pesos.", 1_500_000),
        ("Rates rose 3.125 percent.", 3.125),
        ("They walked 12.500 km.", 12.5),
    ],
)
def test_dots_group_thousands_only_when_they_cannot_be_a_decimal_point(text, value):
    claim = one(text)
    low, high = value if isinstance(value, tuple) else (value, value)
    assert (claim.low, claim.high) == (low, high)


@pytest.mark.parametrize("space", GROUP_SPACES)
def test_spaces_group_thousands(space):
    assert one(f"About 10{space}000 migrants waited.").low == 10_000
    assert one(f"Some 1{space}250{space}000 people live there.").low == 1_250_000


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("In 2019 300 people crossed.", ["300 people"]),
        ("On May 5 300 migrants left.", ["300 migrants"]),
        ("Call 202 555 0143 for help.", []),
        ("The 5 10-year-old children sang.", ["5", "10-year-old"]),
        ("The tallies were 5 1000 and 20.", ["5", "1000", "20"]),
    ],
)
def test_spaces_do_not_join_numbers_that_are_not_groups_of_three(text, quotes):
    assert [c.quote for c in claims(text)] == quotes


# --- invisible characters ----------------------------------------------------------------------


@pytest.mark.parametrize("mark", INVISIBLE_INSIDE)
def test_invisible_characters_inside_a_number_or_word_are_ignored(mark):
    claim = one(f"About 10{mark}000 mi{mark}grants waited.")
    assert (claim.low, claim.unit, claim.qualifier) == (10_000, "people", "approx")
    assert claim.quote == f"About 10{mark}000 mi{mark}grants"


@pytest.mark.parametrize("mark", INVISIBLE_BEFORE)
def test_marks_before_a_qualifier_do_not_hide_it(mark):
    claim = one(f"{mark}About 300 migrants waited.")
    assert (claim.qualifier, claim.quote) == ("approx", "About 300 migrants")
    claim = one(f"They said {mark}about 300 migrants waited.")
    assert claim.qualifier == "approx"


@pytest.mark.parametrize("text", ["300\x00 migrants waited.", "300 \x00migrants waited."])
def test_a_nul_after_a_number_does_not_hide_its_noun(text):
    assert one(text).unit == "people"


def test_same_as_links_survive_invisible_characters():
    found = claims("\u200bThe route is 2,500 miles (4,000 km) long.")
    assert found[1].same_as == found[0].claim_id
    assert found[0].claim_id == f"f:{found[0].start}"


# --- a year, then a plural scale word; "more" before the noun; a bare temperature scale -------


@pytest.mark.parametrize(
    ("text", "quote", "low"),
    [
        ("In October 2018 thousands crossed the bridge.", "thousands", 1_000),
        ("By 2019 millions had left the region.", "millions", 1_000_000),
        ("In 2018 hundreds of migrants left.", "hundreds of migrants", 100),
    ],
)
def test_a_year_before_a_plural_scale_word_is_a_date_and_the_word_a_vague_amount(text, quote, low):
    found = one(text)
    assert (found.quote, found.low) == (quote, low)


def test_a_plural_scale_word_after_a_number_that_is_no_year_still_scales_it():
    assert one("He said 5 thousands.").low == 5_000


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("The state says it has 20 more buses ready.", "20 more buses", "buses"),
        ("About 40 more people arrived on Monday.", "About 40 more people", "people"),
        ("Temperatures topped 45 degrees (113 Fahrenheit).", "113 Fahrenheit", "degree_Fahrenheit"),
    ],
)
def test_more_before_a_noun_and_a_bare_temperature_scale_name_the_unit(text, quote, unit):
    found = [c for c in claims(text) if c.quote == quote]
    assert [c.unit for c in found] == [unit]


def test_more_than_is_still_a_bound_with_no_noun():
    assert one("It was 20 more than last year.").unit == "count"


def test_a_line_that_opens_with_a_figure_a_dash_and_a_label_counts_the_label():
    text = (
        "BY THE NUMBERS\n900 — beds in the town's shelters combined.\n"
        "430 — kilometres by road to the capital.\n46 — degrees Celsius on Wednesday.\n"
        "Tapachula, 10 July — 2,400 (civil protection)\n"
    )
    units = {c.quote: c.unit for c in claims(text)}
    assert units == {"900": "beds", "430": "km", "46": "degree_Celsius", "2,400": "count"}


@pytest.mark.parametrize(
    "text",
    [
        "The state moved 1,240 people between 14 and 20 October.",
        "From 3 to 9 May the shelter housed 1,240 people.",
    ],
)
def test_the_first_day_of_a_range_of_days_is_a_date(text):
    assert one(text).quote == "1,240 people"


SUBTITLES = (
    "Fog on the highway (English subtitles)\n\n"
    "9\n00:00:34,900 --> 00:00:39,000\nThe organisers say more than 350 were detained\n\n"
    "10\n00:00:39,200 --> 00:00:43,600\nand that some 12 people left.\n\n"
    "WEBVTT\n\n11\n00:39.200 --> 00:43.600\nAbout 40 stayed behind.\n"
)


def test_a_subtitle_files_cue_numbers_and_timings_are_not_figures():
    assert [c.quote for c in claims(SUBTITLES)] == ["more than 350", "some 12 people", "About 40"]
    left_out = rejections(SUBTITLES)
    assert "subtitle cue" in left_out["10"] and "subtitle cue" in left_out["11"]


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("A caravan heads north as hundreds board trains.", "hundreds", "people"),
        ("Some 40 ride buses north.", "Some 40", "count"),
        ("The 300 board members met.", "300 board members", "people"),
        ("The city sent 14 buses.", "14 buses", "buses"),
    ],
)
def test_a_verb_before_a_vehicle_makes_the_number_its_riders(text, quote, unit):
    found = one(text)
    assert (found.quote, found.unit) == (quote, unit)
