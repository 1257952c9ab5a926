"""Step: numbers that are not figures — page furniture, telephone numbers, tokens glued to letters,
ordinals, dates, years and clock times, identifiers ("Title 42"), rate bases ("per 100,000") and
number words that count nothing ("one of", "the two nations") — each with the reason a reader sees
in ``rejected_numbers.csv``."""

from __future__ import annotations

import math
import re
from functools import cache

from caravan_claims import context, lexicons
from caravan_claims.context import Span
from caravan_claims.dates import WEEKDAYS
from caravan_claims.extract import measures
from caravan_claims.extract.lexicon import (
    COUNTED_NOUNS,
    IDENTIFIER_WORDS,
    JUNK_OPENINGS,
    MEASURE_UNITS,
    MONTH_WORDS,
    NATIONALITY_PLURAL,
    PEOPLE_NOUNS,
    QUALIFIER_PHRASES,
    STOP_WORDS,
    longest_first,
)
from caravan_claims.extract.records import Figure
from caravan_claims.extract.units import TEMPERATURE_BEFORE, counted_noun, opens_its_line
from caravan_claims.numbers import MAX_FIGURE, SCALES, UNITS_WORDS, is_figure_size

# Page furniture a scraper keeps: ads, share and comment counters, photo credits, bylines with
# times, "published 3 hours ago". Numbers on such lines are never figures. Lines are tested by
# how they begin (cheap, ``junk_openings.csv``) and only then, for a few cues, by a pattern.
_JUNK_PATTERNS = re.compile(
    r"(?i)image\s+\d+\s+of\s+\d+|updated\b.{0,40}\d:\d\d|(?:published|posted|updated)\b.{0,30}\bago\s*$"
)
_COUNTER_LINE = re.compile(
    r"(?i)\b\d[\d.,]*\s*[KkMm]?\s+(?:comments?|shares?|likes?|views?|replies)\s*$"
)


# Telephone numbers: "1-800-555-0199", "(202) 555-0143".
_PHONE = re.compile(r"(?:\b1[-.\s])?(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b")
_CLOCK_AFTER = re.compile(r"(?i)^(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o['’]clock|noon|midnight)(?!\w)")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")


def _opens_junk(words: str) -> bool:
    """A line that begins with a furniture word ("Share 5 comments", not "Shares of ...")."""
    return words.startswith(JUNK_OPENINGS) and any(
        words.startswith(opening) and not words[len(opening) : len(opening) + 1].isalpha()
        for opening in JUNK_OPENINGS
    )


def _is_junk_line(line: str) -> bool:
    words = line.lstrip().lower()
    return _opens_junk(words) or (
        len(words) < 120 and bool(_JUNK_PATTERNS.match(words) or _COUNTER_LINE.search(words))
    )


