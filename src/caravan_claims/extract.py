"""Stage 2 — every figure an article reports, with qualifier, unit, rate, hedge, source and period.

One row per figure. Offsets index the article text exactly as decoded, so
``text[start:end] == quote`` always holds. Numbers that are *not* figures (dates, years, clock
times, ordinals, identifiers such as "Title 42", citation markers, scrape junk) are returned
separately with the reason, so a reader can audit what was left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

from caravan_claims import context
from caravan_claims.context import Span
from caravan_claims.numbers import (
    DIGIT_NUMBER,
    VAGUE_NUMBER,
    WORD_NUMBER,
    parse_digits,
    parse_vague,
    parse_words,
)

CLAIM_COLUMNS = [
    "claim_id", "article_id", "start", "end", "quote", "low", "high", "qualifier", "unit",
    "noun", "per", "hedged", "hedge_cue", "attributed_to", "period", "period_text", "same_as",
    "sentence_start", "sentence_end", "sentence",
]  # fmt: skip
REJECTED_COLUMNS = ["article_id", "start", "end", "text", "reason", "sentence"]
QUALIFIERS = ("exact", "approx", "lower", "upper", "range", "vague")
NEIGHBOUR_DISTANCE = 40  # characters: how close a figure must be to lend a bare number its unit

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
    "entries", "inadmissibles", "releases", "returns", "units",
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
    "hour": "hours", "minutes": "minutes", "minute": "minutes",
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

_QUALIFIER_PREFIXES = [
    ("range", r"between"),
    ("range", r"(?:ranging|range)\s+from|from"),
    ("lower", r"more\s+than|over|at\s+least|in\s+excess\s+of|upwards\s+of|upward\s+of|"
              r"exceeded|exceeding|exceeds|exceed|surpassed|surpassing|topped|topping|"
              r"north\s+of|above|greater\s+than|no\s+fewer\s+than|no\s+less\s+than|"
              r"a\s+minimum\s+of|just\s+over|well\s+over|well\s+above|higher\s+than|past"),
    ("upper", r"as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|up\s+to|fewer\s+than|less\s+than|"
              r"under|nearly|almost|within|no\s+more\s+than|at\s+most|a\s+maximum\s+of|"
              r"just\s+under|just\s+shy\s+of|shy\s+of|close\s+to|below|not\s+quite"),
    ("approx", r"about|around|roughly|approximately|approx\.|an\s+estimated|estimated\s+at|"
               r"estimated|an\s+approximate|some|circa|ca\.|in\s+the\s+region\s+of|"
               r"on\s+the\s+order\s+of|something\s+like|more\s+or\s+less|an\s+average\s+of|"
               r"averaging|nearly\s+about"),
]  # fmt: skip
_QUALIFIER_BEFORE = [
    (kind, re.compile(rf"(?i)(?<![\w'’])(?P<q>{words})\s+(?:of\s+)?(?:a\s+record\s+)?$"))
    for kind, words in _QUALIFIER_PREFIXES
]
_QUALIFIER_AFTER = [
    ("lower", re.compile(r"(?i)^(?P<q>\s*(?:-?plus\b|\+|or\s+more\b|and\s+up\b|and\s+more\b))")),
    ("approx", re.compile(r"(?i)^(?P<q>\s*(?:or\s+so\b|-odd\b|or\s+thereabouts\b))")),
]
_PAST_AS_TIME = re.compile(r"(?i)\b(?:the|last|this|over\s+the|in\s+the)\s+past\s+$")
_CHANGE_VERB = re.compile(
    r"(?i)\b(?:rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|"
    r"decreasing|grew|grow|growing|grown|jumped?|jumping|dropped|drop|dropping|climbed?|"
    r"declined?|declining|surged?|soared?|went|go|goes|going|swelled|shrank|doubled|tripled|"
    r"up|down)\s+(?:\w+\s+){0,2}$"
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
_JUNK_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:advertisement\b|ad\s+will\s+display|story\s+continues|click\s+here|"
    r"sign\s+up|subscribe\b|read\s+more\b|share\s+this|follow\s+us|skip\s+ad|loading\b).*$"
)
_CLOCK_AFTER = re.compile(r"(?i)^(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o['’]clock|noon|midnight)(?!\w)")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")

# The number alternatives in priority order: vague words, number words, then digits.
_NUMBER = re.compile(
    rf"(?P<currency>US\$|MX\$|[$€£])?\s?"
    rf"(?:{VAGUE_NUMBER.pattern}|{WORD_NUMBER.pattern}|(?<![\w.,]){DIGIT_NUMBER.pattern})",
    re.I,
)


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
    partners: list[Figure] = field(default_factory=list)


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
    sentence: str


# --- finding numbers -------------------------------------------------------------------------


def _numbers(text: str) -> Iterable[Figure]:
    for match in _NUMBER.finditer(text):
        currency = match.group("currency") or ""
        kind = "vague" if match.group("vague") else "words" if match.group("words") else "digits"
        start = match.start("currency") if currency else match.start(kind)
        if match.group("vague"):
            parsed = parse_vague(match.group("vague"))
            yield Figure(start, match.end(), parsed.low, parsed.high, "vague", match.group(),
                         currency)  # fmt: skip
        elif match.group("words"):
            value = parse_words(match.group("words"))
            yield Figure(start, match.end(), value, value, "word", match.group(), currency)
        else:
            value = parse_digits(match.group("digits"), match.group("scale"), match.group("abbr"))
            plain = parse_digits(match.group("digits"))
            yield Figure(start, match.end(), value, value, "digit", match.group(), currency,
                         scale=value / plain if plain else 1)  # fmt: skip


def _junk_spans(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _JUNK_LINE.finditer(text)]


def _word_before(text: str, position: int) -> str:
    match = re.search(r"([\w.’']+)[ \t]*,?[ \t]*$", text[max(0, position - 40) : position])
    return match.group(1) if match else ""


def _rejection_reason(text: str, fig: Figure, junk: list[Span], sentence: Span) -> str | None:
    """Why a number is not a figure, or None when it is one."""
    before = text[max(0, fig.number_start - 1) : fig.number_start]
    after = text[fig.number_end : fig.number_end + 12]
    core = text[fig.number_start : fig.number_end].lstrip("$€£US MX")
    if any(j.start <= fig.number_start < j.end for j in junk):
        return "junk: advertising or page furniture"
    if fig.kind == "digit":
        if re.match(r"[\w\-/#@:|]", before) and not (before == "-" and _is_range_dash(text, fig)):
            return "identifier: number attached to other characters"
        if re.match(r"[A-Za-z_]", after[:1]) and not re.match(r"(?i)(?:k|m|bn|mn|tn|b)\b", after):
            if _ORDINAL_AFTER.match(after):
                return "ordinal"
            if not re.match(r"(?i)(?:s\b)", after):
                return "identifier: number attached to letters"
            return "date: a decade" if re.fullmatch(r"\d{4}", core) else "identifier"
        if re.match(r"[/:]\d", after) or re.match(r"\d[/:]", text[fig.number_start - 2 : fig.number_start]):
            return "date or time: written with '/' or ':'"
        if re.fullmatch(r"0\d+", core):
            return "junk: number with a leading zero (a counter or code)"
        if _CLOCK_AFTER.match(after):
            return "clock time"
        if text[fig.number_start - 1 : fig.number_start] == "[" and after.startswith("]"):
            return "citation marker"
    if re.match(r"(?i)-(?:days?|weeks?|months?|hours?|minutes?|seconds?|years?)\b(?!-old|s-old)", after):
        return "duration used as an adjective"
    if fig.kind == "digit" and fig.low == int(fig.low) and 1 <= fig.low <= 31 and "," not in core:
        previous = _word_before(text, fig.number_start)
        if previous in MONTH_WORDS:
            return "date: day of the month"
        if re.match(rf"\s+(?:of\s+)?{context._MONTH_NAME}", after + text[fig.number_end + 12 : fig.number_end + 20]):
            return "date: day of the month"
    if fig.kind == "digit" and re.fullmatch(r"(?:1[89]|20)\d\d", core) and not fig.currency:
        noun = _counted_noun(text, fig.number_end, sentence.end)
        if noun is None or noun[0] in MEASURE_UNITS:
            return "date: a year"
    if fig.kind == "digit" and not fig.currency and "," not in core:
        previous = _word_before(text, fig.number_start)
        if previous in IDENTIFIER_WORDS or re.fullmatch(r"(?:FY|No\.?|#)", previous):
            return f"identifier: '{previous} {core}'"
    return None


def _is_range_dash(text: str, fig: Figure) -> bool:
    return bool(re.search(r"\d\s?$", text[max(0, fig.number_start - 4) : fig.number_start - 1]))


def _keep_word_number(text: str, fig: Figure, sentence_end: int) -> bool:
    """Number words are figures only when they count something ("two dozen states", "ten
    years"), not in "one of", "the two nations" or "one in October"."""
    lowered = fig.text.lower().strip()
    if lowered in {"one", "a", "zero"}:
        return False
    if re.match(r"(?i)\s+of\b", text[fig.number_end : fig.number_end + 5]):
        return bool(re.search(r"(?i)(?:dozen|hundred|thousand|million|billion)$", lowered))
    previous = _word_before(text, fig.number_start).lower()
    if previous in {"the", "these", "those", "its", "their", "his", "her", "our", "both", "all"}:
        return False
    if re.match(r"(?i)-(?:year|mile|kilometer|kilometre|foot|meter|metre)", text[fig.number_end :]):
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
        cursor = match.end()
    return None


def _compound_head(text: str, noun: str, end: int, limit: int) -> tuple[str, int]:
    """"migrant encounters": the last counted noun of a compound is the thing counted."""
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


def _noun_before(text: str, sentence: Span, position: int) -> str:
    """The nearest counted noun earlier in the sentence ("the migrants ... number approximately
    12,000"), for a figure with none after it."""
    words = re.findall(r"[A-Za-z][\w\-]*", text[sentence.start : position])
    for word in reversed(words):
        if word.lower() in PEOPLE_NOUNS | COUNTED_NOUNS or NATIONALITY_PLURAL.match(word):
            return word.lower() if not NATIONALITY_PLURAL.match(word) else word
        if word.lower() in {"caravan", "caravans", "crowd", "group"}:
            return "people"
    return ""


def _attach_unit(text: str, fig: Figure, sentence: Span) -> None:
    after = text[fig.number_end : fig.number_end + 24]
    compound = re.match(
        r"(?i)-(?P<n>year|day|week|month|hour|mile|kilometer|kilometre|foot|meter|metre)"
        r"(?P<old>s?-old)?\b", after
    )  # fmt: skip
    if fig.currency:
        fig.unit, fig.noun, fig.noun_end = CURRENCY_SYMBOLS[fig.currency], "", fig.number_end
        found = re.match(r"(?i)\s*(?:dollars?|pesos)\b", after)
        if found:
            fig.noun_end = fig.number_end + found.end()
        return
    if compound:
        fig.noun_end = fig.number_end + compound.end()
        if compound.group("old"):
            fig.unit, fig.noun = "age", "years old"
        else:
            fig.unit = MEASURE_UNITS[compound.group("n").lower() + "s"]
            fig.noun = compound.group("n").lower()
        return
    if re.match(r"\s?%", after):
        fig.unit, fig.noun, fig.noun_end = "percent", "%", fig.number_end + after.index("%") + 1
        return
    start = fig.number_end
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
    before = _noun_before(text, sentence, fig.number_start)
    fig.unit = _unit_for(before) if before else "count"


# --- ranges, chains, qualifiers ----------------------------------------------------------------

_RANGE_JOIN = re.compile(r"^(?:\s*[-–—]\s*|\s+to\s+|\s+and\s+)$", re.I)


def _group(text: str, figures: list[Figure]) -> list[Figure]:
    """Join "between A and B", "A to B" and "A–B" into one range; split chains such as
    "from 5% to 10% to 15%" (and changes such as "rose from 2,000 to 5,000") into their parts."""
    grouped: list[Figure] = []
    index = 0
    while index < len(figures):
        chain = [figures[index]]
        while index + len(chain) < len(figures):
            nxt = figures[index + len(chain)]
            join = text[chain[-1].number_end : nxt.number_start]
            if not _RANGE_JOIN.match(join) or nxt.kind == "vague" or chain[-1].kind == "vague":
                break
            if join.strip().lower() == "and" and not _starts_with_between(text, chain[0]):
                break
            chain.append(nxt)
        if len(chain) == 2 and _is_range(text, chain):
            grouped.append(_merge_range(chain))
        else:
            grouped.extend(_share_unit(chain))
        index += len(chain)
    return grouped


def _starts_with_between(text: str, fig: Figure) -> bool:
    return bool(re.search(r"(?i)\bbetween\s+$", text[max(0, fig.number_start - 9) : fig.number_start]))


def _is_range(text: str, pair: list[Figure]) -> bool:
    first, second = pair
    prefix = text[max(0, first.number_start - 40) : first.number_start]
    if re.search(r"(?i)\bfrom\s+$", prefix) and _CHANGE_VERB.search(prefix[: prefix.lower().rfind("from")]):
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
    merged.partners = [first, second]
    return merged


def _share_unit(chain: list[Figure]) -> list[Figure]:
    if len(chain) > 1:
        for fig in chain:
            fig.partners = [f for f in chain if f is not fig]
    return chain


def _qualify(text: str, fig: Figure, sentence: Span) -> None:
    fig.quote_start = fig.number_start
    prefix = text[max(sentence.start, fig.number_start - 60) : fig.number_start]
    if fig.kind == "vague":
        fig.qualifier = "vague"
    for kind, pattern in _QUALIFIER_BEFORE:
        match = pattern.search(prefix)
        if not match:
            continue
        word = match.group("q").lower()
        if word == "past" and _PAST_AS_TIME.search(prefix[: match.start("q")] + "past "):
            continue
        if kind == "range":
            if fig.qualifier == "range":
                fig.quote_start = fig.number_start - (len(prefix) - match.start("q"))
            continue
        fig.quote_start = fig.number_start - (len(prefix) - match.start("q"))
        if fig.qualifier not in {"range", "vague"}:
            fig.qualifier = kind
        break
    tail = text[fig.noun_end : fig.noun_end + 20]
    for kind, pattern in _QUALIFIER_AFTER:
        match = pattern.match(text[fig.number_end : fig.number_end + 20]) or pattern.match(tail)
        if match and fig.qualifier == "exact":
            fig.qualifier = kind
            base = fig.number_end if pattern.match(text[fig.number_end : fig.number_end + 20]) else fig.noun_end
            fig.noun_end = max(fig.noun_end, base + match.end())
            break


def _rate(text: str, fig: Figure, sentence: Span) -> None:
    after = text[fig.noun_end : sentence.end]
    match = _PER.match(after)
    if match and not re.search(r"[,;]", after[: match.start("per")]):
        word = match.group("per").lower()
        fig.per = (match.group("unit") or _PER_WORDS.get(word) or "day").lower()
        if not after[: match.start("per")].strip():  # "visas a day": the rate is part of the quote
            fig.quote_end = fig.noun_end + match.end("per")
        return
    before = _PER_BEFORE.search(text[sentence.start : fig.quote_start])
    if before:
        word = (before.group("adj") or before.group("days") or "").lower().rstrip("s")
        fig.per = {"annual": "year", "yearly": "year", "daily": "day", "weekly": "week",
                   "monthly": "month"}.get(word, word)  # fmt: skip


# --- the article -----------------------------------------------------------------------------


def extract_text(
    text: str, article_id: str, published: dt.date | None = None
) -> tuple[list[Claim], list[Rejected]]:
    """Every figure in ``text`` and every number deliberately not taken, with the reason."""
    sentences = context.sentence_spans(text)
    quotes = context.quote_spans(text)
    junk = _junk_spans(text)
    kept: list[Figure] = []
    rejected: list[Rejected] = []
    for fig in _numbers(text):
        sentence = context.sentence_at(sentences, fig.number_start)
        reason = _rejection_reason(text, fig, junk, sentence)
        if reason is None and fig.kind == "word" and not _keep_word_number(text, fig, sentence.end):
            continue
        if reason:
            rejected.append(Rejected(article_id, fig.number_start, fig.number_end,
                                     text[fig.number_start : fig.number_end], reason,
                                     text[sentence.start : sentence.end]))  # fmt: skip
            continue
        kept.append(fig)
    claims: list[Claim] = []
    ids_by_start: dict[int, str] = {}
    for fig in _group(text, kept):
        sentence = context.sentence_at(sentences, fig.number_start)
        _attach_unit(text, fig, sentence)
        _qualify(text, fig, sentence)
        fig.quote_end = fig.noun_end
        _rate(text, fig, sentence)
        claims.append(_claim(text, article_id, fig, sentence, quotes, published, ids_by_start))
    return _link_same_as(text, _inherit_units(claims)), rejected


def _claim(
    text: str,
    article_id: str,
    fig: Figure,
    sentence: Span,
    quotes: list[Span],
    published: dt.date | None,
    ids: dict[int, str],
) -> Claim:
    clause = context.clause_bounds(text, sentence, fig.quote_start, fig.quote_end)
    mentions = context.time_mentions(text, sentence, published)
    mention = context.period_for(mentions, clause, fig.quote_start, fig.quote_end)
    cue = context.hedge_cue(text, clause)
    claim_id = f"{article_id}:{fig.quote_start}"
    ids[fig.quote_start] = claim_id
    return Claim(
        claim_id=claim_id,
        article_id=article_id,
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
        attributed_to=context.attribution(text, sentence, fig.number_start, quotes),
        period=mention.period if mention else "",
        period_text=mention.text if mention else "",
        same_as="",
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        sentence=text[sentence.start : sentence.end],
    )


def _inherit_units(claims: list[Claim]) -> list[Claim]:
    """A bare number among figures of one unit ("from 5% to 10% to 15% to 20 and then to 25%")
    takes the unit of its nearest neighbour in the same sentence."""
    inherited = []
    for claim in claims:
        neighbours = [
            other for other in claims
            if other.sentence_start == claim.sentence_start and other is not claim
            and abs(other.start - claim.start) < NEIGHBOUR_DISTANCE and other.unit != "count"
        ]  # fmt: skip
        if claim.unit == "count" and neighbours:
            nearest = min(neighbours, key=lambda other: abs(other.start - claim.start))
            claim = _replace(claim, unit=nearest.unit)
        inherited.append(claim)
    return inherited


def _replace(claim: Claim, **changes: object) -> Claim:
    return Claim(**{**asdict(claim), **changes})


_SAME_AS_JOIN = re.compile(r"^\s*\(\s*(?:about|roughly|some|approximately|or|nearly)?\s*$", re.I)


def _link_same_as(text: str, claims: list[Claim]) -> list[Claim]:
    """"2,500 miles (4,000 km)": the parenthesised figure restates the one before it."""
    linked = list(claims)
    for index in range(1, len(linked)):
        first, second = linked[index - 1], linked[index]
        same_dimension = DIMENSIONS.get(first.unit) and DIMENSIONS.get(first.unit) == DIMENSIONS.get(second.unit)
        if same_dimension and first.unit != second.unit and _SAME_AS_JOIN.match(text[first.end : second.start]):
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
