"""Number parsing: the regular expressions that find numbers in prose and the values they stand for.

Handles digits with or without thousands separators ("8,000", "8000", "1.2", "10 000" with any
kind of space, "1.000.000" with dots when two or more groups of three make a decimal point
impossible), scale words and
abbreviations ("1.2 million", "$8-billion", "8bn"), number words ("eleven", "twenty-five",
"two dozen", "a dozen", "half a million") and vague amounts ("hundreds", "tens of thousands",
"several thousand"), which become an interval over their order of magnitude. A value above
``MAX_FIGURE`` (or one too large for a float) is returned as is, for the caller to reject: no
input makes the parser raise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from caravan_claims import lexicons

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Scale words and abbreviations are data (lexicons/scale_words.csv): "crore" and "lakh" are a line.
SCALES = {r["token"]: int(r["value"]) for r in lexicons.rows("scale_words") if r["kind"] == "word"}
SCALE_ABBREVIATIONS = {
    r["token"]: int(r["value"]) for r in lexicons.rows("scale_words") if r["kind"] == "abbreviation"
}

# Vague amounts: an interval over the order of magnitude the words name.
VAGUE_PLURALS = {
    "dozens": (24, 100),
    "scores": (40, 100),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "millions": (1_000_000, 10_000_000),
    "billions": (1_000_000_000, 10_000_000_000),
}
VAGUE_MULTIPLES = {"tens": 10, "hundreds": 100}  # "tens of thousands", "hundreds of thousands"
VAGUE_FEW = {"a few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3), "several": (3, 9)}
VAGUE_SMALL = {"a handful": (2, 5), "a couple": (2, 3)}  # "a handful of players"

_WORD_NUMBER = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_ABBREVIATION = "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))
# One scale word or several ("4 hundred million", "1.8 lakh crore").
_SCALES = rf"(?:{_SCALE})(?:[\s\-](?:{_SCALE}))*"
#: Spaces that may group thousands: plain, no-break, figure, thin and narrow no-break.
GROUP_SPACES = " \u00a0\u2007\u2009\u202f"
# Groups of exactly three digits; a number followed by more digits after a separator ("202 555
# 0143", "1.000.0001") is not grouped at all, so a list of numbers is never joined into one.
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?!\d|[.,]\d)"
    rf"|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?!\d|[.,{GROUP_SPACES}]\d)"
    r"|\d+(?:\.\d+)?|\.\d+"
)
_DIGITS_WITHOUT_SPACES = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
#: Larger than any count, sum of money or distance a news article reports (a quadrillion).
MAX_FIGURE = 1e15

_SCALE_AFTER = rf"(?:(?:[\s\-]|\u00a0)(?P<scale>{_SCALES})s?\b|(?P<abbr>{_ABBREVIATION})\b)?"

#: A number written in digits, optionally followed by a scale word or abbreviation.
# Scientific notation: "1.99×10^30", "6.02 x 10^23", "10^−30" (a Unicode minus), "3e8", "1.5e-12".
_EXPONENT = (
    r"(?P<exponent>[ \u00a0]?[×x][ \u00a0]?10[ \u00a0]?\^[ \u00a0]?[-−+]?\d{1,3}(?!\d)"
    r"|(?<=10)\^[-−+]?\d{1,3}(?!\d)|e[-−+]?\d{1,3}(?![\w.]))?"
)
DIGIT_NUMBER = re.compile(rf"(?P<digits>{_DIGITS}){_EXPONENT}{_SCALE_AFTER}", re.I)
#: The same without spaces between groups, for places where a space separates two numbers
#: ("May 5 300 migrants").
DIGIT_NUMBER_UNSPACED = re.compile(
    rf"(?P<digits>{_DIGITS_WITHOUT_SPACES}){_EXPONENT}{_SCALE_AFTER}", re.I
)
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SEPARATORS = str.maketrans("", "", "," + GROUP_SPACES)

#: A number in words: "eleven", "twenty-five", "one hundred", "two dozen", "a dozen",
#: "half a million", "a million", "three thousand".
_TERM = rf"(?:{_WORD_NUMBER})(?:[\s\-](?:{_WORD_NUMBER}))?"
# "three hundred", "a thousand trillion", "one hundred and twelve million"
_SCALED_TERM = rf"(?:{_TERM}|a)\s+(?:{_SCALES}|dozen)"
WORD_NUMBER = re.compile(
    rf"\b(?P<words>"
    rf"half\s+a\s+(?:{_SCALE})"
    rf"|(?:a|one)\s+dozen"
    rf"|{_SCALED_TERM}(?:,?\s+(?:and\s+)?(?:{_WORD_NUMBER})(?:[\s\-](?:{_WORD_NUMBER}))?"
    rf"(?:\s+(?:{_SCALES}))?)*"
    rf"|(?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?(?:\s+dozen)?"
    rf")\b",
    re.I,
)

_ONE_PART = r"(?:(?:a|one)[\s\-])?(?:half|third|quarter|fifth|tenth|hundredth|thousandth|millionth)"
# "the third quarter of 2021" is a period, not a share.
_NOT_AFTER_ORDINAL = "".join(
    f"(?<!{word} )" for word in ("first", "second", "third", "fourth", "final", "last", "each")
)
# "by half", "about a fifth", "more than half": a share with nothing after it.
_SHARE_CUE = "|".join(
    f"(?<={word} )"
    for word in ("by", "about", "than", "roughly", "nearly", "almost", "around", "only", "just")
)
#: A fraction that states a share: "two-thirds", "a quarter of", "half of", "half the", "by half",
#: "about one-thousandth the width".
FRACTION_NUMBER = re.compile(
    r"\b(?P<fraction>(?:two|three|four|five|seven|nine)[\s\-](?:thirds|quarters|fifths|tenths)"
    rf"|{_NOT_AFTER_ORDINAL}{_ONE_PART}(?=\s+(?:of|the|its|their)\b)"
    rf"|(?:{_SHARE_CUE}){_ONE_PART}(?![\w\-]|\s+(?:an?|the)\b))\b",
    re.I,
)
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10, "hundredth": 100,
                "thousandth": 1000, "millionth": 1_000_000}  # fmt: skip

#: A vague amount: "hundreds", "tens of thousands", "several thousand", "a few hundred".
# A multiplier or a count of occasions written as one word: "twice", "thrice", "tenfold".
MULTIPLIER_NUMBER = re.compile(
    rf"\b(?P<multiplier>twice|thrice|(?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?-?fold)\b", re.I
)


def parse_multiplier(word: str) -> float:
    """ "twice" → 2, "thrice" → 3, "tenfold" → 10, "twenty-five-fold" → 25."""
    lowered = word.lower()
    if lowered in {"twice", "thrice"}:
        return 2.0 if lowered == "twice" else 3.0
    return parse_words(re.sub(r"-?fold$", "", lowered))


VAGUE_NUMBER = re.compile(
    r"\b(?P<vague>"
    r"(?:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|(?:several|a\s+few|a\s+couple(?:\s+of)?)\s+(?:hundred|thousand|million|billion|dozen)"
    r"|a\s+(?:handful|couple)(?=\s+of\s+[a-z])"
    r"|dozens|scores|hundreds|thousands|millions|billions"
    r")\b",
    re.I,
)


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed amount: ``low == high`` unless the words are vague."""

    low: float
    high: float
    vague: bool = False


