"""The context of a figure: its sentence, who the sentence says it comes from, whether it is hedged,
and what time it refers to (resolved against the article's publication date when known)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

# --- sentences -------------------------------------------------------------------------------

ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "d.c", "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "reps",
    "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "prof", "inc", "corp", "co", "ltd",
    "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "a.m", "p.m", "approx", "est", "e.g", "i.e", "ft", "mt", "sq", "fig", "dept",
    "ave", "blvd", "atty", "supt", "cmdr", "adm", "pres", "ariz", "calif", "tex", "fla", "n.m",
}  # fmt: skip
SENTENCE_STARTERS = {
    "The", "It", "But", "He", "She", "They", "This", "That", "A", "An", "In", "On", "And", "We",
    "There", "Its", "Their", "His", "Her", "As", "At", "After", "Officials", "Mexico",
}  # fmt: skip


class Span(NamedTuple):
    """A stretch of a text, ``[start, end)``. A named tuple rather than a frozen dataclass: made
    for every clause and sentence a figure is read in, and three times as quick to make."""

    start: int
    end: int


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    if text[dot] != ".":
        return True
    following = text[after : after + 30].lstrip()
    next_word = following.lstrip('"“‘(«¿¡')[:1]
    if not next_word or not (next_word.isupper() or next_word.isdigit()):
        return False
    head = text[max(0, dot - 12) : dot].rsplit(None, 1)
    word = head[-1].lstrip('"“‘(«¿¡') if head else ""
    if word.lower().strip(".") in ABBREVIATIONS:
        return following.lstrip('"“‘(«¿¡').split(None, 1)[0].rstrip(",.") in SENTENCE_STARTERS
    return not (len(word) == 1 and word.isupper())  # an initial: "Antony J. Blinken"


# A line break, or a run of . ! ? with any closing quotes (English or Spanish) or brackets and any
# citation markers ("... on 15 July.[3] On 14 July", '... a fantasy".[4][6]'), followed by white
# space: the only places a sentence can end (a point inside "2.5" or "U.S.A" is passed over in C).
# Written to open with one character class, which lets the engine skip to the next such
# character at once (an alternation first is tried at every position: 2.6 times as slow).
_CLOSING = r"[\"'”’»)\]]*"
# "[3]", "[a]", "[citation needed]", or superscript digits ("... in July.¹ On")
_CITATION = r"(?:\[(?:\d{1,3}|[a-z]|citation needed)\]|[¹²³⁴-⁹⁰]+)"
_MARK_RUN = re.compile(rf"[\n.!?](?:(?<=\n)|[.!?]*{_CLOSING}(?:{_CITATION}{_CLOSING})*(?=\s))")


class SentenceFinder:
    """The sentences of a text: the one around an offset, the one before it, and the clauses and
    hedges of each, every one read once and then looked up by bisection.

    A sentence ends after . ! ? (plus closing quotes or brackets) followed by white space and a
    capital or digit, except after abbreviations ("U.S." before a non-starter word) and initials
    ("Antony J. Blinken"); and at a line break unless the next line goes on in lower case
    (hard-wrapped text). Spans are trimmed of surrounding white space. The cuts are found in one
    pass over the text on first use, so a lookup costs the same in a short or a huge text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cuts: list[int] | None = None
        self._spans: dict[int, Span] = {}
        self._before: dict[int, Span | None] = {}
        self._clauses: dict[int, Clauses] = {}
        self._hedges: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def at(self, offset: int) -> Span:
        """The sentence holding ``offset``."""
        cuts = self._cuts if self._cuts is not None else self._all_cuts()
        index = bisect.bisect_right(cuts, offset)
        span = self._spans.get(index)
        return span if span is not None else self._span(index)

    def before(self, sentence: Span) -> Span | None:
        """The sentence before ``sentence`` (skipping blank ones), or None at the start."""
        if sentence.start not in self._before:
            index = bisect.bisect_right(self._all_cuts(), sentence.start) - 1
            found = None
            while index >= 0 and found is None:
                span = self._span(index)
                if span.start < span.end and span.end <= sentence.start:
                    found = span
                index -= 1
            self._before[sentence.start] = found
        return self._before[sentence.start]

    def clauses(self, sentence: Span) -> Clauses:
        """The clause breaks of ``sentence``."""
        if sentence.start not in self._clauses:
            self._clauses[sentence.start] = Clauses(self.text, sentence)
        return self._clauses[sentence.start]

    def hedge_cue(self, sentence: Span, clause: Span) -> str:
        """The first hedging word of ``clause`` (a part of ``sentence``), or ''."""
        if sentence.start not in self._hedges:
            matches = list(_HEDGE.finditer(self.text, sentence.start, sentence.end))
            self._hedges[sentence.start] = ([m.start() for m in matches], matches)
        starts, matches = self._hedges[sentence.start]
        index = bisect.bisect_left(starts, clause.start)
        if index < len(matches) and matches[index].end() <= clause.end:
            return matches[index].group(1).lower()
        return ""

    def _span(self, index: int) -> Span:
        """The trimmed sentence between cut ``index - 1`` (or the start) and cut ``index``."""
        if index not in self._spans:
            cuts = self._all_cuts()
            start = cuts[index - 1] if index else 0
            end = cuts[index] if index < len(cuts) else len(self.text)
            self._spans[index] = self._trim(start, end)
        return self._spans[index]

    def _trim(self, start: int, end: int) -> Span:
        chunk = self.text[start:end]
        return Span(
            start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())
        )

    def _all_cuts(self) -> list[int]:
        if self._cuts is None:
            cuts = (self._cut_at(mark) for mark in _MARK_RUN.finditer(self.text))
            self._cuts = [cut for cut in cuts if cut is not None]
        return self._cuts

    def _cut_at(self, mark: re.Match[str]) -> int | None:
        """The offset a run of . ! ? or a line break cuts the text at, or None if it does not."""
        text = self.text
        end = mark.end()
        if text[mark.start()] == "\n":
            rest = text[end : end + 80].lstrip(" \t")
            return None if rest[:1].islower() else end
        return end if _ends_sentence(text, mark.start(), end) else None