class JunkLines:
    """Which lines of a text are page furniture, each line judged when a number on it asks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._judged: dict[int, bool] = {}  # line start -> junk or not
        self._last = (0, 0)  # the offset asked last and the start of its line

    def holds(self, offset: int) -> bool:
        """Whether the line holding ``offset`` is junk."""
        text = self.text
        # numbers are asked about in reading order: look back only to the one asked before, or
        # a line without breaks is read back to its start once per number on it
        asked, its_start = self._last
        since = asked if asked <= offset else 0
        start = text.rfind("\n", since, offset) + 1 or (its_start if since else 0)
        self._last = (offset, start)
        if start not in self._judged:
            end = text.find("\n", offset)
            self._judged[start] = _is_junk_line(text[start : end if end != -1 else len(text)])
        return self._judged[start]


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
# "on 14 October", and the first day of a range of days ("between 14 and 20 October")
_MONTH_AFTER = re.compile(
    rf"(?:\s*(?:and|to|[-–])\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?{context.MONTH_NAME}"
)
_DAY_RANGE_BEFORE = re.compile(rf"{context.MONTH_NAME}\s+\d{{1,2}}\s*[-–]\s*$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_IDENTIFIER_PREFIX = re.compile(r"(?:FY|No\.?|#)")
_DIGIT_BEFORE_DASH = re.compile(r"\d\s?-$")
_OF_AFTER = re.compile(r"(?i)\s+of\b")
# "2. OVERVIEW", "3) Health": one or two digits opening a line, then a point or a bracket
_LIST_MARKER_AFTER = re.compile(r"[.)][ \t]+\S")
_FREQUENCY_AFTER = re.compile(r"[ \t]?FM\b")
_RADIO_BEFORE = re.compile(r"\bRadio(?:[ \t]+[A-Z][\w'’-]*){0,3}[ \t]+$")
_INDENT_BEFORE = re.compile(r"(?:^|\n)[ \t]{0,12}$")  # only an indent before a list marker
# a subtitle file's cue: its number on a line of its own, then "00:00:39,200 --> 00:00:43,600"
_SUBTITLE_TIMING = r"(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3}"
_SUBTITLE_TIMING_AFTER = re.compile(rf"[ \t]*\r?\n[ \t]*{_SUBTITLE_TIMING}[ \t]+-->")
_SUBTITLE_TIMING_LINE = re.compile(rf"[ \t]*{_SUBTITLE_TIMING}[ \t]+-->[ \t]+{_SUBTITLE_TIMING}")


# "nine of them", "seven of whom": a count of the people or things just named
OF_PRONOUN_AFTER = re.compile(r"(?i)\s+of\s+(?:them|whom|those)\b")
_TOLL_BEFORE = re.compile(
    r"(?i)\btoll\s+(?:(?:has|had|have|now)\s+)?(?:rose|rises|risen|climbed|climbs|stands|stood|"
    r"remains|remained|is|was|reached|reaches|went|goes|to|at)(?:\s+(?:up\s+)?(?:to|at))?\s+$"
    # "the death toll from last night's bus crash on Route 186 has risen to three"
    r"|\btoll\s+(?:from|of|in)\b[^.;:!?\n]{0,60}?\s(?:has|had|have)\s+(?:risen|climbed|reached)"
    r"(?:\s+to)?\s+$"
)
# "confirmed four dead", "Two had died, and four more were found dead", "Two die as ..."
_HARMED_AFTER = re.compile(
    r"(?i)\s+(?:more\s+)?(?:(?:were|have\s+been|had\s+been|have|had)\s+(?:found\s+)?)?"
    r"(?:dead|died|die|dies|killed|injured|wounded|hurt|drowned)\b"
)
# One person harmed, counted with "one" or with an article: "One man drowned", "One, a Venezuelan
# man, died", "one passenger was injured", "One death:", "One Nicaraguan man collapsed and died",
# "A Honduran man, 52, was struck and killed", "a man from Honduras died"
_HARMED_PERSON_NOUN = rf"(?:{lexicons.word_alternation('one_person_nouns')})"
_HARMED_PERSON = (
    rf"(?:\s+[\w'’-]+){{0,2}}?\s+{_HARMED_PERSON_NOUN}\b(?:\s+from\s+(?:the\s+)?[\w'’-]+)?"
)
_HARMED_VERB = (
    r"(?:,[^,.;]{1,60},)?\s+(?:has\s+|had\s+)?(?:been\s+|was\s+)?"
    r"(?:(?:struck|hit|run\s+over|collapsed)\s+and\s+)?"
    r"(?:died|drowned|killed|found\s+dead|injured|hurt|wounded)\b"
)
_ONE_HARMED_AFTER = re.compile(rf"(?i)(?:{_HARMED_PERSON})?{_HARMED_VERB}|\s+(?:death|fatality)\b")
PERSON_HARMED_AFTER = re.compile(rf"(?i){_HARMED_PERSON}{_HARMED_VERB}")
# "Fifteen were taken to the hospital", "Of them, three died": a number word as the subject
SUBJECT_VERB_AFTER = re.compile(r"(?i)\s+(?:were|are|have\s+been|had\s+been|remain(?:ed)?|died)\b")
# ... at the start of its sentence or clause: "; three were", "and that five were taken"
_SUBJECT_OPENING = re.compile(
    r"(?i)(?:^|;|\band(?:\s+that)?|\bthat|(?:of\s+(?:them|those|these),?|among\s+them,?)\s*)$"
)
# "Nine of the migrants were taken ...", "Twelve of the injured": a part of the people named
_OF_PEOPLE_AFTER = re.compile(
    r"(?i)\s+of\s+(?:the|these|those|its|their|our|my|his|her)\s+([\w'’-]+)(?:\s+([\w'’-]+))?"
)


@cache
def _of_our_actors_after() -> re.Pattern[str]:
    """ "of our staff", "of my colleagues": people of the writer's own organisation."""
    actors = lexicons.alternation("actor_nouns")
    return re.compile(rf"(?i)\s+of\s+(?:our|my)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{actors})\b")


