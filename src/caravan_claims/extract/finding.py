"""Step: finding numbers — digits with any thousands separator, scale words, currency signs,
number words, vague amounts and fractions — and reading their values (see ``numbers``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from caravan_claims import context
from caravan_claims.extract import currencies
from caravan_claims.extract.lexicon import IDENTIFIER_WORDS, MEASURE_UNITS, MONTH_WORDS
from caravan_claims.extract.records import Figure
from caravan_claims.extract.rejections import PERSON_HARMED_AFTER, word_before
from caravan_claims.extract.units import counted_noun
from caravan_claims.numbers import (
    DIGIT_NUMBER,
    DIGIT_NUMBER_UNSPACED,
    FRACTION_NUMBER,
    GROUP_SPACES,
    MULTIPLIER_NUMBER,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_NUMBER,
    WORD_NUMBER,
    parse_digits,
    parse_exponent,
    parse_fraction,
    parse_multiplier,
    parse_vague,
    parse_words,
)

# The number alternatives in priority order: vague words, number words, then digits.
# One pattern per way a number can start, so each place is tried against one alternative only.
_WORDED_NUMBER = re.compile(
    rf"{VAGUE_NUMBER.pattern}|{FRACTION_NUMBER.pattern}|{MULTIPLIER_NUMBER.pattern}|"
    rf"{WORD_NUMBER.pattern}",
    re.I,
)
_DIGITS_ONLY = re.compile(DIGIT_NUMBER.pattern, re.I)
# A race time: minutes (or hours:minutes) and seconds with a fraction ("1:50.34", "2:08:12.5").
# No clock shows hundredths, so the fraction tells it from a time of day.
_RACE_TIME = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>[0-5]\d\.\d{1,3})(?![\w:]|\.\d)")
_DIGITS_UNSPACED = re.compile(DIGIT_NUMBER_UNSPACED.pattern, re.I)
_SPACE_GROUPED = re.compile(f"[{GROUP_SPACES}]")


# Where a number can start: a digit, a currency sign, or a word beginning with one of these stems
# (or "a" before one: "a dozen", "a third"). The full pattern is tried only at those places,
# found with str.find, which is many times faster than scanning every position with a regex.
_TRIGGER_WORDS = {
    *UNITS_WORDS, *TENS_WORDS, "half", "hundred", "thousand", "million", "billion", "dozen",
    "scores", "several", "few", "couple", "handful", "third", "quarter", "fifth", "tenth",
    "trillion", "twice", "thrice",
}  # fmt: skip
_TRIGGER_STEMS = tuple(
    sorted(w for w in _TRIGGER_WORDS if not any(w != o and w.startswith(o) for o in _TRIGGER_WORDS))
)
_DIGITS = "0123456789"


# "A Honduran man was killed": one person harmed, counted by the article. Found from the verb
# back, since such verbs are rare and articles are everywhere.
_HARM_WORD = re.compile(r"(?i)\b(?:died|drowned|killed|dead|injured|hurt|wounded)\b")
_ARTICLE = re.compile(r"(?i)\b(?P<one>an?)(?=\s)")
_HARMED_REACH = 120  # characters back from the verb to the article


def _harmed_person_articles(text: str) -> set[int]:
    """Offsets of the article that counts one harmed person ("A Honduran man, 52, died")."""
    found: set[int] = set()
    for harm in _HARM_WORD.finditer(text):
        for article in _ARTICLE.finditer(text, max(0, harm.start() - _HARMED_REACH), harm.start()):
            after = PERSON_HARMED_AFTER.match(text, article.end())
            if after and after.end() == harm.end():
                found.add(article.start())
                break
    return found


def _trigger_positions(text: str, articles: set[int]) -> list[int]:
    """Sorted offsets where a number may start."""
    positions: list[int] = list(articles)
    for char in _DIGITS:
        at = text.find(char)
        while at != -1:
            positions.append(at)
            at = text.find(char, at + 1)
    for at in context.word_starts(text, _TRIGGER_STEMS):
        positions.append(at)
        if text[max(0, at - 2) : at].lower() == "a " and (at < 3 or not text[at - 3].isalnum()):
            positions.append(at - 2)  # "a dozen", "a third"
    return sorted(set(positions))


@dataclass(frozen=True)
class _Found:
    match: re.Match[str]
    start: int  # where the currency sign begins, else where the number does
    currency: str  # ISO code, or ''


def _sign_before(text: str, position: int, resume: int) -> tuple[int, str]:
    """A currency sign or code just before a number: (where it starts, its code)."""
    sign = currencies.sign_ending_at(text, position, resume)
    return sign if sign else (position, "")


def _number_matches(text: str, sentences: context.SentenceFinder) -> Iterable[_Found]:
    resume = 0
    articles = _harmed_person_articles(text)
    for position in _trigger_positions(text, articles):
        if position < resume:
            continue
        start, currency = position, ""
        if position in articles:
            article = _ARTICLE.match(text, position)
            if article:
                resume = article.end()
                yield _Found(article, position, "")
            continue
        if text[position].isdigit():
            race = _RACE_TIME.match(text, position)
            if race and not (
                position and (text[position - 1].isalnum() or text[position - 1] in ":.,")
            ):
                resume = race.end()
                yield _Found(race, position, "")
                continue
            start, currency = _sign_before(text, position, resume)
            glued = position and (text[position - 1].isalnum() or text[position - 1] in "_.,")
            if glued and not currency:
                continue  # inside a token ("2be7039cd") or a number already read
            pattern = _DIGITS_ONLY
        else:
            pattern = _WORDED_NUMBER
        match = pattern.match(text, position)
        if match and pattern is _DIGITS_ONLY and _space_joins_two_numbers(text, match):
            pattern = _DIGITS_UNSPACED
            match = pattern.match(text, position)
        if match and match.end() > (end := sentences.at(position).end):
            match = pattern.match(text, position, end)  # "5\nMillion" on the next line
        if match and pattern is not _WORDED_NUMBER and _year_before_plural_scale(match):
            match = pattern.match(text, position, match.end("digits"))
        if match:
            resume = match.end()
            yield _Found(match, start, currency)


def _year_before_plural_scale(match: re.Match[str]) -> bool:
    """ "In October 2018 thousands crossed": a year, then a plural scale word that is a vague
    amount of its own, not 2,018,000."""
    scale = match.group("scale")
    digits = match.group("digits")
    return bool(scale) and match.group().endswith("s") and _YEAR.fullmatch(digits) is not None


_YEAR = re.compile(r"(?:19|20)\d\d")


def _space_joins_two_numbers(text: str, match: re.Match[str]) -> bool:
    """ "May 5 300 migrants", "Title 42 000": after a month or a naming word, the number before
    a space is a day or a name, not a first group of thousands."""
    if not _SPACE_GROUPED.search(match.group("digits")):
        return False
    before = word_before(text, match.start())
    return before in MONTH_WORDS or before in IDENTIFIER_WORDS


_ONE_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")
# "10.500 to 12.500 migrants": the noun after the second number counts the first one too.
_DOT_GROUP_RANGE_END = re.compile(r"\s*(?:[-–—]|to|and|y|a)\s*\d{1,3}\.\d{3}(?![\d.])", re.I)


def _dot_groups_thousands(text: str, match: re.Match[str], currency: str) -> bool:
    """ "12.500 migrantes", "7.000 people": one dot then three digits is a thousands separator
    when the number counts people or things, which come in whole numbers ("12.500 km" is a
    decimal, and so is any number with a scale word or a currency)."""
    if match.group("scale") or match.group("abbr") or currency:
        return False
    if not _ONE_DOT_GROUP.fullmatch(match.group("digits")):
        return False
    end = match.end()
    range_end = _DOT_GROUP_RANGE_END.match(text, end)
    found = counted_noun(text, range_end.end() if range_end else end, min(len(text), end + 80))
    if found is None:  # «Somos 3.600 y vamos juntos»: people counting themselves, in Spanish
        return _SPANISH_WE_ARE.search(text, max(0, match.start() - 40), match.start()) is not None
    return found[0] not in MEASURE_UNITS and found[0] != "%"


# Spanish verbs of people counting themselves or others ("somos", "ya somos", "son casi", "hay
# unos"), then the number: a count, so a dot in it groups thousands
_SPANISH_WE_ARE = re.compile(
    r"(?i)\b(?:somos|éramos|seremos|son|eran|serán|hay|había|habrá|quedamos|quedan|llegamos|"
    r"llegaron)\s+(?:(?:casi|unos|unas|más\s+de|menos\s+de|cerca\s+de|alrededor\s+de)\s+)?$"
)


def _named(match: re.Match[str], name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


def find_numbers(text: str, sentences: context.SentenceFinder) -> Iterable[Figure]:
    for found in _number_matches(text, sentences):
        match, start, currency = found.match, found.start, found.currency.lower()
        if _named(match, "s"):
            hours, minutes = float(match.group("h") or 0), float(match.group("m"))
            value = hours * 3600 + minutes * 60 + float(match.group("s"))
            yield Figure(start, match.end(), value, value, "race_time", match.group())
        elif _named(match, "vague"):
            parsed = parse_vague(match.group("vague"))
            yield Figure(start, match.end(), parsed.low, parsed.high, "vague", match.group())
        elif _named(match, "multiplier"):
            value = parse_multiplier(match.group("multiplier"))
            yield Figure(start, match.end(), value, value, "multiplier", match.group())
        elif _named(match, "fraction"):
            value = parse_fraction(match.group("fraction"))
            yield Figure(start, match.end(), value, value, "share", match.group())
        elif _named(match, "one"):
            yield Figure(start, match.end(), 1, 1, "word", match.group())
        elif _named(match, "words"):
            value = parse_words(match.group("words"))
            yield Figure(start, match.end(), value, value, "word", match.group())
        else:
            yield _digit_figure(text, match, start, currency)


def _digit_figure(text: str, match: re.Match[str], start: int, currency: str) -> Figure:
    digits, end, abbreviation = match.group("digits"), match.end(), match.group("abbr")
    if abbreviation == "m" and not currency and not _counts_after(text, end):
        end, abbreviation = match.start("abbr"), None  # "2.5m at the resort": metres
    start, sign = _sign(text, start) if not currency else (start, 1)
    if match.group("exponent"):
        value = sign * parse_exponent(digits, match.group("exponent"))
        return Figure(start, end, value, value, "digit", text[start:end], exponent=True)
    dots = _dot_groups_thousands(text, match, currency)
    value = sign * parse_digits(digits, match.group("scale"), abbreviation, dots)
    plain = parse_digits(digits, dots_group=dots)
    return Figure(start, end, value, value, "digit", text[start:end], currency,
                  scale=abs(value) / plain if plain else 1)  # fmt: skip


# A minus written before the digits ("-4.2%", "−15°C") or as a word ("minus 10 degrees"), but
# not a hyphen joining words ("COVID-19") nor "plus or minus 2%".
_MINUS_WORD = re.compile(r"(?i)(?<!\bor\s)\bminus\s+$")
_BEFORE_MINUS = ' \t\n(“"[:'


def _sign(text: str, start: int) -> tuple[int, int]:
    if start and text[start - 1] in "-−" and (start == 1 or text[start - 2] in _BEFORE_MINUS):
        return start - 1, -1
    word = _MINUS_WORD.search(text, max(0, start - 8), start)
    return (word.start(), -1) if word else (start, 1)


def _counts_after(text: str, position: int) -> bool:
    """A counted noun follows: "2.5m people" is millions, "2.5m at the resort" metres."""
    return counted_noun(text, position, min(len(text), position + 80)) is not None