class Clauses:
    """Where the clauses of one sentence break (';', dashes, ', and'), found once."""

    def __init__(self, text: str, sentence: Span) -> None:
        self.sentence = sentence
        breaks = list(_CLAUSE_BREAK.finditer(text, sentence.start, sentence.end))
        self.starts = [match.start() for match in breaks]
        self.ends = [match.end() for match in breaks]

    def around(self, start: int, end: int) -> Span:
        """The clause around ``[start, end)``."""
        before = bisect.bisect_right(self.ends, start)
        after = bisect.bisect_left(self.starts, end)
        return Span(
            self.ends[before - 1] if before else self.sentence.start,
            self.starts[after] if after < len(self.starts) else self.sentence.end,
        )

    def break_between(self, start: int, end: int) -> bool:
        """Whether a clause break lies wholly inside ``[start, end)``."""
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.ends[index] <= end


# --- quotations and sources ------------------------------------------------------------------

_QUOTE_MARK = re.compile(r"[“”\"]")
_NAME = r"[A-Z][\w’'.\-]*(?:[ \t]+(?:(?:of|and|for|de|del|la)[ \t]+)?[A-Z][\w’'.\-]*)*"
_ROLE_NOUNS = (
    r"(?:president|official|officials|authorities|police|spokesman|spokeswoman|spokesperson|"
    r"agency|agents|minister|secretary|government|organizers|organisers|activists|leader|"
    r"leaders|reports|data|figures|statistics|sources|estimates|media|officers|chief|"
    r"commissioner|director|administration|department|ministry|groups?|analysts?|experts?|"
    r"activist|advocates?|organizer|organiser|researchers?|monitors?|study|studies|survey|"
    r"analysis|census|poll|witness|reporters?|journalists?)"
)
_SAY = (
    r"(?:said|says|say|told|tells|announced|announces|estimated|estimates|estimate|reported|"
    r"reports|report|stated|states|claimed|claims|confirmed|confirms|counted|added|noted|wrote|"
    r"tweeted|posted|calculated|projected|projects|predicted|predicts|warned|warns|believe|"
    r"believes|acknowledged)"
)
# What may follow a verb of saying when it introduces what was said (not "reports in Mexico").
_SAY_FOLLOWER = (
    r"(?:that|,|\.|:|the|a|an|there|they|he|she|it|we|its|their|his|her|more|about|some|"
    r"nearly|roughly|around|approximately|between|as|up|\d|on|last|this|earlier|late|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z])"
)
_VERB_OF_SAYING = re.compile(
    rf"\b{_SAY}\b(?:[ \t]+(?:(?:on|last|this|earlier)[ \t]+)?(?:Monday|Tuesday|Wednesday|"
    rf"Thursday|Friday|Saturday|Sunday))?(?=[ \t]*{_SAY_FOLLOWER})"
)
_AFTER_QUOTE = re.compile(
    rf"^[ \t]*,?[ \t]*(?:{_SAY}[ \t]+"
    rf"(?P<inverted>(?:the[ \t]+)?(?:{_NAME}|[a-z]+(?:[ \t]+[a-z]+)?))"
    rf"|(?P<direct>{_NAME})[ \t]+{_SAY}\b)"
)
_BEFORE_QUOTE = re.compile(rf"(?P<who>{_NAME})[ \t]+{_SAY}(?:[ \t]+\w+)?[,:]?[ \t]*$")
_ACCORDING = re.compile(r"\baccording to[ \t]+(?P<who>[^,;.]{2,80}?)(?=[,;.]|$)")
_NUMBERISH = r"(?:[^,;.]|[,.](?=\d))"  # commas and points inside numbers do not end a phrase
_PASSIVE_VERBS = ("estimated", "counted", "reported", "put", "tallied", "calculated", "given")
_PASSIVE_BY = re.compile(
    rf"\b(?:{'|'.join(_PASSIVE_VERBS)})\b"
    rf"(?:[ \t]+at[ \t]+{_NUMBERISH}{{1,30}}?)?[ \t]+by[ \t]+(?P<who>[^,;.]{{2,80}}?)(?=[,;.]|$)"
)