_PEOPLE_NEXT = re.compile(rf"(?i)\s+(?:{longest_first(PEOPLE_NOUNS)})\b")
_HARMED_PEOPLE = {"injured", "wounded", "hurt", "dead", "sick", "survivors", "victims"}
# "took nine to the regional hospital": people taken to hospital
_TAKEN_BEFORE = re.compile(
    r"(?i)\b(?:took|taken|sent|rushed|transferred|evacuated|airlifted|flew)\s+$"
)
_TO_HOSPITAL_AFTER = re.compile(
    r"(?i)\s+(?:more\s+)?to\s+(?:a|the)\s+(?:[\w'’-]+\s+){0,3}hospitals?\b"
)
_DATED_MONTH_BEFORE = re.compile(
    rf"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+"
    rf"(?:{longest_first(MONTH_WORDS)}),?[ \t]+$"
)
_SCALED_WORDS = re.compile(r"(?i)(?:dozen|hundred|thousand|million|billion)$")
_MEASURE_COMPOUND = re.compile(r"(?i)-(?:year|mile|kilometer|kilometre|foot|meter|metre)")
_SHARE_AFTER = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?:\d|(?i:{'|'.join(sorted(UNITS_WORDS, key=len, reverse=True))})\b)"
)
_SHARE_BEFORE = re.compile(rf"(?i)\b(?:\d+|{'|'.join(UNITS_WORDS)})\s+(?:in|out\s+of)\s+$")
_RATE_BASE_BEFORE = re.compile(r"(?i)\bper\s+$")
# An era, not a duration: "66 million years ago". Days, weeks and months ago stay figures (how long
# ago a caravan set out is what coverage reports).
_AGO_AFTER = re.compile(r"(?i)\s+(?:years?|decades?|centuries)\s+ago\b")
_PEOPLE_OR_COUNTED = PEOPLE_NOUNS | COUNTED_NOUNS
_YEAR_PREPOSITIONS = {"in", "with", "than", "of", "from", "to", "since", "at"}
_DEMONSTRATIVES = {"the", "these", "those"}
_POSSESSIVES = {"the", "these", "those", "its", "their", "his", "her", "our", "both", "all"}


def rejection_reason(text: str, fig: Figure, junk: JunkLines, sentence: Span) -> str | None:
    """Why a number is not a figure, or None when it is one."""
    if fig.exponent and not math.isfinite(fig.low):
        return "too large to be a figure (beyond a float)"
    if not fig.exponent and not (is_figure_size(fig.low) and is_figure_size(fig.high)):
        return f"too large to be a figure (above {MAX_FIGURE:.0e})"
    if junk.holds(fig.number_start):
        return "junk: page furniture or an advertisement"
    if "-->" in text[max(0, fig.number_start - 20) : fig.number_end + 20] and _in_subtitle_timing(
        text, fig
    ):
        return "date: a subtitle's timing ('00:39.200 --> 00:43.600')"
    if fig.kind == "digit" and _in_phone_number(text, fig):
        return "identifier: a telephone number"
    after = text[fig.number_end : fig.number_end + 20]
    if _DURATION_ADJECTIVE.match(after):
        return "duration used as an adjective"
    if _AGO_AFTER.match(after):
        return "date: an era ('66 million years ago')"
    if fig.kind != "digit":
        return None
    core = _BEFORE_DIGITS.sub("", text[fig.number_start : fig.number_end])
    if _FREQUENCY_AFTER.match(after) or (
        "." in core and _RADIO_BEFORE.search(text, max(0, fig.number_start - 40), fig.number_start)
    ):
        return "identifier: a radio frequency ('Radio Oriente 95.1', '102.5 FM')"
    if (
        len(core) <= 2
        and _LIST_MARKER_AFTER.match(after)
        and opens_its_line(text, fig.number_start, _INDENT_BEFORE, reach=14)
    ):
        return "list marker: a numbered heading or point ('2. COLISEUM REGISTER')"
    if _SUBTITLE_TIMING_AFTER.match(text, fig.number_end) and opens_its_line(
        text, fig.number_start, _INDENT_BEFORE, reach=14
    ):
        return "list marker: a subtitle cue's number (its timing line follows)"
    return (
        _glued_reason(text, fig, after, core)
        or _date_or_time_reason(text, fig, after, core, sentence)
        or _identifier_reason(text, fig, core)
        or _rate_base_reason(text, fig)
        or _score_reason(text, fig, sentence)
        or _code_reason(text, fig, core, sentence)
        or _name_reason(text, fig, core, sentence)
    )