def parse_exponent(digits: str, exponent: str) -> float:
    """ "1.99", "×10^30" → 1.99e30; "10", "^−30" → 1e-30; "3", "e8" → 3e8. Never rounded."""
    power = int(re.sub(r"^.*?(?:\^|e)\s*", "", exponent.lower()).replace("−", "-"))
    if exponent.startswith("^"):
        return float(digits) ** power if power < 300 else math.inf
    return float(f"{digits.replace(',', '')}e{power}")


_WORD_BREAKS = re.compile(r"[\s\-]+")


def parse_digits(
    digits: str,
    scale: str | None = None,
    abbreviation: str | None = None,
    dots_group: bool = False,
) -> float:
    """``"1,000"`` → 1000; ``"1.2", "million"`` → 1 200 000; ``"8", abbreviation="bn"`` → 8e9;
    ``"10 000"`` → 10000; ``"1.000.000"`` → 1e6. A single group after a dot ("12.500") is a
    decimal unless ``dots_group``. Too many digits give infinity, never an error."""
    digits = digits.translate(_SEPARATORS)
    if (dots_group or digits.count(".") > 1) and _DOT_GROUPS.fullmatch(digits):
        digits = digits.replace(".", "")
    value = float(digits)
    if scale:
        for word in _WORD_BREAKS.split(scale.lower().rstrip("s")):
            value *= SCALES[word]
    elif abbreviation:
        value *= SCALE_ABBREVIATIONS[abbreviation.lower()]
    return tidy(value)