def _has_passive_verb(words: str) -> bool:
    """A cheap test before ``_PASSIVE_BY``'s search: one of its verbs is in the sentence."""
    return any(verb in words for verb in _PASSIVE_VERBS)


_INVERTED_SAYS = re.compile(
    rf",[”\"’']?[ \t]*(?:{_SAY})[ \t]+(?P<who>[^,;.”\"]{{2,80}}?)(?=[,;.]|$)"
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’\-]+(?:\([A-Za-z]+\))?[ \t]+[—–\-]+[ \t]*")
# The words behind a look-ahead for their first letters, so that other positions fail at once.
_CLAUSE_START = re.compile(r"(?:^|[,;:]|(?<!\w)(?=[tbw])(?:that|while|but)\b)[ \t]*")
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:Last|This|Next|Earlier|Later)[ \t]+(?:week|month|year|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)[ \t]+|(?:Meanwhile|Separately|However|Still|Also),?[ \t]+)",
)
_TRAILING_TIME = re.compile(
    r"(?:[ \t]+(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|last week|this week|later|also|again|previously|earlier|recently|now|"
    r"first|initially))+$"
)
_ROLE_NOUN = re.compile(rf"\b{_ROLE_NOUNS}\b")
_TRAILING_LINK = re.compile(r"(?:[ \t]+(?:that|who|which|in a statement|have|has|had|also|now))+$")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "there"}
_FUNCTION_WORDS = {"The", "A", "An", "And", "But", "In", "On", "Of", "From", "To", "As", "At"}
_LEADING_WORDS = _FUNCTION_WORDS | SENTENCE_STARTERS
_MAX_SOURCE_WORDS = 12