def _in_subtitle_timing(text: str, fig: Figure) -> bool:
    line_start = text.rfind("\n", max(0, fig.number_start - 40), fig.number_start) + 1
    timing = _SUBTITLE_TIMING_LINE.match(text, line_start)
    return timing is not None and timing.start() <= fig.number_start < timing.end()


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
        if _glued_unit(text, fig.number_end):
            return None  # "1TB", "4.05GHz", "120mm", "21.1C"
        return "identifier: number attached to letters"
    if _LEADING_ZERO.fullmatch(core):
        return "junk: number with a leading zero (a counter or code)"
    if before == "[" and after.startswith("]"):
        return "citation marker"
    return None


def _glued_unit(text: str, position: int) -> bool:
    """A unit symbol glued to the digits: one from the project's table, one of pint's own symbols
    of two or more characters, or a lower-case one-letter symbol ("5g", "2m"); a lone capital
    is a name ("5G", "4K")."""
    found = measures.unit_after(text, position, min(len(text), position + 12))
    if found is None:
        return False
    written = found[0]
    return len(written) > 1 or written.islower() or measures.in_usage_table(written)


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
    month_before = word_before(text, fig.number_start) in MONTH_WORDS and not (
        _DATED_MONTH_BEFORE.search(text, max(0, fig.number_start - 24), fig.number_start)
    )  # "on 8 December 27 persons were hospitalised": the month has its day already
    if day_like and (month_before or _MONTH_AFTER.match(after)):
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
            or _year_before_noun(text, fig, noun[0])
            or noun[0].lower().rstrip("s") in SCALES  # "In October 2018 thousands crossed"
        ):
            return "date: a year"
    return None


def _rate_base_reason(text: str, fig: Figure) -> str | None:
    """ "40 per 100,000 residents": the 100,000 is the base of a rate, not a figure."""
    if _RATE_BASE_BEFORE.search(text, max(0, fig.number_start - 6), fig.number_start):
        return "rate base: the 'per N' of a rate"
    return None


_VERSION_AFTER = re.compile(r"\.\d")
_NAME_WORD_AFTER = re.compile(r"-[A-Z][a-z]")  # "7-Eleven", "3-M"


def _identifier_reason(text: str, fig: Figure, core: str) -> str | None:
    """ "Title 42", "Highway 200", "No. 5", "2.4.1", "7-Eleven": a number that names rather than
    counts."""
    if fig.currency or "," in core:
        return None
    if "." in core and _VERSION_AFTER.match(text, fig.number_end):
        return f"version: '{core}{text[fig.number_end : fig.number_end + 2]}…'"
    if core.isdigit() and _NAME_WORD_AFTER.match(text, fig.number_end):
        return "name: a number joined to a capitalised word"
    previous = word_before(text, fig.number_start)
    if previous in IDENTIFIER_WORDS or _IDENTIFIER_PREFIX.fullmatch(previous):
        return f"identifier: '{previous} {core}'"
    return None


