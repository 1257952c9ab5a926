"""General-news forms (issue #10): currencies, scale words, number words. Sentences written here,
not taken from the news gold set."""

import pytest

from caravan_claims.extract import extract_text


def figures(text: str) -> list[tuple[str, float, float, str]]:
    claims, _ = extract_text(text, "t")
    return [(c.quote, c.low, c.high, c.unit) for c in claims]


def one(text: str):
    claims, _ = extract_text(text, "t")
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("The port will cost A$420 million to expand.", "A$420 million", 420e6, "aud"),
        ("Fares rose to HK$12 on Monday.", "HK$12", 12, "hkd"),
        ("The grant is worth NZ$3.5m in all.", "NZ$3.5m", 3.5e6, "nzd"),
        ("It raised S$75 million from investors.", "S$75 million", 75e6, "sgd"),
        ("Ottawa pledged C$40 million in aid.", "C$40 million", 40e6, "cad"),
        ("Sales reached RM2.4 billion last year.", "RM2.4 billion", 2.4e9, "myr"),
        ("The board approved Rs 12 crore for roads.", "Rs 12 crore", 1.2e8, "inr"),
        ("The phone sells for ₹54,999 in stores.", "₹54,999", 54999, "inr"),
        ("Profit was ¥12.5 billion for the half.", "¥12.5 billion", 12.5e9, "jpy"),
        ("The watch costs CHF 8,400 in Geneva.", "CHF 8,400", 8400, "chf"),
        ("A loan of USD 40 million was signed.", "USD 40 million", 40e6, "usd"),
        ("Debts reached R14.2bn by March.", "R14.2bn", 14.2e9, "zar"),
        ("Each family got 3 lakh rupees in aid.", "3 lakh rupees", 3e5, "inr"),
        ("The festival drew 2.5 lakh visitors.", "2.5 lakh visitors", 2.5e5, "people"),
        ("The budget is ₹2.1 lakh crore this year.", "₹2.1 lakh crore", 2.1e12, "inr"),
        ("The ticket costs 45 euros at the door.", "45 euros", 45, "eur"),
        ("The firm paid 800 million yuan for it.", "800 million yuan", 8e8, "cny"),
    ],
)
def test_currencies_signs_codes_and_names(text, quote, value, unit):
    claim = one(text)
    assert (claim.quote, claim.low, claim.unit) == (quote, value, unit)


def test_pence_and_cents_are_hundredths_of_the_sentences_currency():
    assert figures("A stamp will cost 85p from May.") == [("85p", 0.85, 0.85, "gbp")]
    found = figures("Milk fell to NZ$7.10 a kilogram, down 40 cents on the year.")
    assert ("40 cents", 0.4, 0.4, "nzd") in found
    assert figures("Diesel rose 9 cents a litre.")[0][1:] == (0.09, 0.09, "usd")


def test_clock_times_with_p_stay_clock_times():
    claims, rejected = extract_text("The meeting starts at 5p.m. sharp.", "t")
    assert not claims and rejected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials counted twenty-one thousand four hundred ballots.", 21400),
        ("The plant emits one hundred and twelve million tonnes a year.", 112e6),
        ("They recalled three hundred forty-one thousand cars.", 341000),
        ("The field is a thousand trillion times stronger.", 1e15),
        ("The budget grew to 4 hundred million dollars.", 4e8),
    ],
)
def test_long_number_words_and_mixed_forms(text, value):
    assert one(text).low == value


def reasons(text: str) -> dict[str, str]:
    _, rejected = extract_text(text, "t")
    return {r.text: r.reason for r in rejected}


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("The Bruins won 5-2 on Saturday.", "5", "score"),
        ("The measure passed 61-39 in the chamber.", "39", "score"),
        ("They lost a 2-3 decision at home.", "2", "score"),
        ("The club sits at 14-3 after the weekend.", "14", "score"),
        ("The Nikkei 225 slipped on Monday.", "225", "name"),
        ("She drove a Ford F150 to Game 7 of the series.", "7", "name"),
        ("The Galaxy S24 costs less than Windows 11 does.", "11", "name"),
        ("Residents of ZIP code 60614 saw the largest rise.", "60614", "code"),
        ("The lake formed 12,000 years ago in the thaw.", "12,000", "date"),
        ("Output is still short of 2008 levels.", "2008", "date"),
    ],
)
def test_numbers_in_names_scores_codes_and_eras_are_not_figures(text, number, reason):
    assert reasons(text).get(number, "").startswith(reason), reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Between 9-12 people were hurt.",
        "Rescuers reached Camp 4 with 30 climbers.",
        "In Tijuana 500 migrants waited.",
        "The boat carried 110-120 passengers.",
    ],
)
def test_counts_next_to_names_and_dashes_stay_figures(text):
    claims, _ = extract_text(text, "t")
    assert claims, reasons(text)


def test_lines_opening_with_a_furniture_word_only_when_it_is_the_whole_word():
    assert figures("Shares of the bank closed at $41.20.") == [("$41.20", 41.2, 41.2, "usd")]
    assert not figures("Share 12 comments")


def test_a_change_is_two_figures_and_a_range_is_one():
    assert [f[1] for f in figures("Claims rose by 12,000 to 230,000 last week.")] == [12000, 230000]
    found = figures("Fees will rise from £500 to £700, and the cap from £9,000 to £9,500.")
    assert [f[1] for f in found] == [500, 700, 9000, 9500]
    assert figures("Tickets cost from $20 to $45.")[0][1:3] == (20, 45)