def quote_spans(text: str) -> list[Span]:
    """Quotations, pairing quote marks in order (scraped text often uses ” to open a quote)."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    return [Span(a, b + 1) for a, b in zip(marks[::2], marks[1::2], strict=False)]


@dataclass(frozen=True)
class _Clues:
    """What a sentence says about sources, whatever figure in it is asked about."""

    fixed: str  # from "according to X", "estimated ... by X" or ", said X"
    verbs: list[int]  # the offset of each verb of saying, in order
    subjects: list[str]  # the subject of each verb of saying ('' if none)
    next_named: list[int]  # for each verb, the index of the first verb from it with a subject


class SourceFinder:
    """Attribution for the figures of one article, reading each sentence's clues once."""

    def __init__(self, text: str, quotes: list[Span], sentences: SentenceFinder) -> None:
        self.text, self.quotes, self.sentences = text, quotes, sentences
        self._quote_starts = [quote.start for quote in quotes]
        self._clues: dict[int, _Clues] = {}
        self._full_names: dict[str, str] = {}

    def _quote_around(self, offset: int) -> Span | None:
        index = bisect.bisect_left(self._quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start < offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def clues(self, sentence: Span) -> _Clues:
        if sentence.start not in self._clues:
            self._clues[sentence.start] = self._read_clues(sentence)
        return self._clues[sentence.start]

    def _read_clues(self, sentence: Span) -> _Clues:
        words = self.text[sentence.start : sentence.end]
        fixed = ""
        lowered = words.lower()
        for finder, cue in (
            (_ACCORDING, "according"),
            (_PASSIVE_BY, " by "),
            (_INVERTED_SAYS, ","),
        ):
            needed = cue in lowered and (finder is not _PASSIVE_BY or _has_passive_verb(words))
            match = finder.search(words) if needed else None
            if match and _looks_like_source(match.group("who")):
                fixed = _clean_source(match.group("who"))
                break
        verbs, subjects = [], []
        said = list(_VERB_OF_SAYING.finditer(words))
        # where clauses start, read only when a verb of saying needs its subject
        clause_starts = [m.end() for m in _CLAUSE_START.finditer(words)] if said else []
        for verb in said:
            who = _clean_source(_subject_before(words, verb.start(), clause_starts))
            verbs.append(sentence.start + verb.start())
            subjects.append(who if _looks_like_source(who) else "")
        next_named = [len(subjects)] * (len(subjects) + 1)
        for index in range(len(subjects) - 1, -1, -1):
            next_named[index] = index if subjects[index] else next_named[index + 1]
        return _Clues(fixed, verbs, subjects, next_named)

    def attribution(self, sentence: Span, offset: int, clause: Span | None = None) -> str:
        """Who the sentence says the figure at ``offset`` comes from, or ''.

        A figure inside a quotation belongs to its speaker; otherwise the source is an
        "according to X", an "estimated ... by X", an inverted ", said X", or the subject of a
        verb of saying ("X said that ...", "X estimate that ..."), looked for first in the
        figure's own clause ("Organizers said 15,000; officials counted 6,000" gives each its
        own), then in the sentence. "He" or "she" is the named source of the sentence before."""
        who = self._source_in(sentence, offset, use_quotes=True, clause=clause)
        if who.lower() in _PERSONAL_PRONOUNS:
            who = self._previous_named_source(sentence)
        if who and who not in self._full_names:
            self._full_names[who] = _expand_name(self.text, who)
        return self._full_names[who] if who else ""

    def _source_in(
        self, sentence: Span, offset: int, use_quotes: bool, clause: Span | None = None
    ) -> str:
        if use_quotes:
            inside = self._quote_around(offset)
            who = speaker_of_quote(self.text, inside) if inside else ""
            if who:
                return who
        clues = self.clues(sentence)
        if clues.fixed:
            return clues.fixed
        if not clues.verbs:
            return ""
        clause = clause or self.sentences.clauses(sentence).around(offset, offset + 1)
        for within in (clause, sentence):
            who = self._subject_of_saying(sentence, within, offset, clues)
            if who:
                return who
        return ""

    def _subject_of_saying(self, sentence: Span, within: Span, offset: int, clues: _Clues) -> str:
        """The subject of the first verb of saying in ``within`` that has one, unless a clause
        break separates that verb (when it comes after the figure) from the figure."""
        first = bisect.bisect_left(clues.verbs, within.start)
        index = clues.next_named[first]
        if index == len(clues.verbs) or clues.verbs[index] >= within.end:
            return ""
        verb_at = clues.verbs[index]
        if verb_at > offset and self.sentences.clauses(sentence).break_between(offset, verb_at):
            return ""  # a verb of saying in a later clause speaks of something else
        return clues.subjects[index]

    def _previous_named_source(self, sentence: Span) -> str:
        """The named source (not a pronoun) of one of the two sentences before ``sentence``."""
        current: Span | None = sentence
        for _ in range(2):
            current = self.sentences.before(current)
            if current is None:
                return ""
            index = bisect.bisect_left(self._quote_starts, current.start)
            while index < len(self.quotes) and self.quotes[index].start < current.end:
                who = speaker_of_quote(self.text, self.quotes[index])
                if who and who.lower() not in _PERSONAL_PRONOUNS:
                    return who
                index += 1
            who = self._source_in(current, current.end - 1, use_quotes=False)
            if who and who.lower() not in _PERSONAL_PRONOUNS:
                return who
        return ""


_PERSONAL_PRONOUNS = {"he", "she"}
# A subject longer than this is a clause, not a source (sources have at most 12 words).
_MAX_SUBJECT_CHARS = 400


def _subject_before(words: str, verb_start: int, clause_starts: list[int]) -> str:
    """The words between the start of the clause and the verb."""
    index = bisect.bisect_right(clause_starts, verb_start)
    start = clause_starts[index - 1] if index else 0
    return words[start:verb_start] if verb_start - start <= _MAX_SUBJECT_CHARS else ""


def _looks_like_source(who: str) -> bool:
    if who.lower() in _PERSONAL_PRONOUNS:
        return True  # resolved to the sentence before by SourceFinder.attribution
    words = who.split()
    if not words or len(words) > _MAX_SOURCE_WORDS or who.lower() in _PRONOUNS:
        return False
    return bool(_ROLE_NOUN.search(who) or any(w[:1].isupper() for w in words))


def speaker_of_quote(text: str, quote: Span) -> str:
    after = _AFTER_QUOTE.match(text[quote.end : quote.end + 120])
    if after:
        return _clean_source(after.group("inverted") or after.group("direct"))
    window = max(0, quote.start - 160)
    line_start = text.rfind("\n", window, quote.start) + 1
    before = _BEFORE_QUOTE.search(text[max(line_start, window) : quote.start])
    return _clean_source(before.group("who")) if before else ""


def _clean_source(who: str | None) -> str:
    if not who:
        return ""
    who = who.strip(" ,;:\t")
    who = _DATELINE.sub("", who)
    who = _LEADING_ADVERBIAL.sub("", who)
    who = _TRAILING_TIME.sub("", who)
    who = _TRAILING_LINK.sub("", who)
    first = who.split(" ", 1)[0]
    if (first in _FUNCTION_WORDS - {"The"} or first in {"and", "but", "so"}) and " " in who:
        who = who.split(" ", 1)[1]
    if who.lower() in _PERSONAL_PRONOUNS:
        return who.lower()
    if who.lower() in _PRONOUNS or not _TWO_LETTERS.search(who):
        return ""
    return who


# How far before a mention of a name its title and first names are looked for.
_NAME_LOOKBACK = 300


def _expand_name(text: str, who: str) -> str:
    """A bare surname ("Sanchez Cordero") becomes its first full mention in the article
    ("Interior Secretary Olga Sanchez Cordero")."""
    if not all(word[:1].isupper() for word in who.split()) or len(who.split()) > 3:
        return who
    # Capitalised words just before the name; a word ending in "." only as an initial or "U.S."
    pattern = re.compile(
        rf"((?:(?:[A-Z][\w’'\-]*|[A-Z](?:\.[A-Z])*\.)[ \t]+){{1,5}}){re.escape(who)}\b"
    )
    # Only the text just before each mention is matched: a pattern starting with optional
    # words, searched over the whole text, would try every offset of it.
    mention = text.find(who)
    while mention != -1:
        window = max(0, mention - _NAME_LOOKBACK), mention + len(who) + 1
        for match in pattern.finditer(text, *window):
            words = match.group(1).split()
            while words and words[0] in _LEADING_WORDS:
                words.pop(0)
            if words:
                return " ".join([*words, who])
        mention = text.find(who, mention + 1)
    return who


# --- hedges ----------------------------------------------------------------------------------

# Case-sensitive on purpose: "May" is a month.
_HEDGE = re.compile(
    r"\b(could|may|might|potentially|potential|expected|expects?|reportedly|likely|possibly|"
    r"perhaps|feared|fears?|rumou?red|allegedly|unconfirmed|projected|forecast|predicted|"
    r"Could|Potentially|Reportedly|Possibly|Perhaps)\b"
)
_CLAUSE_BREAK = re.compile(r";|\s[-–—]{1,2}\s|,\s+(?:and|but|while|whereas)\s")


def clause_bounds(text: str, sentence: Span, start: int, end: int) -> Span:
    """The clause of the sentence around ``[start, end)``, cut at ';', dashes and ', and'."""
    return Clauses(text, sentence).around(start, end)


def hedge_cue(text: str, clause: Span) -> str:
    """The first hedging word of the clause ("could", "reportedly", ...), or ''."""
    match = _HEDGE.search(text, clause.start, clause.end)
    return match.group(1).lower() if match else ""


# --- plain-text tables ------------------------------------------------------------------------

#: The label of a row of a plain-text table, a date or a month too ("Men", "8 May", "January
#: 2030"), then the column gap: two spaces or more, or a bar ("Mexican | 1,480"). Extraction
#: finds the table a figure is a row of by it; roles read such a row with the table's heading.
TABLE_ROW_LABEL = r"[ \t]*\S[^\n]*?(?:[ \t]{2,}|[ \t]*\|[ \t]*)"


# --- time ------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year’s eve": (12, 31),
    "new year's day": (1, 1),
    "new year’s day": (1, 1),
    "thanksgiving": None,
}
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    # a heading in capitals ("DETENTIONS AT SAN JACINTO, 8 MAY")
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: Every time expression we know how to resolve; the group that matched says which kind.
# Keywords match in any case ("Since", "Last week"); month and weekday names only capitalised, so
# that "a march" or "may" are not months.
_PREPOSITION = r"(?i:in|during|for|through|throughout|of|since|until|by)"
TIME_EXPRESSION = re.compile(
    rf"(?P<between>\b(?i:between)\s+(?P<b1>{MONTH_NAME})\s+and\s+(?:the\s+end\s+of\s+)?(?P<b2>{MONTH_NAME}))"
    rf"|(?P<since>\b(?i:since)\s+(?P<s_month>{MONTH_NAME})\s+(?P<s_day>\d{{1,2}})\b(?:,?\s+(?P<s_year>\d{{4}}))?)"
    rf"|(?P<date>(?:{_WEEKDAY},?\s+)?(?P<d_month>{MONTH_NAME})\s+(?P<d_day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<d_year>(?:19|20)\d\d))?)"
    rf"|(?P<daymonth>(?:(?P<dm_since>\b(?i:since))\s+)?(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_month>{MONTH_NAME})\b(?:,?\s+(?P<dm_year>(?:19|20)\d\d))?)"
    rf"|(?P<month>(?:\b{_PREPOSITION}\s+(?:(?i:early|late|mid)(?:\s+|-))?)?(?P<m_name>{MONTH_NAME})(?!\s+\d{{1,2}}(?:st|nd|rd|th)?\b)(?:’s|'s)?(?:\s+(?P<m_year>(?:19|20)\d\d)|\s+(?i:of)\s+(?P<m_which>(?i:this|last|next))\s+(?i:year))?\b)"
    rf"|(?P<relative>\b(?P<r_which>(?i:this|last|next|past))\s+(?P<r_unit>(?i:week|month|year))\b)"
    r"|(?P<dayword>\b(?P<dw>(?i:today|yesterday|tomorrow|tonight))\b)"
    rf"|(?P<weekday>\b(?:(?P<w_which>(?i:last|next|on|this|earlier|late|early))\s+)?(?P<w_name>{_WEEKDAY})\b"
    r"(?:,?\s+the\s+(?P<w_day>\d{1,2})(?:st|nd|rd|th)\b)?)"
    r"|(?P<holiday>\b(?P<h_name>Christmas Eve|Christmas Day|Christmas|New Year[’']s (?:Eve|Day))\b)"
    r"|(?P<fiscal>\b(?:(?i:fiscal)(?:\s+(?i:year))?\s+|FY\s?)(?P<f_year>(?:19|20)?\d\d)\b)"
    rf"|(?P<year>\b{_PREPOSITION}\s+(?P<y_year>(?:19|20)\d\d)\b)"
)  # fmt: skip


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    period: str  # resolved ISO period, '' when it cannot be resolved without a publication date