def keep_word_number(text: str, fig: Figure, sentence_start: int, sentence_end: int) -> bool:
    """Number words are figures only when they count something ("two dozen states", "ten
    years"), not in "one of", "the two nations" or "one in October"."""
    lowered = fig.text.lower().strip()
    if _SHARE_AFTER.match(text, fig.number_end) or _SHARE_BEFORE.search(
        text, max(0, fig.number_start - 30), fig.number_start
    ):
        return True  # "one in five", "three out of four"
    if lowered == "one" and _ONE_HARMED_AFTER.match(text, fig.number_end):
        return True  # "One man drowned", "One death": a toll of one
    if lowered in {"a", "an"} and PERSON_HARMED_AFTER.match(text, fig.number_end):
        return True  # "A Honduran man was killed"
    if lowered in {"one", "a", "an", "zero"}:
        return False
    if OF_PRONOUN_AFTER.match(text, fig.number_end):
        return True
    if _TOLL_BEFORE.search(text, max(sentence_start, fig.number_start - 100), fig.number_start):
        return True  # "the toll rose to three", "the death toll remains at two"
    if _HARMED_AFTER.match(text, fig.number_end):
        return True  # "confirmed four dead", "Two die as truck overturns"
    opening = text[max(sentence_start, fig.number_start - 20) : fig.number_start]
    if SUBJECT_VERB_AFTER.match(text, fig.number_end) and _SUBJECT_OPENING.search(opening.strip()):
        return True
    if _OF_AFTER.match(text, fig.number_end):
        if _of_our_actors_after().match(text, fig.number_end):
            return True  # "Six of our staff": the writer's own people
        people = _OF_PEOPLE_AFTER.match(text, fig.number_end)
        named = {(w or "").lower() for w in people.groups()} if people else set()
        return bool(_SCALED_WORDS.search(lowered)) or bool(named & (PEOPLE_NOUNS | _HARMED_PEOPLE))
    if _TO_HOSPITAL_AFTER.match(text, fig.number_end) and _TAKEN_BEFORE.search(
        text, max(sentence_start, fig.number_start - 20), fig.number_start
    ):
        return True
    before = word_before(text, fig.number_start).lower()
    if before in _POSSESSIVES:
        # "the four suspects", "the two men who drowned": people counted; not "the two nations"
        # nor a family's "their three children"
        return before in _DEMONSTRATIVES and _PEOPLE_NEXT.match(text, fig.number_end) is not None
    if _MEASURE_COMPOUND.match(text, fig.number_end):
        return True
    words = re.split(r"[\s-]+", lowered)
    if len(words) > 1 and {"hundred", "thousand", "million", "billion"} & set(words):
        return True  # "it received two thousand five hundred": a number nobody writes idly
    return counted_noun(text, fig.number_end, sentence_end) is not None


# --- what the figure counts ------------------------------------------------------------------


def _year_before_noun(text: str, fig: Figure, noun: str) -> bool:
    """ "compared with 1990 levels", "in 2012 prices": a year after a preposition, before a noun
    that counts neither people nor things."""
    previous = word_before(text, fig.number_start).lower()
    return previous in _YEAR_PREPOSITIONS and noun not in _PEOPLE_OR_COUNTED


# "112-104", "a 9-2 vote", "29-0": two whole numbers joined by a dash are a score, a tally or a
# record when the first is larger (a range never is) or a word of results is next to them; never
# when a counted noun or unit follows ("9-12 people").
_SCORE = re.compile(r"(?<![\w.,$€£/\-–])(\d{1,3})[-–](\d{1,3})(?![\w%°/]|[.,]\d|[-–]\d)")
_SCORE_AFTER = re.compile(
    r"(?i)\s+(?:win|victory|loss|defeat|vote|decision|ruling|draw|tie|lead|record|home|away|"
    r"scoreline|margin|majority|split)\b"
)
_SCORE_BEFORE = re.compile(
    r"(?i)\b(?:won|beat|beating|lost|losing|drew|defeated|passed|ruled|voted|score|scored|"
    r"record|improved\s+to)\s+(?:\w+\s+){0,3}$"
)


