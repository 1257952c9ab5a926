"""Step: how sure the text is of a figure (its qualifier: the phrase just before the number,
longest first, or "or more" / "or so" just after) and whether it is a rate ("a day", "the daily
average of")."""

from __future__ import annotations

import re

from caravan_claims.context import Span
from caravan_claims.extract.lexicon import (
    PER_WORDS,
    QUALIFIER_NEGATION_GAPS,
    QUALIFIER_NEGATIONS,
    QUALIFIER_PHRASES,
    longest_first,
)
from caravan_claims.extract.records import Figure

_PHRASE_KIND = {phrase: kind for kind, phrases in QUALIFIER_PHRASES.items() for phrase in phrases}
_LONGEST_PHRASE = max(len(phrase.split()) for phrase in _PHRASE_KIND)
# The last word of every phrase: where the words before a number end otherwise, none can match.
_LAST_WORDS = frozenset(phrase.split(" ")[-1] for phrase in _PHRASE_KIND)
_FILLERS = (("a", "record"), ("of",))  # "more than a record 10,000", "a minimum of"
_PREFIX_WORD = re.compile(r"[^\s“\"(‘]+")
_QUALIFIER_AFTER = [
    ("lower", re.compile(r"(?i)\s*(?:-?plus\b|\+|or\s+more\b|and\s+up\b|and\s+more\b)")),
    ("approx", re.compile(r"(?i)\s*(?:or\s+so\b|-odd\b|or\s+thereabouts\b)")),
]


# "has never exceeded 2,100", "did not go above 3,000": the negation turns a floor into a ceiling
def _alternation(words: frozenset[str]) -> str:
    return longest_first(words).replace(r"\ ", r"\s+")


_CONTRACTED = frozenset(w for w in QUALIFIER_NEGATIONS if w[:2] in {"n'", "n’"})  # "didn't"
_NEGATED = re.compile(
    rf"(?i)(?:(?<![\w'’])(?:{_alternation(QUALIFIER_NEGATIONS - _CONTRACTED)})"
    rf"|{_alternation(_CONTRACTED)})\s+(?:(?:{_alternation(QUALIFIER_NEGATION_GAPS)})\s+)?$"
)
_FLIPPED = {"lower": "upper", "upper": "lower"}
_PAST_AS_TIME = re.compile(r"(?i)\b(?:the|last|this|over\s+the|in\s+the)\s+past\s+$")
CHANGE_VERB = re.compile(
    r"(?i)\b(?:rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|"
    r"decreasing|grew|grow|growing|grown|jumped?|jumping|dropped|drop|dropping|climbed?|"
    r"declined?|declining|surged?|soared?|went|go|goes|going|swelled|shrank|doubled|tripled"
    r")\s+(?:\w+\s+){0,2}$"
)
# "1,200 a day", "visas per week"; not "910 people a week earlier" (a time, not a rate)
_PER = re.compile(
    r"(?i)^[\s,]*(?:\w+\s+){0,3}?(?P<per>(?:a|per|each|every|an)\s+(?P<unit>day|week|month|year|"
    r"hour)|daily|weekly|monthly|annually|yearly|a\s+single\s+day|in\s+a\s+single\s+day|"
    r"in\s+one\s+day)\b(?!\s+(?:earlier|later|ago|before|after|on|into)\b)"
)
_COMMA_OR_SEMICOLON = re.compile(r"[,;]")
_PER_BEFORE = re.compile(
    r"(?i)\b(?:(?P<adj>daily|weekly|monthly|annual|yearly)\s+(?:average|total|figure|rate|count|"
    r"tally|number|high|record|peak)\s+(?:of\s+)?(?:about\s+|around\s+|nearly\s+)?$"
    r"|(?P<days>days?|weeks?|months?)\b[^.;]{0,40}\b(?:when|with|where|in\s+which)\b)"
)


def _qualifier_before(prefix: str) -> tuple[str, int] | None:
    """The qualifier phrase that ends ``prefix`` (the words just before a number), as
    ``(kind, offset of the phrase in prefix)``; the longest phrase wins."""
    spans = list(_PREFIX_WORD.finditer(prefix))[-(_LONGEST_PHRASE + 2) :]
    words = [m.group().lower() for m in spans]
    for filler in ((), *_FILLERS):
        if filler and tuple(words[-len(filler) :]) != filler:
            continue
        usable = len(words) - len(filler)
        if not usable or words[usable - 1] not in _LAST_WORDS:
            continue
        for size in range(min(_LONGEST_PHRASE, usable), 0, -1):
            phrase = " ".join(words[usable - size : usable])
            if phrase in _PHRASE_KIND:
                return _PHRASE_KIND[phrase], spans[usable - size].start()
    return None


def qualify(text: str, fig: Figure, sentence: Span) -> None:
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
                negated = kind in _FLIPPED and _NEGATED.search(prefix[:offset])
                fig.qualifier = _FLIPPED[kind] if negated else kind
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


# "40 occupants per toilet", "20 per toilet": a ratio to a thing, not a rate in time
_RATIO = re.compile(
    r"(?i)^[ \t]+per[ \t]+(?!(?:cent|capita|day|week|month|year|hour)\b)(?P<thing>[a-z]+)\b"
)


def rate(text: str, fig: Figure, sentence: Span) -> None:
    after = text[fig.noun_end : min(sentence.end, fig.noun_end + _RATE_WINDOW)]
    ratio = _RATIO.match(after)
    if ratio:
        fig.per = ratio.group("thing").lower()
        fig.quote_end = fig.noun_end + ratio.end()
        return
    match = _PER.match(after)
    if match and not _COMMA_OR_SEMICOLON.search(after[: match.start("per")]):
        word = match.group("per").lower()
        fig.per = (match.group("unit") or PER_WORDS.get(word) or "day").lower()
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