_TIME_TRIGGERS = {
    *MONTHS, *WEEKDAYS, "between", "since", "this", "last", "next", "past", "today",
    "yesterday", "tomorrow", "tonight", "earlier", "late", "early", "christmas", "new",
    "fiscal", "fy", "19", "20",
}  # fmt: skip
# Shortest distinct openings: "jan" covers "january", "19" and "20" open years.
_TIME_STEMS = tuple(
    sorted(w for w in _TIME_TRIGGERS if not any(w != o and w.startswith(o) for o in _TIME_TRIGGERS))
)
TIME_STEMS = _TIME_STEMS
_PREPOSITIONS = {"in", "during", "for", "through", "throughout", "of", "since", "until", "by", "on"}
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")


def word_starts(text: str, stems: tuple[str, ...], within: Span | None = None) -> list[int]:
    """Sorted offsets in ``text`` (inside ``within``) where a word begins with one of ``stems``
    (lower case). str.find per stem is many times faster than a regex alternation here."""
    start, end = (within.start, within.end) if within else (0, len(text))
    lowered = text[start:end].lower()
    positions = set()
    for stem in stems:
        at = lowered.find(stem)
        while at != -1:
            if at == 0 or not lowered[at - 1].isalnum():
                positions.add(start + at)
            at = lowered.find(stem, at + 1)
    return sorted(positions)


