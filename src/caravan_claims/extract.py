"""Stage 2 — every figure an article reports, with qualifier, unit, rate, hedge, source and period.

One row per figure. Offsets index the article text exactly as decoded, so
``text[start:end] == quote`` always holds. Numbers that are *not* figures (dates, years, clock
times, ordinals, identifiers such as "Title 42", citation markers, scrape junk) are returned
separately with the reason, so a reader can audit what was left out.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

from caravan_claims import context
from caravan_claims.context import Span
from caravan_claims.numbers import (
    DIGIT_NUMBER,
    DIGIT_NUMBER_UNSPACED,
    FRACTION_NUMBER,
    GROUP_SPACES,
    MAX_FIGURE,
    TENS_WORDS,
    UNITS_WORDS,
    VAGUE_NUMBER,
    WORD_NUMBER,
    is_figure_size,
    parse_digits,
    parse_fraction,
    parse_vague,
    parse_words,
)
from caravan_claims.reading import Reading, read

CLAIM_COLUMNS = [
    "claim_id", "article_id", "start", "end", "quote", "low", "high", "qualifier", "unit",
    "noun", "per", "hedged", "hedge_cue", "attributed_to", "period", "period_text", "same_as",
    "sentence_start", "sentence_end", "sentence",
]  # fmt: skip
REJECTED_COLUMNS = ["article_id", "start", "end", "text", "reason", "sentence_start", "sentence"]
QUALIFIERS = ("exact", "approx", "lower", "upper", "range", "vague")

# --- lexicons --------------------------------------------------------------------------------

PEOPLE_NOUNS = {
    "migrants", "migrant", "people", "persons", "person", "individuals", "individual",
    "immigrants", "immigrant", "refugees", "refugee", "men", "women", "children", "kids",
    "minors", "adults", "travelers", "travellers", "members", "participants", "marchers",
    "residents", "detainees", "asylum-seekers", "asylum seekers", "seekers", "foreigners",
    "nationals", "passengers", "pilgrims", "walkers", "citizens", "workers",
}  # fmt: skip
COUNTED_NOUNS = {
    "encounters", "apprehensions", "arrests", "crossings", "expulsions", "deportations",
    "removals", "detentions", "visas", "permits", "applications", "cases", "deaths", "bodies",
    "families", "agents", "officers", "troops", "soldiers", "guards", "buses", "trucks",
    "vehicles", "trains", "states", "countries", "nations", "cities", "towns", "beds", "shelters",
    "trees", "votes", "claims", "requests", "appointments", "flights", "caravans", "groups",
    "entries", "inadmissibles", "releases", "returns", "units", "ports",
}  # fmt: skip
MEASURE_UNITS = {
    "miles": "miles", "mile": "miles", "kilometers": "km", "kilometres": "km", "km": "km",
    "kilometer": "km", "kilometre": "km", "meters": "meters", "metres": "meters", "feet": "feet",
    "foot": "feet", "yards": "yards", "acres": "acres", "hectares": "hectares", "tons": "tons",
    "tonnes": "tonnes", "pounds": "pounds", "kilograms": "kg", "kg": "kg",
    "dollars": "usd", "dollar": "usd", "pesos": "mxn", "euros": "eur", "quetzales": "gtq",
    "lempiras": "hnl", "percent": "percent", "per cent": "percent", "percentage points": "points",
    "points": "points", "days": "days", "day": "days", "weeks": "weeks", "week": "weeks",
    "months": "months", "month": "months", "years": "years", "year": "years", "hours": "hours",
    "hour": "hours", "minutes": "minutes", "minute": "minutes", "times": "times",
    "degrees": "degrees",
}  # fmt: skip
DIMENSIONS = {
    "miles": "length", "km": "length", "meters": "length", "feet": "length", "yards": "length",
    "acres": "area", "hectares": "area", "tons": "mass", "tonnes": "mass", "pounds": "mass",
    "kg": "mass", "usd": "money", "mxn": "money", "eur": "money", "gbp": "money", "gtq": "money",
    "hnl": "money", "days": "time", "weeks": "time", "months": "time", "years": "time",
    "hours": "time",
}  # fmt: skip
CURRENCY_SYMBOLS = {"$": "usd", "US$": "usd", "€": "eur", "£": "gbp", "MX$": "mxn"}
NATIONALITY_PLURAL = re.compile(r"^[A-Z][a-z]+(?:ans|ians|eans|ese|ers)$")
STOP_WORDS = {
    "of", "in", "on", "at", "to", "from", "with", "by", "for", "and", "or", "the", "a", "an",
    "that", "which", "who", "were", "was", "are", "is", "have", "has", "had", "be", "been",
    "being", "will", "would", "could", "may", "might", "per", "each", "every", "this", "these",
    "those", "than", "as", "into", "across", "through", "since", "while", "but", "not", "it",
    "they", "he", "she", "we", "their", "its", "his", "her", "our", "more", "less", "fewer",
    "between", "after", "before", "during", "over", "under", "about", "around", "up", "down",
    "out", "off", "away", "so", "also", "still", "just", "only", "said", "says",
}  # fmt: skip
MONTH_WORDS = {name.capitalize() for name in context.MONTHS} | {
    f"{name.capitalize()}." for name in context.MONTHS
}
IDENTIFIER_WORDS = {
    "Title", "Section", "Article", "Chapter", "Rule", "Proposition", "Prop.", "Highway", "Route",
    "Interstate", "Gate", "Flight", "Room", "Pier", "Phase", "Level", "Stage", "Precinct",
    "District", "Region", "Sector", "Zone", "Unit", "Bill", "Form", "No.", "Number", "Exit",
    "Lot", "Building", "Terminal", "Platform", "Bus", "Car", "Channel", "Amendment", "Act",
    "Order", "Resolution", "Camp", "Mile", "Km", "Kilometer", "Bridge", "Line", "Lane",
}  # fmt: skip

# --- qualifiers ------------------------------------------------------------------------------

QUALIFIER_PHRASES = {
    "range": ["between", "ranging from", "range from", "from"],
    "lower": [
        "more than", "over", "at least", "in excess of", "upwards of", "upward of", "exceeded",
        "exceeding", "exceeds", "exceed", "surpassed", "surpassing", "topped", "topping",
        "north of", "above", "greater than", "no fewer than", "no less than", "a minimum of",
        "just over", "well over", "well above", "higher than", "past", "more than a",
    ],
    "upper": [
        "as many as", "as much as", "as high as", "up to", "fewer than", "less than", "under",
        "nearly", "almost", "within", "no more than", "at most", "a maximum of", "just under",
        "just shy of", "shy of", "close to", "below", "not quite",
    ],
    "approx": [
        "about", "around", "roughly", "approximately", "approx.", "an estimated", "estimated at",
        "estimated", "an approximate", "some", "circa", "ca.", "in the region of",
        "on the order of", "something like", "more or less", "an average of", "averaging",
    ],
}  # fmt: skip
_PHRASE_KIND = {phrase: kind for kind, phrases in QUALIFIER_PHRASES.items() for phrase in phrases}
_LONGEST_PHRASE = max(len(phrase.split()) for phrase in _PHRASE_KIND)
_FILLERS = (("a", "record"), ("of",))  # "more than a record 10,000", "a minimum of"
_PREFIX_WORD = re.compile(r"[^\s“\"(‘]+")
_QUALIFIER_AFTER = [
    ("lower", re.compile(r"(?i)\s*(?:-?plus\b|\+|or\s+more\b|and\s+up\b|and\s+more\b)")),
    ("approx", re.compile(r"(?i)\s*(?:or\s+so\b|-odd\b|or\s+thereabouts\b)")),
]
_PAST_AS_TIME = re.compile(r"(?i)\b(?:the|last|this|over\s+the|in\s+the)\s+past\s+$")
_CHANGE_VERB = re.compile(
    r"(?i)\b(?:rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|"
    r"decreasing|grew|grow|growing|grown|jumped?|jumping|dropped|drop|dropping|climbed?|"
    r"declined?|declining|surged?|soared?|went|go|goes|going|swelled|shrank|doubled|tripled"
    r")\s+(?:\w+\s+){0,2}$"
)
_PER = re.compile(
    r"(?i)^[\s,]*(?:\w+\s+){0,3}?(?P<per>(?:a|per|each|every|an)\s+(?P<unit>day|week|month|year|"
    r"hour)|daily|weekly|monthly|annually|yearly|a\s+single\s+day|in\s+a\s+single\s+day|"
    r"in\s+one\s+day)\b"
)
_PER_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
              "yearly": "year"}  # fmt: skip
_PER_BEFORE = re.compile(
    r"(?i)\b(?:(?P<adj>daily|weekly|monthly|annual|yearly)\s+(?:average|total|figure|rate|count|"
    r"tally|number|high|record|peak)\s+(?:of\s+)?(?:about\s+|around\s+|nearly\s+)?$"
    r"|(?P<days>days?|weeks?|months?)\b[^.;]{0,40}\b(?:when|with|where|in\s+which)\b)"
)
# Page furniture a scraper keeps: ads, share and comment counters, photo credits, bylines with
# times, "published 3 hours ago". Numbers on such lines are never figures. Lines are tested by
# how they begin (cheap) and only then, for a few cues, by a pattern.
_JUNK_OPENINGS = (
    "advertisement", "ad will display", "story continues", "click here", "sign up", "subscribe",
    "read more", "share", "follow us", "skip ad", "loading", "photo by", "photo credit",
    "photograph by", "(photo", "copyright", "©",
)  # fmt: skip
_JUNK_PATTERNS = re.compile(
    r"(?i)image\s+\d+\s+of\s+\d+|updated\b.{0,40}\d:\d\d|(?:published|posted|updated)\b.{0,30}\bago\s*$"
)
_COUNTER_LINE = re.compile(
    r"(?i)\b\d[\d.,]*\s*[KkMm]?\s+(?:comments?|shares?|likes?|views?|replies)\s*$"
)
_LINE = re.compile(r"[^\n]+")


# Telephone numbers: "1-800-555-0199", "(202) 555-0143".
_PHONE = re.compile(r"(?:\b1[-.\s])?(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b")
_CLOCK_AFTER = re.compile(r"(?i)^(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o['’]clock|noon|midnight)(?!\w)")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")

# The number alternatives in priority order: vague words, number words, then digits.
# One pattern per way a number can start, so each place is tried against one alternative only.
_CURRENCY_NUMBER = re.compile(
    rf"(?P<currency>US\$|MX\$|[$€£])\s?(?:{WORD_NUMBER.pattern}|{DIGIT_NUMBER.pattern})", re.I
)
_WORDED_NUMBER = re.compile(
    rf"{VAGUE_NUMBER.pattern}|{FRACTION_NUMBER.pattern}|{WORD_NUMBER.pattern}", re.I
)
_DIGITS_ONLY = re.compile(DIGIT_NUMBER.pattern, re.I)
_DIGITS_UNSPACED = re.compile(DIGIT_NUMBER_UNSPACED.pattern, re.I)
_SPACE_GROUPED = re.compile(f"[{GROUP_SPACES}]")


@dataclass
class Figure:
    """One number found in the text, before and after it is judged a figure."""

    number_start: int
    number_end: int
    low: float
    high: float
    kind: str  # digit | word | vague
    text: str
    currency: str = ""
    unit: str = ""
    noun: str = ""
    noun_end: int = 0
    qualifier: str = "exact"
    quote_start: int = 0
    quote_end: int = 0
    per: str = ""
    scale: float = 1


@dataclass(frozen=True)
class Claim:
    claim_id: str
    article_id: str
    start: int
    end: int
    quote: str
    low: float
    high: float
    qualifier: str
    unit: str
    noun: str
    per: str
    hedged: bool
    hedge_cue: str
    attributed_to: str
    period: str
    period_text: str
    same_as: str
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(frozen=True)
class Rejected:
    article_id: str
    start: int
    end: int
    text: str
    reason: str
    sentence_start: int
    sentence: str


# --- finding numbers -------------------------------------------------------------------------


# Where a number can start: a digit, a currency sign, or a word beginning with one of these stems
# (or "a" before one: "a dozen", "a third"). The full pattern is tried only at those places,
# found with str.find, which is many times faster than scanning every position with a regex.
_TRIGGER_WORDS = {
    *UNITS_WORDS, *TENS_WORDS, "half", "hundred", "thousand", "million", "billion", "dozen",
    "scores", "several", "few", "couple", "third", "quarter", "fifth", "tenth", "us$", "mx$",
}  # fmt: skip
_TRIGGER_STEMS = tuple(
    sorted(w for w in _TRIGGER_WORDS if not any(w != o and w.startswith(o) for o in _TRIGGER_WORDS))
)
_DIGIT_OR_CURRENCY = "0123456789$€£"


def _trigger_positions(text: str) -> list[int]:
    """Sorted offsets where a number may start."""
    positions: list[int] = []
    for char in _DIGIT_OR_CURRENCY:
        at = text.find(char)
        while at != -1:
            positions.append(at)
            at = text.find(char, at + 1)
    for at in context.word_starts(text, _TRIGGER_STEMS):
        positions.append(at)
        if text[max(0, at - 2) : at].lower() == "a " and (at < 3 or not text[at - 3].isalnum()):
            positions.append(at - 2)  # "a dozen", "a third"
    return sorted(set(positions))


def _number_matches(text: str, sentences: context.SentenceFinder) -> Iterable[re.Match[str]]:
    resume = 0
    for position in _trigger_positions(text):
        if position < resume:
            continue
        char = text[position]
        if char.isdigit():
            if position and (text[position - 1].isalnum() or text[position - 1] in "_.,"):
                continue  # inside a token ("2be7039cd") or a number already read
            pattern = _DIGITS_ONLY
        elif char in "$€£" or text[position + 2 : position + 3] == "$":
            pattern = _CURRENCY_NUMBER
        else:
            pattern = _WORDED_NUMBER
        match = pattern.match(text, position)
        if match and pattern is _DIGITS_ONLY and _space_joins_two_numbers(text, match):
            pattern = _DIGITS_UNSPACED
            match = pattern.match(text, position)
        if match and match.end() > (end := sentences.at(position).end):
            match = pattern.match(text, position, end)  # "5\nMillion" on the next line
        if match:
            resume = match.end()
            yield match


def _space_joins_two_numbers(text: str, match: re.Match[str]) -> bool:
    """ "May 5 300 migrants", "Title 42 000": after a month or a naming word, the number before
    a space is a day or a name, not a first group of thousands."""
    if not _SPACE_GROUPED.search(match.group("digits")):
        return False
    before = _word_before(text, match.start())
    return before in MONTH_WORDS or before in IDENTIFIER_WORDS


_ONE_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")
# "10.500 to 12.500 migrants": the noun after the second number counts the first one too.
_DOT_GROUP_RANGE_END = re.compile(r"\s*(?:[-–—]|to|and|y|a)\s*\d{1,3}\.\d{3}(?![\d.])", re.I)


def _dot_groups_thousands(text: str, match: re.Match[str]) -> bool:
    """ "12.500 migrantes", "7.000 people": one dot then three digits is a thousands separator
    when the number counts people or things, which come in whole numbers ("12.500 km" is a
    decimal, and so is any number with a scale word or a currency)."""
    if match.group("scale") or match.group("abbr") or _named(match, "currency"):
        return False
    if not _ONE_DOT_GROUP.fullmatch(match.group("digits")):
        return False
    end = match.end()
    range_end = _DOT_GROUP_RANGE_END.match(text, end)
    found = _counted_noun(text, range_end.end() if range_end else end, min(len(text), end + 80))
    return found is not None and found[0] not in MEASURE_UNITS and found[0] != "%"


def _named(match: re.Match[str], name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


def _numbers(text: str, sentences: context.SentenceFinder) -> Iterable[Figure]:
    for match in _number_matches(text, sentences):
        currency = _named(match, "currency") or ""
        start = match.start()
        if _named(match, "vague"):
            parsed = parse_vague(match.group("vague"))
            yield Figure(start, match.end(), parsed.low, parsed.high, "vague", match.group(),
                         currency)  # fmt: skip
        elif _named(match, "fraction"):
            value = parse_fraction(match.group("fraction"))
            yield Figure(start, match.end(), value, value, "share", match.group())
        elif _named(match, "words"):
            value = parse_words(match.group("words"))
            yield Figure(start, match.end(), value, value, "word", match.group(), currency)
        else:
            dots = _dot_groups_thousands(text, match)
            value = parse_digits(
                match.group("digits"), match.group("scale"), match.group("abbr"), dots
            )
            plain = parse_digits(match.group("digits"), dots_group=dots)
            yield Figure(start, match.end(), value, value, "digit", match.group(), currency,
                         scale=value / plain if plain else 1)  # fmt: skip


def _junk_spans(text: str) -> list[Span]:
    spans = []
    for line in _LINE.finditer(text):
        words = line.group().lstrip().lower()
        if words.startswith(_JUNK_OPENINGS) or (
            len(words) < 120 and (_JUNK_PATTERNS.match(words) or _COUNTER_LINE.search(words))
        ):
            spans.append(Span(line.start(), line.end()))
    return spans


def _in_phone_number(text: str, fig: Figure) -> bool:
    around = (
        text[fig.number_start - 1 : fig.number_start] + text[fig.number_end : fig.number_end + 1]
    )
    if not any(mark in around for mark in "-.() "):
        return False
    window_start = max(0, fig.number_start - 8)
    for match in _PHONE.finditer(text, window_start, min(len(text), fig.number_end + 14)):
        if match.start() <= fig.number_start < match.end():
            return True
    return False


def _word_before(text: str, position: int) -> str:
    """The word just before ``position``, skipping spaces and one comma ("June 5" → "June")."""
    head = text[max(0, position - 40) : position].rstrip(" \t").removesuffix(",").rstrip(" \t")
    words = head.rsplit(None, 1)
    return words[-1].lstrip('“"(‘') if words else ""


_ATTACHED_BEFORE = re.compile(r"[\w\-/#@:|]")
_SCALE_SUFFIX = re.compile(r"(?i)(?:k|m|bn|mn|tn|b)\b")
_PLURAL_SUFFIX = re.compile(r"(?i)s\b")
_SLASH_OR_COLON_AFTER = re.compile(r"[/:]\d")
_SLASH_OR_COLON_BEFORE = re.compile(r"\d[/:]$")
_LEADING_ZERO = re.compile(r"0\d+")
_DURATION_ADJECTIVE = re.compile(
    r"(?i)-(?:days?|weeks?|months?|hours?|minutes?|seconds?|years?)\b(?!-old|s-old)"
)
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{context.MONTH_NAME}")
_DAY_RANGE_BEFORE = re.compile(rf"{context.MONTH_NAME}\s+\d{{1,2}}\s*[-–]\s*$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|ages|age)\s+$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_IDENTIFIER_PREFIX = re.compile(r"(?:FY|No\.?|#)")
_DIGIT_BEFORE_DASH = re.compile(r"\d\s?-$")
_OF_AFTER = re.compile(r"(?i)\s+of\b")
_SCALED_WORDS = re.compile(r"(?i)(?:dozen|hundred|thousand|million|billion)$")
_MEASURE_COMPOUND = re.compile(r"(?i)-(?:year|mile|kilometer|kilometre|foot|meter|metre)")
_SHARE_AFTER = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?:\d|(?i:{'|'.join(sorted(UNITS_WORDS, key=len, reverse=True))})\b)"
)
_SHARE_BEFORE = re.compile(rf"(?i)\b(?:\d+|{'|'.join(UNITS_WORDS)})\s+(?:in|out\s+of)\s+$")
_RATE_BASE_BEFORE = re.compile(r"(?i)\bper\s+$")
_POSSESSIVES = {"the", "these", "those", "its", "their", "his", "her", "our", "both", "all"}


def _in_junk(junk: list[Span], junk_starts: list[int], offset: int) -> bool:
    index = bisect.bisect_right(junk_starts, offset) - 1
    return index >= 0 and offset < junk[index].end


def _rejection_reason(
    text: str, fig: Figure, junk: list[Span], junk_starts: list[int], sentence: Span
) -> str | None:
    """Why a number is not a figure, or None when it is one."""
    if not (is_figure_size(fig.low) and is_figure_size(fig.high)):
        return f"too large to be a figure (above {MAX_FIGURE:.0e})"
    if _in_junk(junk, junk_starts, fig.number_start):
        return "junk: page furniture or an advertisement"
    if fig.kind == "digit" and _in_phone_number(text, fig):
        return "identifier: a telephone number"
    after = text[fig.number_end : fig.number_end + 20]
    if _DURATION_ADJECTIVE.match(after):
        return "duration used as an adjective"
    if fig.kind != "digit":
        return None
    core = text[fig.number_start : fig.number_end].lstrip("$€£USMX ")
    return (
        _glued_reason(text, fig, after, core)
        or _date_or_time_reason(text, fig, after, core, sentence)
        or _identifier_reason(text, fig, core)
        or _rate_base_reason(text, fig)
    )


def _glued_reason(text: str, fig: Figure, after: str, core: str) -> str | None:
    """Digits glued to other characters: tokens, codes, ordinals, decades, COVID-19."""
    before = text[max(0, fig.number_start - 1) : fig.number_start]
    if _ATTACHED_BEFORE.match(before) and not (
        before == "-"
        and _DIGIT_BEFORE_DASH.search(text, max(0, fig.number_start - 4), fig.number_start)
    ):
        return "identifier: number attached to other characters"
    if after[:1].isalpha() or after[:1] == "_":
        if _SCALE_SUFFIX.match(after):
            return None
        if _ORDINAL_AFTER.match(after):
            return "ordinal"
        if _PLURAL_SUFFIX.match(after):
            return "date: a decade" if len(core) == 4 else "identifier"
        return "identifier: number attached to letters"
    if _LEADING_ZERO.fullmatch(core):
        return "junk: number with a leading zero (a counter or code)"
    if before == "[" and after.startswith("]"):
        return "citation marker"
    return None


def _date_or_time_reason(
    text: str, fig: Figure, after: str, core: str, sentence: Span
) -> str | None:
    if _SLASH_OR_COLON_AFTER.match(after) or _SLASH_OR_COLON_BEFORE.search(
        text, max(0, fig.number_start - 2), fig.number_start
    ):
        return "date or time: written with '/' or ':'"
    if _CLOCK_AFTER.match(after):
        return "clock time"
    day_like = fig.low.is_integer() and 1 <= fig.low <= 31 and "," not in core
    if day_like and (
        _word_before(text, fig.number_start) in MONTH_WORDS or _MONTH_AFTER.match(after)
    ):
        return "date: day of the month"
    if _DAY_RANGE_BEFORE.search(text, max(0, fig.number_start - 16), fig.number_start):
        return "date: the end of a range of days ('Nov. 15-16')"
    if _YEAR.fullmatch(core) and not fig.currency:
        noun = _counted_noun(text, fig.number_end, sentence.end)
        named = _CAPITALISED_AFTER.match(text, fig.number_end)  # "the 1951 Refugee Convention"
        if (
            noun is None
            or noun[0] in MEASURE_UNITS
            or (named and not NATIONALITY_PLURAL.match(noun[0]))
        ):
            return "date: a year"
    return None


def _rate_base_reason(text: str, fig: Figure) -> str | None:
    """ "40 per 100,000 residents": the 100,000 is the base of a rate, not a figure."""
    if _RATE_BASE_BEFORE.search(text, max(0, fig.number_start - 6), fig.number_start):
        return "rate base: the 'per N' of a rate"
    return None


def _identifier_reason(text: str, fig: Figure, core: str) -> str | None:
    """ "Title 42", "Highway 200", "No. 5": a number that names rather than counts."""
    if fig.currency or "," in core:
        return None
    previous = _word_before(text, fig.number_start)
    if previous in IDENTIFIER_WORDS or _IDENTIFIER_PREFIX.fullmatch(previous):
        return f"identifier: '{previous} {core}'"
    return None


def _keep_word_number(text: str, fig: Figure, sentence_end: int) -> bool:
    """Number words are figures only when they count something ("two dozen states", "ten
    years"), not in "one of", "the two nations" or "one in October"."""
    lowered = fig.text.lower().strip()
    if _SHARE_AFTER.match(text, fig.number_end) or _SHARE_BEFORE.search(
        text, max(0, fig.number_start - 30), fig.number_start
    ):
        return True  # "one in five", "three out of four"
    if lowered in {"one", "a", "zero"}:
        return False
    if _OF_AFTER.match(text, fig.number_end):
        return bool(_SCALED_WORDS.search(lowered))
    if _word_before(text, fig.number_start).lower() in _POSSESSIVES:
        return False
    if _MEASURE_COMPOUND.match(text, fig.number_end):
        return True
    return _counted_noun(text, fig.number_end, sentence_end) is not None


# --- what the figure counts ------------------------------------------------------------------

_WORD = re.compile(r"[ \t]*(?:\n[ \t]*)?([A-Za-z][\w’'\-]*|%)")


def _counted_noun(text: str, position: int, limit: int) -> tuple[str, int] | None:
    """The counted thing after a number: ``(noun, end offset)``; skips up to three modifiers
    ("1,000 Central American migrants", "1,000 temporary work visas")."""
    cursor = position
    for _ in range(4):
        match = _WORD.match(text, cursor, limit)
        if not match:
            return None
        word = match.group(1)
        lowered = word.lower()
        two = re.match(r"[ \t]+([a-z]+)", text[match.end() : match.end() + 20])
        if two and f"{lowered} {two.group(1)}" in PEOPLE_NOUNS | set(MEASURE_UNITS):
            return f"{lowered} {two.group(1)}", match.end() + two.end()
        if word == "%" or lowered in PEOPLE_NOUNS | COUNTED_NOUNS or lowered in MEASURE_UNITS:
            return _compound_head(text, lowered, match.end(), limit)
        if NATIONALITY_PLURAL.match(word):
            return word, match.end()
        if lowered in STOP_WORDS or lowered in _PER_WORDS:
            return None
        if _is_plain_plural(word) and _ends_noun_phrase(text, match.end(), limit):
            return lowered, match.end()  # a plural noun not in the lexicon: "2 million trees"
        cursor = match.end()
    return None


def _is_plain_plural(word: str) -> bool:
    return (
        word.islower() and len(word) > 3 and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous"))
    )  # fmt: skip


def _ends_noun_phrase(text: str, position: int, limit: int) -> bool:
    """Nothing nounlike follows: punctuation, the end, or a function word ("reporters followed"
    counts as ended too, since a verb follows a plural head noun)."""
    following = _WORD.match(text, position, limit)
    return following is None or not _is_plain_plural(following.group(1))


def _compound_head(text: str, noun: str, end: int, limit: int) -> tuple[str, int]:
    """ "migrant encounters": the last counted noun of a compound is the thing counted."""
    following = _WORD.match(text, end, limit)
    if following and following.group(1).lower() in COUNTED_NOUNS | PEOPLE_NOUNS:
        return _compound_head(text, following.group(1).lower(), following.end(), limit)
    return noun, end


def _unit_for(noun: str) -> str:
    if noun in PEOPLE_NOUNS or NATIONALITY_PLURAL.match(noun):
        return "people"
    if noun == "%":
        return "percent"
    return MEASURE_UNITS.get(noun, noun)


_WORDS_BEFORE = re.compile(r"[A-Za-z][\w\-]*")
POPULATION_WORDS = {"caravan", "caravans", "crowd", "group", "city", "town", "village",
                    "population", "march"}  # fmt: skip


def _counted_word(word: str) -> str:
    """What ``word`` says is counted, if it says so: itself, "people" or ''."""
    if NATIONALITY_PLURAL.match(word):
        return word
    if word[0].isupper():
        return ""  # "United Nations" names something; it does not say what is counted
    if word in PEOPLE_NOUNS or word in COUNTED_NOUNS:
        return word
    return "people" if word in POPULATION_WORDS else ""


class _NounsBefore:
    """The words of one sentence that say what is counted, read once."""

    def __init__(self, text: str, sentence: Span) -> None:
        words = list(_WORDS_BEFORE.finditer(text, sentence.start, sentence.end))
        self.text = text
        self.starts = [word.start() for word in words]
        self.ends = [word.end() for word in words]
        counted = [(word.end(), _counted_word(word.group())) for word in words]
        self.counted_ends = [end for end, noun in counted if noun]
        self.counted = [noun for _, noun in counted if noun]

    def before(self, position: int) -> str:
        """The nearest counted noun ending before ``position`` ("the migrants ... number
        approximately 12,000"), for a figure with none after it."""
        index = bisect.bisect_left(self.starts, position) - 1
        if index >= 0 and self.ends[index] > position:  # a word running into the number
            noun = _counted_word(self.text[self.starts[index] : position])
            if noun:
                return noun
        index = bisect.bisect_right(self.counted_ends, position) - 1
        return self.counted[index] if index >= 0 else ""


_COMPOUND_UNIT = re.compile(
    r"(?i)-(?P<n>year|day|week|month|hour|mile|kilometer|kilometre|foot|meter|metre|strong)"
    r"(?P<old>s?-old)?\b"
)


_PLUS_SUFFIX = re.compile(r"(?i)-?plus\b|\+")


def _attach_unit(text: str, fig: Figure, sentence: Span, nouns: _NounsBefore) -> None:
    after = text[fig.number_end : min(fig.number_end + 24, sentence.end)]
    compound = _COMPOUND_UNIT.match(after)
    if fig.kind == "share":
        found = _counted_noun(text, fig.number_end, sentence.end)
        fig.unit, fig.noun = "percent", found[0] if found else ""
        fig.noun_end = found[1] if found else fig.number_end
        return
    if fig.currency:
        fig.unit, fig.noun, fig.noun_end = CURRENCY_SYMBOLS[fig.currency], "", fig.number_end
        found = re.match(r"(?i)\s*(?:dollars?|pesos)\b", after)
        if found:
            fig.noun_end = fig.number_end + found.end()
        return
    if _AGE_BEFORE.search(text, max(0, fig.number_start - 6), fig.number_start):
        fig.unit, fig.noun, fig.noun_end = "age", "years old", fig.number_end  # "aged 18-25"
        return
    if compound:
        fig.noun_end = fig.number_end + compound.end()
        if compound.group("old"):
            fig.unit, fig.noun = "age", "years old"
        elif compound.group("n").lower() == "strong":
            fig.unit, fig.noun = "people", "strong"
        else:
            fig.unit = MEASURE_UNITS[compound.group("n").lower() + "s"]
            fig.noun = compound.group("n").lower()
        return
    if re.match(r"\s?%", after):
        fig.unit, fig.noun, fig.noun_end = "percent", "%", fig.number_end + after.index("%") + 1
        return
    start = fig.number_end
    plus = _PLUS_SUFFIX.match(text, start)
    if plus:  # "2,000-plus migrants": the noun comes after the qualifier
        start = plus.end()
    if fig.kind == "vague":
        of = re.match(r"(?i)\s+of\b", after)
        start = fig.number_end + of.end() if of else start
    found = _counted_noun(text, start, sentence.end)
    if found:
        fig.noun, fig.noun_end = found
        fig.unit = _unit_for(fig.noun)
        fig.noun = fig.noun.lower() if fig.unit != "people" else fig.noun
        return
    fig.noun_end = fig.number_end
    before = nouns.before(fig.number_start)
    fig.unit = _unit_for(before) if before else "count"


# --- ranges, chains, qualifiers ----------------------------------------------------------------

_RANGE_JOIN = re.compile(r"^(?:\s*[-–—]\s*|\s+to\s+|\s+and\s+)$", re.I)


def _join_ranges_and_shares(
    text: str, figures: list[Figure], sentences: context.SentenceFinder
) -> list[Figure]:
    """Join "between A and B", "A to B" and "A–B" into one range; split chains such as
    "from 5% to 10% to 15%" (and changes such as "rose from 2,000 to 5,000") into their parts.
    Figures of different sentences are never joined."""

    def joinable(first: Figure, second: Figure) -> bool:
        return second.number_end <= sentences.at(first.number_start).end

    grouped: list[Figure] = []
    index = 0
    while index < len(figures):
        pair = figures[index : index + 2]
        if len(pair) == 2 and joinable(*pair) and _is_share(text, *pair):
            grouped.append(_merge_share(figures[index], figures[index + 1]))
            index += 2
            continue
        chain = [figures[index]]
        while index + len(chain) < len(figures):
            nxt = figures[index + len(chain)]
            join = text[chain[-1].number_end : nxt.number_start]
            if not _RANGE_JOIN.match(join) or nxt.kind == "vague" or chain[-1].kind == "vague":
                break
            if not joinable(chain[-1], nxt):
                break
            if join.strip().lower() == "and" and not _starts_with_between(text, chain[0]):
                break
            chain.append(nxt)
        if len(chain) == 2 and _is_range(text, chain):
            grouped.append(_merge_range(chain))
        else:
            grouped.extend(chain)
        index += len(chain)
    return grouped


_SHARE_JOIN = re.compile(r"\s+(?:in|out\s+of)\s+$")
_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+$")


def _is_share(text: str, part: Figure, whole: Figure) -> bool:
    """ "3 in 10", "one out of four": a share, unless the second number measures something
    ("15 in 20 minutes")."""
    if not _SHARE_JOIN.fullmatch(text, part.number_end, whole.number_start):
        return False
    if part.kind == "vague" or whole.kind == "vague" or not 0 < part.low < whole.low:
        return False
    noun = _counted_noun(text, whole.number_end, min(len(text), whole.number_end + 40))
    return noun is None or noun[0] not in MEASURE_UNITS


def _merge_share(part: Figure, whole: Figure) -> Figure:
    value = round(100 * part.low / whole.low, 10)
    return Figure(part.number_start, whole.number_end, value, value, "share", part.text)


def _starts_with_between(text: str, fig: Figure) -> bool:
    return bool(_BETWEEN_BEFORE.search(text, max(0, fig.number_start - 9), fig.number_start))


def _is_range(text: str, pair: list[Figure]) -> bool:
    first, second = pair
    prefix = text[max(0, first.number_start - 40) : first.number_start]
    if re.search(r"(?i)\bfrom\s+$", prefix) and _CHANGE_VERB.search(
        prefix[: prefix.lower().rfind("from")]
    ):
        return False
    return first.low < second.high


def _merge_range(pair: list[Figure]) -> Figure:
    first, second = pair
    low = first.low
    if first.scale == 1 and second.scale > 1 and first.low * second.scale <= second.high:
        low = first.low * second.scale  # "5 to 10 million": the scale covers both ends
    merged = Figure(first.number_start, second.number_end, low, second.high, "range", first.text,
                    first.currency or second.currency)  # fmt: skip
    merged.qualifier = "range"
    return merged


def _qualifier_before(prefix: str) -> tuple[str, int] | None:
    """The qualifier phrase that ends ``prefix`` (the words just before a number), as
    ``(kind, offset of the phrase in prefix)``; the longest phrase wins."""
    spans = list(_PREFIX_WORD.finditer(prefix))[-(_LONGEST_PHRASE + 2) :]
    words = [m.group().lower() for m in spans]
    for filler in ((), *_FILLERS):
        if filler and tuple(words[-len(filler) :]) != filler:
            continue
        usable = len(words) - len(filler)
        for size in range(min(_LONGEST_PHRASE, usable), 0, -1):
            phrase = " ".join(words[usable - size : usable])
            if phrase in _PHRASE_KIND:
                return _PHRASE_KIND[phrase], spans[usable - size].start()
    return None


def _qualify(text: str, fig: Figure, sentence: Span) -> None:
    fig.quote_start = fig.number_start
    prefix = text[max(sentence.start, fig.number_start - 60) : fig.number_start]
    if fig.kind == "vague":
        fig.qualifier = "vague"
    found = _qualifier_before(prefix)
    if found:
        kind, offset = found
        as_time = kind == "lower" and prefix[offset:].lower().startswith("past") and (
            _PAST_AS_TIME.search(prefix[:offset] + "past ")
        )  # fmt: skip
        if not as_time and (kind != "range" or fig.qualifier == "range"):
            fig.quote_start = fig.number_start - (len(prefix) - offset)
            if fig.qualifier not in {"range", "vague"}:
                fig.qualifier = kind
    if fig.qualifier != "exact":
        return
    for kind, pattern in _QUALIFIER_AFTER:
        for base in (fig.number_end, fig.noun_end):
            match = pattern.match(text, base, min(base + 20, sentence.end))
            if match:
                fig.qualifier = kind
                fig.noun_end = max(fig.noun_end, match.end())
                return


# How far from a figure its rate ("a day", "the daily average of") is looked for.
_RATE_WINDOW = 300
_RATE_CUES = ("day", "dail", "week", "month", "annual", "year")  # what _PER_BEFORE needs


def _rate(text: str, fig: Figure, sentence: Span) -> None:
    after = text[fig.noun_end : min(sentence.end, fig.noun_end + _RATE_WINDOW)]
    match = _PER.match(after)
    if match and not re.search(r"[,;]", after[: match.start("per")]):
        word = match.group("per").lower()
        fig.per = (match.group("unit") or _PER_WORDS.get(word) or "day").lower()
        if not after[: match.start("per")].strip():  # "visas a day": the rate is part of the quote
            fig.quote_end = fig.noun_end + match.end("per")
        return
    window_start = max(sentence.start, fig.quote_start - _RATE_WINDOW)
    window = text[window_start : fig.quote_start].lower()
    if not any(word in window for word in _RATE_CUES):
        return
    before = _PER_BEFORE.search(text, window_start, fig.quote_start)
    if before:
        word = (before.group("adj") or before.group("days") or "").lower().rstrip("s")
        fig.per = {"annual": "year", "yearly": "year", "daily": "day", "weekly": "week",
                   "monthly": "month"}.get(word, word)  # fmt: skip


# --- the article -----------------------------------------------------------------------------


class _Article:
    """One article's text and what its figures share: sentences, sources, and, per sentence, its
    words, time mentions and counted nouns, each read once however many figures it holds."""

    def __init__(self, text: str, article_id: str, published: dt.date | None) -> None:
        self.text, self.article_id, self.published = text, article_id, published
        self.sentences = context.SentenceFinder(text)
        self.sources = context.SourceFinder(text, context.quote_spans(text), self.sentences)
        self.junk = _junk_spans(text)
        self.junk_starts = [span.start for span in self.junk]
        self._words: dict[int, str] = {}
        self._mentions: dict[int, context.Mentions] = {}
        self._nouns: dict[int, _NounsBefore] = {}

    def words(self, sentence: Span) -> str:
        """The sentence's text: one string shared by all its figures."""
        if sentence.start not in self._words:
            self._words[sentence.start] = self.text[sentence.start : sentence.end]
        return self._words[sentence.start]

    def mentions(self, sentence: Span) -> context.Mentions:
        if sentence.start not in self._mentions:
            found = context.time_mentions(self.text, sentence, self.published)
            self._mentions[sentence.start] = context.Mentions(found)
        return self._mentions[sentence.start]

    def nouns(self, sentence: Span) -> _NounsBefore:
        if sentence.start not in self._nouns:
            self._nouns[sentence.start] = _NounsBefore(self.text, sentence)
        return self._nouns[sentence.start]


def extract_text(
    text: str, article_id: str, published: dt.date | None = None
) -> tuple[list[Claim], list[Rejected]]:
    """Every figure in ``text`` and every number deliberately not taken, with the reason.

    The rules read the text without invisible characters (see ``reading``); every offset returned
    indexes ``text`` itself."""
    reading = read(text)
    claims, rejected = _extract(reading.text, article_id, published)
    if reading.text is not text:
        claims, rejected = _back_to_original(text, reading, claims, rejected)
    return _clip_long_sentences(text, claims, rejected)


# A "sentence" of tens of thousands of characters (a scraped table, a page with no full stops)
# would be copied into every one of its figures' rows: the tables would grow with the square of
# the text. Such a sentence is kept as the window of it around each figure.
LONGEST_SENTENCE = 1000
SENTENCE_WINDOW = 400


def _clip_long_sentences(
    text: str, claims: list[Claim], rejected: list[Rejected]
) -> tuple[list[Claim], list[Rejected]]:
    clipped_claims = [
        _replace(c, **_window(text, c.start, c.end, c.sentence_start, c.sentence_end))
        if c.sentence_end - c.sentence_start > LONGEST_SENTENCE
        else c
        for c in claims
    ]
    clipped_rejected = []
    for number in rejected:
        sentence_end = number.sentence_start + len(number.sentence)
        if sentence_end - number.sentence_start > LONGEST_SENTENCE:
            window = _window(text, number.start, number.end, number.sentence_start, sentence_end)
            del window["sentence_end"]
            number = dataclasses.replace(number, **window)
        clipped_rejected.append(number)
    return clipped_claims, clipped_rejected


def _window(text: str, start: int, end: int, first: int, last: int) -> dict[str, object]:
    """The part of a long sentence around ``[start, end)``, cut at white space."""
    low = max(first, start - SENTENCE_WINDOW)
    high = min(last, end + SENTENCE_WINDOW)
    if low > first:
        space = text.find(" ", low, start)
        low = space + 1 if space >= 0 else low
    if high < last:
        space = text.rfind(" ", end, high)
        high = space if space >= 0 else high
    return {"sentence_start": low, "sentence_end": high, "sentence": text[low:high]}


def _back_to_original(
    text: str, reading: Reading, claims: list[Claim], rejected: list[Rejected]
) -> tuple[list[Claim], list[Rejected]]:
    sentences: dict[tuple[int, int], tuple[int, int, str]] = {}

    def sentence(start: int, end: int) -> tuple[int, int, str]:
        if (start, end) not in sentences:
            first, last = reading.original(start), reading.original_end(end)
            sentences[start, end] = first, last, text[first:last]
        return sentences[start, end]

    ids: dict[str, str] = {}
    mapped = []
    for claim in claims:
        start, end = reading.original(claim.start), reading.original_end(claim.end)
        first, last, words = sentence(claim.sentence_start, claim.sentence_end)
        ids[claim.claim_id] = f"{claim.article_id}:{start}"
        mapped.append(_replace(claim, claim_id=ids[claim.claim_id], start=start, end=end,
                               quote=text[start:end], sentence_start=first, sentence_end=last,
                               sentence=words))  # fmt: skip
    mapped = [_replace(c, same_as=ids[c.same_as]) if c.same_as else c for c in mapped]
    left_out = []
    for number in rejected:
        start, end = reading.original(number.start), reading.original_end(number.end)
        first, _, words = sentence(number.sentence_start,
                                   number.sentence_start + len(number.sentence))  # fmt: skip
        left_out.append(dataclasses.replace(number, start=start, end=end, text=text[start:end],
                                            sentence_start=first, sentence=words))  # fmt: skip
    return mapped, left_out


def _extract(
    text: str, article_id: str, published: dt.date | None
) -> tuple[list[Claim], list[Rejected]]:
    article = _Article(text, article_id, published)
    kept: list[Figure] = []
    rejected: list[Rejected] = []
    for fig in _numbers(text, article.sentences):
        sentence = article.sentences.at(fig.number_start)
        reason = _rejection_reason(text, fig, article.junk, article.junk_starts, sentence)
        if reason is None and fig.kind == "word" and not _keep_word_number(text, fig, sentence.end):
            continue
        if reason:
            number = text[fig.number_start : fig.number_end]
            rejected.append(Rejected(article_id, fig.number_start, fig.number_end, number,
                                     reason, sentence.start, article.words(sentence)))  # fmt: skip
            continue
        kept.append(fig)
    claims: list[Claim] = []
    for fig in _join_ranges_and_shares(text, kept, article.sentences):
        sentence = article.sentences.at(fig.number_start)
        _attach_unit(text, fig, sentence, article.nouns(sentence))
        _qualify(text, fig, sentence)
        fig.quote_end = fig.noun_end
        _rate(text, fig, sentence)
        claims.append(_claim(article, fig, sentence))
    return _link_same_as(text, _inherit_units(text, claims)), rejected


def _claim(article: _Article, fig: Figure, sentence: Span) -> Claim:
    text, sentences = article.text, article.sentences
    clause = sentences.clauses(sentence).around(fig.quote_start, fig.quote_end)
    mention = article.mentions(sentence).period_for(clause, fig.quote_start, fig.quote_end)
    cue = sentences.hedge_cue(sentence, clause)
    return Claim(
        claim_id=f"{article.article_id}:{fig.quote_start}",
        article_id=article.article_id,
        start=fig.quote_start,
        end=fig.quote_end,
        quote=text[fig.quote_start : fig.quote_end],
        low=fig.low,
        high=fig.high,
        qualifier=fig.qualifier,
        unit=fig.unit,
        noun=fig.noun,
        per=fig.per,
        hedged=bool(cue),
        hedge_cue=cue,
        attributed_to=article.sources.attribution(sentence, fig.number_start, clause),
        period=mention.period if mention else "",
        period_text=mention.text if mention else "",
        same_as="",
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        sentence=article.words(sentence),
    )


_LIST_CONNECTOR = re.compile(r"(?i)[\s,;]*(?:(?:and\s+then|and|or|to|then)[\s,]+)*")


def _listed_together(text: str, first: Claim, second: Claim) -> bool:
    """Figures in one list or chain ("5% to 10% to 15% to 20"): only connectors between them."""
    left, right = (first, second) if first.start < second.start else (second, first)
    return bool(_LIST_CONNECTOR.fullmatch(text, left.end, right.start))


# Only connectors may separate figures listed together, so a figure's list neighbours are among
# the figures just before and after it.
_LIST_REACH = 2


def _inherit_units(text: str, claims: list[Claim]) -> list[Claim]:
    """A bare number among figures of one unit ("from 5% to 10% to 15% to 20 and then to 25%")
    takes the unit of its nearest neighbour in the same sentence."""
    inherited = []
    for index, claim in enumerate(claims):
        nearby = claims[max(0, index - _LIST_REACH) : index + _LIST_REACH + 1]
        neighbours = [
            other for other in nearby
            if other.sentence_start == claim.sentence_start and other is not claim
            and other.unit != "count" and _listed_together(text, claim, other)
        ]  # fmt: skip
        if claim.unit == "count" and neighbours:
            nearest = min(neighbours, key=lambda other: abs(other.start - claim.start))
            claim = _replace(claim, unit=nearest.unit)
        inherited.append(claim)
    return inherited


def _replace(claim: Claim, **changes: object) -> Claim:
    return dataclasses.replace(claim, **changes)


_SAME_AS_JOIN = re.compile(r"^\s*\(\s*(?:about|roughly|some|approximately|or|nearly)?\s*$", re.I)


def _link_same_as(text: str, claims: list[Claim]) -> list[Claim]:
    """ "2,500 miles (4,000 km)": the parenthesised figure restates the one before it."""
    linked = list(claims)
    for index in range(1, len(linked)):
        first, second = linked[index - 1], linked[index]
        same_dimension = DIMENSIONS.get(first.unit) and DIMENSIONS.get(
            first.unit
        ) == DIMENSIONS.get(second.unit)
        if (
            same_dimension
            and first.unit != second.unit
            and _SAME_AS_JOIN.match(text[first.end : second.start])
        ):
            linked[index] = _replace(second, same_as=first.claim_id)
    return linked


def extract_corpus(corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims and rejected numbers for every article of a corpus table (see ``corpus.py``)."""
    claims: list[Claim] = []
    rejected: list[Rejected] = []
    for row in corpus.itertuples(index=False):
        published = None if pd.isna(row.published) else row.published.date()
        found, left_out = extract_text(row.text, row.article_id, published)
        claims += found
        rejected += left_out
    claims_frame = pd.DataFrame([asdict(c) for c in claims], columns=CLAIM_COLUMNS)
    rejected_frame = pd.DataFrame([asdict(r) for r in rejected], columns=REJECTED_COLUMNS)
    return claims_frame.astype({"low": float, "high": float, "hedged": bool}), rejected_frame