def _score_reason(text: str, fig: Figure, sentence: Span) -> str | None:
    window_start = max(sentence.start, fig.number_start - 5)
    for match in _SCORE.finditer(text, window_start, min(sentence.end, fig.number_end + 5)):
        if match.start() <= fig.number_start < match.end():
            return _judge_score(text, match, sentence)
    return None


def _judge_score(text: str, match: re.Match[str], sentence: Span) -> str | None:
    noun = counted_noun(text, match.end(), sentence.end)
    if noun and (noun[0] in _PEOPLE_OR_COUNTED or noun[0] in MEASURE_UNITS):
        return None
    descending = int(match.group(1)) > int(match.group(2))
    cue = _SCORE_AFTER.match(text, match.end(), sentence.end) or _SCORE_BEFORE.search(
        text, max(sentence.start, match.start() - 40), match.start()
    )
    return "score, tally or record ('3-1', 'a 9-2 vote')" if descending or cue else None


_POSTAL_WORDS = re.compile(r"(?i)\b(?:zip|postcode|postal\s+code|zip\s+code)s?\b")
_POSTAL_SHAPE = re.compile(r"\d{5}")


def _code_reason(text: str, fig: Figure, core: str, sentence: Span) -> str | None:
    """ "ZIP codes such as 90210": a five-digit number the sentence calls a postal code; "12 Elm
    Street": a street number."""
    if _POSTAL_SHAPE.fullmatch(core) and _POSTAL_WORDS.search(
        text, max(sentence.start, fig.number_start - 80), fig.number_start
    ):
        return "code: a ZIP or postal code"
    street = _street_after().match(text, fig.number_end, sentence.end) if core.isdigit() else None
    if street and not any(w.lower() in PEOPLE_NOUNS for w in street.group().split()):
        return "code: a street number"  # not "300 Migrants Reach Main Street" in a headline
    return None


@cache
def _street_after() -> re.Pattern[str]:
    types = "|".join(re.escape(r["word"]) for r in lexicons.rows("street_types"))
    return re.compile(rf"\s+(?:[NSEW]\.\s+)?(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s+){{1,3}}(?:{types})(?!\w)")


# A capitalised word, a brand with inner capitals or an abbreviation right before a whole number
# names it ("Game 6", "S&P 500", "iPhone 15", "Windows 11"), unless what follows says it counts.
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(“\"‘]))(?P<name>[A-Za-z][\w&]*(?:&\w+)?)[ \u00a0]$")
_NOT_NAMES = (
    STOP_WORDS | {phrase for phrases in QUALIFIER_PHRASES.values() for phrase in phrases}
    | {"only", "nearly", "almost", "another", "all", "some", "just", "exactly", "total", "top"}
)  # fmt: skip


def _name_reason(text: str, fig: Figure, core: str, sentence: Span) -> str | None:
    if fig.currency or not core.isdigit():
        return None
    found = _NAME_BEFORE.search(text, max(sentence.start, fig.number_start - 30), fig.number_start)
    if found is None:
        return None
    name = found.group("name")
    if not any(char.isupper() for char in name) or name.lower() in _NOT_NAMES:
        return None
    if name in MONTH_WORDS or NATIONALITY_PLURAL.match(name) or name.lower() in PEOPLE_NOUNS:
        return None
    if name.lower() in WEEKDAYS and int(core) > 31:
        return None  # "On Thursday 64 of them were handed over": no day of a month, a count
    if _counts_something(text, fig.number_end, sentence.end):
        return None
    reach = max(sentence.start, fig.number_start - 40)
    if TEMPERATURE_BEFORE.search(text, reach, fig.number_start):
        return None  # a forecast's "Highs 89 to 93": a temperature, not a name
    return f"name: '{name} {core}'"


def _counts_something(text: str, position: int, limit: int) -> bool:
    if text[position : position + 2].strip().startswith("%"):
        return True
    noun = counted_noun(text, position, limit)
    return noun is not None and (noun[0] in _PEOPLE_OR_COUNTED or noun[0] in MEASURE_UNITS)