# Spans searched on their own until they add up to this share of the text (1/3).
_SEARCH_ALONE_SHARE = 3


class StemStarts:
    """``word_starts`` for many spans of one text. The first spans asked for are searched on
    their own; once they add up to a third of the text, every place a stem occurs is found
    once, in the whole text, and each span then takes its own by bisection. A news article asks
    for the few sentences that hold figures and is never searched whole; a text dense with
    figures is searched about one and a third times, never once per sentence."""

    def __init__(self, text: str, stems: tuple[str, ...]) -> None:
        self.text, self.stems = text, stems
        self._lowered: str | None = None
        self._places: list[tuple[int, int]] = []  # (offset, length of the stem there)
        self._offsets: list[int] = []
        self._searched = 0  # characters of the spans searched on their own

    def within(self, span: Span) -> list[int]:
        """What ``word_starts(text, stems, span)`` gives."""
        if (
            self._lowered is None
            and self._searched + span.end - span.start <= len(self.text) // _SEARCH_ALONE_SHARE
        ):
            self._searched += span.end - span.start
            return word_starts(self.text, self.stems, span)
        if self._lowered is None:
            self._lowered = self.text.lower()
            if len(self._lowered) != len(self.text):  # a letter lowered into two: offsets move
                self._lowered = ""
            else:
                self._places = sorted(
                    (at, len(stem))
                    for stem in self.stems
                    for at in _occurrences(self._lowered, stem)
                )
                self._offsets = [at for at, _ in self._places]
        if not self._lowered:
            return word_starts(self.text, self.stems, span)
        lowered, found = self._lowered, []
        first = bisect.bisect_left(self._offsets, span.start)
        for at, length in self._places[first : bisect.bisect_left(self._offsets, span.end, first)]:
            if at + length <= span.end and (at == span.start or not lowered[at - 1].isalnum()):
                found.append(at)
        return sorted(set(found))


def _occurrences(text: str, stem: str) -> list[int]:
    found, at = [], text.find(stem)
    while at != -1:
        found.append(at)
        at = text.find(stem, at + 1)
    return found


def time_mentions(
    text: str, within: Span, published: dt.date | None, stems: StemStarts | None = None
) -> list[TimeMention]:
    """Every time expression inside ``within``, resolved against ``published`` where needed.

    The expression is tried only where a word that can open one begins (a month, "last", a
    year, ...), or at the preposition just before it ("in November"): fast on long articles.
    ``stems``: the places of ``TIME_STEMS`` in ``text``, shared by the sentences of a text."""
    found = []
    resume = within.start
    starts = stems.within(within) if stems else word_starts(text, _TIME_STEMS, within)
    for position in starts:
        if position < resume:
            continue
        match = _time_expression_at(text, position, within)
        if not match:
            continue
        if match.group("month") and match.group("m_name") == "May" and not _may_is_month(match):
            continue
        resume = match.end()
        found.append(
            TimeMention(match.start(), match.end(), match.group().strip(),
                        _resolve(match, published))
        )  # fmt: skip
    if "week" in text[within.start : within.end]:
        found = _with_weeks_back(text, within, published, found)
    return found