@pytest.mark.parametrize(
    ("text", "quote", "value", "qualifier"),
    [
        ("Sales fell by half in the spring.", "half", 50, "exact"),
        ("About a fifth of the land flooded.", "About a fifth", 20, "approx"),
        ("More than half the staff quit.", "More than half", 50, "lower"),
        ("The pores are one-thousandth the size of a hair.", "one-thousandth", 0.1, "exact"),
    ],
)
def test_fractions_as_shares(text, quote, value, qualifier):
    claim = one(text)
    assert claim.quote.startswith(quote) and claim.low == pytest.approx(value)
    assert claim.qualifier == qualifier


def test_a_quarter_after_an_ordinal_is_a_period():
    assert not figures("Profit rose in the third quarter of the year.")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The truck was doing 68 mph when it crashed.", 68, "mile_per_hour"),
        ("Trains will run at 320 km/h on the new line.", 320, "kilometer_per_hour"),
        ("The laptop ships with 2TB of storage.", 2, "terabyte"),
        ("The chip runs at 3.8GHz under load.", 3.8, "gigahertz"),
        ("The farm will produce 45 MW at its peak.", 45, "megawatt"),
        ("Homes use about 3,100 kWh a year.", 3100, "kilowatt_hour"),
        ("The tank holds 900 litres of water.", 900, "liter"),
        ("Output reached 1.2 million barrels a day.", 1.2e6, "barrel"),
        ("Night temperatures hit 38.4C in the city.", 38.4, "degree_Celsius"),
        ("The lens offers 10x zoom.", 10, "times"),
        ("Rain totals reached 85mm overnight.", 85, "millimeter"),
    ],
)
def test_units_of_measure_from_the_registry(text, value, unit):
    claim = one(text)
    assert (claim.low, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Its mass is 5.97×10^24 kg by one estimate.", 5.97e24),
        ("Light travels at 3e8 metres per second.", 3e8),
        ("The decay takes 2.2e-6 seconds on average.", 2.2e-6),
        ("The limit is near 10^−18 metres, the team said.", 1e-18),
        ("The index stands at -3.1% this year.", -3.1),
        ("Lows of minus 12 degrees Celsius are forecast.", -12),
        ("The river rose 1.8m overnight.", 1.8),
        ("The city has 2.4m residents.", 2.4e6),
    ],
)
def test_scientific_notation_signs_and_metres(text, value):
    assert one(text).low == pytest.approx(value)


def test_plus_or_minus_is_not_a_negative():
    assert [f[1] for f in figures("The poll has a margin of plus or minus 3%.")] == [3]


def test_brands_glued_to_a_capital_are_not_units():
    assert "5" in reasons("Carriers are rolling out 5G networks.")


@pytest.mark.parametrize(
    ("text", "unit", "dimension"),
    [
        ("The road is 40 miles long.", "mile", "length"),
        ("The plant cost A$90 million to build.", "AUD", "currency"),
        ("The car reached 200 km/h on the straight.", "kilometer_per_hour", "speed"),
        ("The plan reaches 3,000 migrants a week.", "people", "count"),
        ("Only 12% of homes were connected.", "percent", "percent"),
        ("The drive holds 8TB of footage.", "terabyte", "data"),
    ],
)
def test_every_figure_has_a_normal_unit_and_a_dimension(text, unit, dimension):
    claim = one(text)
    assert (claim.unit_normalised, claim.dimension) == (unit, dimension)


@pytest.mark.parametrize(
    ("text", "directions"),
    [
        ("Exports fell 9% to $4.1 billion in May.", ["down", ""]),
        ("The company will cut 700 jobs this year.", ["down"]),
        ("The index rose 2.3% on Friday.", ["up"]),
        ("It reported a loss of $12 million for the year.", ["down"]),
        ("The fund stands at -1.5% for the year.", ["down"]),
        ("The town has 4,000 residents.", [""]),
        ("EXPORTS FELL 9% IN MAY; Imports Rose 2% in June.", ["down", "up"]),
    ],
)
def test_direction_of_a_change(text, directions):
    claims, _ = extract_text(text, "t")
    assert [c.direction for c in claims] == directions


def test_a_restatement_in_another_unit_of_the_same_dimension():
    claims, _ = extract_text("The march covered 15 kilometres (9.3 miles) on Monday.", "t")
    assert claims[1].same_as == claims[0].claim_id


@pytest.mark.parametrize("cache_home", ["a-file", "a-folder"])
def test_units_are_read_with_or_without_pint_s_cache(tmp_path, cache_home):
    """pint keeps its parsed definitions in the user's cache folder; where that cannot be
    written (a file in its way), the registry is built without it and reads the same units."""
    import os
    import subprocess
    import sys

    home = tmp_path / "cache"
    if cache_home == "a-file":
        home.write_text("not a folder")
    code = (
        "from caravan_claims.extract import measures\n"
        "print(measures.lookup('kilometres', False), measures.convert(3, 'mile', 'kilometer'))"
    )
    for _ in range(2):  # the second run reads the cache the first one wrote, where it could
        env = {**os.environ, "XDG_CACHE_HOME": str(home)}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert done.stdout.strip() == "('kilometer', 'length') 4.828032"
    assert (home / "pint").is_dir() == (cache_home == "a-folder")