def tidy(value: float) -> float:
    """Undo float noise from scaling: 1.2 * 1e6 is 1199999.9999999998."""
    if not math.isfinite(value):
        return value
    rounded = round(value, 6)
    return float(round(rounded)) if abs(rounded - round(rounded)) < 1e-6 else rounded


def parse_words(words: str) -> float:
    """Number words to a value: "twenty-five" → 25, "two dozen" → 24, "half a million" → 5e5."""
    tokens = _WORD_BREAKS.split(words.lower().strip())
    tokens = [t for t in tokens if t != "and"]
    if tokens[:2] == ["half", "a"]:
        return SCALES[tokens[2]] / 2
    total, current = 0.0, 0.0
    for token in tokens:
        if token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "a":
            current += 1
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token in SCALES:
            total, current = _apply_scale(total, current, SCALES[token])
        else:
            raise ValueError(f"not a number word: {token!r} in {words!r}")
    return total + current


def _apply_scale(total: float, current: float, scale: int) -> tuple[float, float]:
    """One scale word: "hundred" multiplies the group being read, a larger one closes it ("forty-one
    thousand"), or multiplies everything read when nothing is pending ("a thousand trillion")."""
    if scale == 100:
        return total, max(current, 1) * 100
    if current == 0 and 0 < total < scale:
        return total * scale, 0.0
    return total + max(current, 1) * scale, 0.0


def parse_vague(words: str) -> ParsedNumber:
    """Vague words to an interval over their order of magnitude: "hundreds" → [100, 1000]."""
    text = " ".join(words.lower().split())
    match = re.fullmatch(r"(tens|hundreds) of (thousands|millions)", text)
    if match:
        base = VAGUE_MULTIPLES[match.group(1)] * SCALES[match.group(2).rstrip("s")]
        return ParsedNumber(base, base * 10, vague=True)
    for few, (low, high) in VAGUE_FEW.items():
        if text.startswith(few + " "):
            unit = text[len(few) + 1 :]
            size = 12 if unit == "dozen" else SCALES[unit]
            return ParsedNumber(low * size, high * size if few != "several" else 10 * size,
                                vague=True)  # fmt: skip
    low, high = VAGUE_SMALL.get(text) or VAGUE_PLURALS[text]
    return ParsedNumber(low, high, vague=True)


def parse_fraction(words: str) -> float:
    """A fraction as a percentage: "two-thirds" → 66.67, "a quarter" → 25, "half" → 50."""
    tokens = re.split(r"[\s\-]+", words.lower().strip())
    denominator = DENOMINATORS[tokens[-1].removesuffix("s")]
    numerator = UNITS_WORDS.get(tokens[0], 1) if len(tokens) > 1 else 1
    return 100 * numerator / denominator


def is_figure_size(value: float) -> bool:
    """Whether ``value`` is finite and no larger than ``MAX_FIGURE``."""
    return math.isfinite(value) and abs(value) <= MAX_FIGURE


def format_number(value: float) -> str:
    """Render a value as people write it: 8000 → "8,000", 1.5 → "1.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


QUALIFIER_SIGNS = {"exact": "", "approx": "≈ ", "lower": "> ", "upper": "≤ "}


def value_label(low: float, high: float, qualifier: str) -> str:
    """A figure as a reader would say it: "≈ 8,000", "> 190,000", "6,000–10,000"."""
    if qualifier in {"range", "vague"} or low != high:
        return f"{format_number(low)}–{format_number(high)}"
    return QUALIFIER_SIGNS.get(qualifier, "") + format_number(low)