# "up from 25 on the same day last week": one day, seven days before the day the sentence named
# last (or before publication), not the whole of last week. ("A week ago" alone is left alone:
# in "the group that left a week ago is down to 200" it dates the leaving, not the count.)
_WEEK_BACK = re.compile(
    r"(?i)\b(?:on\s+)?the\s+same\s+day\s+(?:last\s+week|a\s+week\s+(?:earlier|before|ago)"
    r"|the\s+(?:previous|prior)\s+week|the\s+week\s+before)\b"
)


def _with_weeks_back(
    text: str, within: Span, published: dt.date | None, found: list[TimeMention]
) -> list[TimeMention]:
    for match in _WEEK_BACK.finditer(text, within.start, within.end):
        anchor = next(
            (
                dt.date.fromisoformat(m.period)
                for m in reversed(found)
                if m.end <= match.start() and len(m.period) == 10
            ),
            published,
        )
        if anchor is None:
            continue
        day = (anchor - dt.timedelta(days=7)).isoformat()
        found = [m for m in found if m.end <= match.start() or m.start >= match.end()]
        found.append(TimeMention(match.start(), match.end(), match.group(), day))
        found.sort(key=lambda m: m.start)
    return found


_DAY_BEFORE = re.compile(r"((?:(?i:since)\s+)?\b\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")


def _time_expression_at(text: str, position: int, within: Span) -> re.Match[str] | None:
    """The time expression starting at the preposition before ``position`` (if there is one),
    else at ``position``."""
    previous = _PREVIOUS_WORD.search(text, max(within.start, position - 16), position)
    if previous and previous.group(1).lower() in _PREPOSITIONS:
        match = TIME_EXPRESSION.match(text, previous.start(1), within.end)
        if match and match.end() > position:
            return match
    day = _DAY_BEFORE.search(text, max(within.start, position - 24), position)
    if day:  # "8 February", "since the 8th of March": the day comes first
        match = TIME_EXPRESSION.match(text, day.start(1), within.end)
        if match and match.group("daymonth"):
            return match
    if text[position].isdigit():
        return None  # every expression opens with a word: a year only after its preposition
    return TIME_EXPRESSION.match(text, position, within.end)


_PREPOSITION_FIRST = re.compile(r"(?i)(?:in|during|for|through|throughout|of|since|until|by)\s")


