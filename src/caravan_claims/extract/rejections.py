"""Step: numbers that are not figures — page furniture, telephone numbers, tokens glued to letters,
ordinals, dates, years and clock times, identifiers ("Title 42"), rate bases ("per 100,000") and
number words that count nothing ("one of", "the two nations") — each with the reason a reader sees
in ``rejected_numbers.csv``."""

from __future__ import annotations

import bisect
import re

from caravan_claims import context
from caravan_claims.context import Span
from caravan_claims.extract.lexicon import (
    IDENTIFIER_WORDS,
    JUNK_OPENINGS,
    MEASURE_UNITS,
    MONTH_WORDS,
    NATIONALITY_PLURAL,
)
from caravan_claims.extract.records import Figure
from caravan_claims.extract.units import counted_noun
from caravan_claims.numbers import MAX_FIGURE, UNITS_WORDS, is_figure_size

# Page furniture a scraper keeps: ads, share and comment counters, photo credits, bylines with
# times, "published 3 hours ago". Numbers on such lines are never figures. Lines are tested by
# how they begin (cheap, ``junk_openings.csv``) and only then, for a few cues, by a pattern.
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


def junk_spans(text: str) -> list[Span]:
    spans = []
    for line in _LINE.finditer(text):
        words = line.group().lstrip().lower()
        if words.startswith(JUNK_OPENINGS) or (
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


def word_before(text: str, position: int) -> str:
    """The word just before ``position``, skipping spaces and one comma ("June 5" → "June")."""
    head = text[max(0, position - 40) : position].rstrip(" \t").removesuffix(",").rstrip(" \t")
    words = head.rsplit(None, 1)
    return words[-1].lstrip('“"(‘') if words else ""


_ATTACHED_BEFORE = re.compile(r"[\w\-/#@:|]")
_SCALE_SUFFIX = re.compile(r"(?i)(?:k|m|bn|mn|tn|b)\b")
_PENCE_AFTER = re.compile(r"p\b(?!\.)")  # "75p"
_PLURAL_SUFFIX = re.compile(r"(?i)s\b")
_SLASH_OR_COLON_AFTER = re.compile(r"[/:]\d")
_SLASH_OR_COLON_BEFORE = re.compile(r"\d[/:]$")
_BEFORE_DIGITS = re.compile(r"^\D+")  # a currency sign
_LEADING_ZERO = re.compile(r"0\d+")
_DURATION_ADJECTIVE = re.compile(
    r"(?i)-(?:days?|weeks?|months?|hours?|minutes?|seconds?|years?)\b(?!-old|s-old)"
)
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{context.MONTH_NAME}")
_DAY_RANGE_BEFORE = re.compile(rf"{context.MONTH_NAME}\s+\d{{1,2}}\s*[-–]\s*$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
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


def rejection_reason(
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
    core = _BEFORE_DIGITS.sub("", text[fig.number_start : fig.number_end])
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
        if _SCALE_SUFFIX.match(after) or _PENCE_AFTER.match(after):
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
        word_before(text, fig.number_start) in MONTH_WORDS or _MONTH_AFTER.match(after)
    ):
        return "date: day of the month"
    if _DAY_RANGE_BEFORE.search(text, max(0, fig.number_start - 16), fig.number_start):
        return "date: the end of a range of days ('Nov. 15-16')"
    if _YEAR.fullmatch(core) and not fig.currency:
        noun = counted_noun(text, fig.number_end, sentence.end)
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
    previous = word_before(text, fig.number_start)
    if previous in IDENTIFIER_WORDS or _IDENTIFIER_PREFIX.fullmatch(previous):
        return f"identifier: '{previous} {core}'"
    return None


def keep_word_number(text: str, fig: Figure, sentence_end: int) -> bool:
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
    if word_before(text, fig.number_start).lower() in _POSSESSIVES:
        return False
    if _MEASURE_COMPOUND.match(text, fig.number_end):
        return True
    return counted_noun(text, fig.number_end, sentence_end) is not None


# --- what the figure counts ------------------------------------------------------------------