def _may_is_month(match: re.Match[str]) -> bool:
    """'May' is the month after a preposition or before a year, otherwise the modal verb."""
    return bool(
        _PREPOSITION_FIRST.match(match.group()) or match.group("m_year") or match.group("m_which")
    )


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_for_month(month: int, published: dt.date | None) -> int | None:
    """The most recent such month on or before publication (news reports the past)."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _resolve(match: re.Match[str], published: dt.date | None) -> str:
    kind = match.lastgroup
    kind = next(k for k in ("between", "since", "date", "daymonth", "month", "relative", "dayword",
                            "weekday", "holiday", "fiscal", "year") if match.group(k))  # fmt: skip
    resolver = _RESOLVERS[kind]
    try:
        return resolver(match, published)
    except ValueError:  # an impossible date such as "February 30"
        return ""


def _resolve_between(match: re.Match[str], published: dt.date | None) -> str:
    first, last = _month_number(match.group("b1")), _month_number(match.group("b2"))
    last_year = _year_for_month(last, published)
    if last_year is None:
        return ""
    first_year = last_year if first <= last else last_year - 1
    return f"{first_year}-{first:02d}/{last_year}-{last:02d}"


def _day_period(
    match: re.Match[str], prefix: str, published: dt.date | None, since: bool = False
) -> str:
    """The day a month, day and optional year name (groups ``<prefix>_month``, ``_day``,
    ``_year``), in the most recent such month without a year; from it until publication after
    "since"."""
    month, day = _month_number(match.group(f"{prefix}_month")), int(match.group(f"{prefix}_day"))
    year_text = match.group(f"{prefix}_year")
    year = int(year_text) if year_text else _year_for_month(month, published)
    if year is None:
        return ""
    start = dt.date(year, month, day)
    if since and published:
        return f"{start.isoformat()}/{published.isoformat()}"
    return start.isoformat()


def _resolve_since(match: re.Match[str], published: dt.date | None) -> str:
    return _day_period(match, "s", published, since=True)


def _resolve_date(match: re.Match[str], published: dt.date | None) -> str:
    return _day_period(match, "d", published)


def _resolve_daymonth(match: re.Match[str], published: dt.date | None) -> str:
    """ "8 February", "since 8 March" (the day before the month, as most of the world writes)."""
    return _day_period(match, "dm", published, since=bool(match.group("dm_since")))


def _resolve_month(match: re.Match[str], published: dt.date | None) -> str:
    month = _month_number(match.group("m_name"))
    year = (
        int(match.group("m_year")) if match.group("m_year") else _year_for_month(month, published)
    )
    which = (match.group("m_which") or "").lower()
    if which and published is not None:  # "in January of this year", "in May of last year"
        year = published.year + {"this": 0, "last": -1, "next": 1}[which]
    if year and published and match.group().lower().startswith("since"):
        return f"{year}-{month:02d}-01/{published.isoformat()}"  # "since May": May until now
    return f"{year}-{month:02d}" if year else ""


def _resolve_relative(match: re.Match[str], published: dt.date | None) -> str:
    if published is None:
        return ""
    shift = {"this": 0, "last": -1, "past": -1, "next": 1}[match.group("r_which").lower()]
    unit = match.group("r_unit").lower()
    if unit == "year":
        return str(published.year + shift)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02d}"
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _resolve_dayword(match: re.Match[str], published: dt.date | None) -> str:
    if published is None:
        return ""
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[match.group("dw").lower()]
    return (published + dt.timedelta(days=shift)).isoformat()


def _resolve_weekday(match: re.Match[str], published: dt.date | None) -> str:
    if published is None:
        return ""
    if match.group("w_day"):  # "On Saturday the 14th": that day of this month or the last
        return _day_of_month_before(int(match.group("w_day")), published)
    target = WEEKDAYS.index(match.group("w_name").lower())
    lead = match.string[max(0, match.start() - 50) : match.start()]
    if (match.group("w_which") or "").lower() == "next" or _FUTURE.search(lead):
        ahead = (target - published.weekday()) % 7 or 7
        return (published + dt.timedelta(days=ahead)).isoformat()
    back = (published.weekday() - target) % 7
    return (published - dt.timedelta(days=back)).isoformat()


def _day_of_month_before(day: int, published: dt.date) -> str:
    """The latest date on ``day`` of a month, at most a month before ``published``."""
    year, month = published.year, published.month
    if day > published.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:  # "the 31st" of a shorter month
        return ""


_FUTURE = re.compile(
    r"\b(?:will|would|is set to|are set to|is scheduled to|plans? to|is due to|prepar(?:es|ing) to|"
    r"expects? to|expects?)\b(?:[^.,;]|(?<=\d)[.,](?=\d))*$"  # a comma inside "1,500" is no break
)


def _resolve_holiday(match: re.Match[str], published: dt.date | None) -> str:
    month_day = HOLIDAYS.get(match.group("h_name").lower())
    if published is None or month_day is None:
        return ""
    month, day = month_day
    year = (
        published.year if (month, day) <= (published.month, published.day) else published.year - 1
    )
    return dt.date(year, month, day).isoformat()


def _resolve_fiscal(match: re.Match[str], published: dt.date | None) -> str:
    year = int(match.group("f_year"))
    year = year + 2000 if year < 100 else year
    return f"{year - 1}-10/{year}-09"


def _resolve_year(match: re.Match[str], published: dt.date | None) -> str:
    return match.group("y_year")


_RESOLVERS = {
    "between": _resolve_between,
    "since": _resolve_since,
    "date": _resolve_date,
    "daymonth": _resolve_daymonth,
    "month": _resolve_month,
    "relative": _resolve_relative,
    "dayword": _resolve_dayword,
    "weekday": _resolve_weekday,
    "holiday": _resolve_holiday,
    "fiscal": _resolve_fiscal,
    "year": _resolve_year,
}


class Mentions:
    """The time mentions of one sentence, in order, for lookups by bisection."""

    def __init__(self, mentions: list[TimeMention], text: str = "") -> None:
        self.mentions = mentions
        self.text = text  # the article, for the words before a mention
        self._starts = [mention.start for mention in mentions]
        self._ends = [mention.end for mention in mentions]

    def period_for(self, clause: Span, start: int, end: int) -> TimeMention | None:
        """The time a figure at ``[start, end)`` refers to: the nearest mention after it in its
        clause, else the nearest before it in its sentence (an opening "In November, ..." scopes
        the whole sentence). A record's baseline is not the figure's time: "In March, agents
        made 12,418 apprehensions, the highest monthly total since 2031" is March's."""
        after = bisect.bisect_left(self._starts, max(end, clause.start))
        if (
            after < len(self.mentions)
            and self.mentions[after].end <= clause.end
            and not self._is_baseline(self.mentions[after])
        ):
            return self.mentions[after]
        before = bisect.bisect_right(self._ends, start) - 1
        return self.mentions[before] if before >= 0 else None

    def _is_baseline(self, mention: TimeMention) -> bool:
        return mention.text[:5].lower() == "since" and bool(
            _RECORD_BEFORE.search(self.text, max(0, mention.start - 60), mention.start)
        )


_RECORD_BEFORE = re.compile(
    r"(?i)\b(?:highest|lowest|most|fewest|largest|smallest|biggest|record|first time|busiest)\b"
    r"[^.;]*$"
)


def period_for(
    mentions: list[TimeMention], clause: Span, start: int, end: int
) -> TimeMention | None:
    """The time a figure refers to: the nearest mention after it in its clause, else the nearest
    before it in its sentence (an opening "In November, ..." scopes the whole sentence)."""
    return Mentions(mentions).period_for(clause, start, end)
