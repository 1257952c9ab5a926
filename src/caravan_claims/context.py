"""The context of a figure: its sentence, who the sentence says it comes from, whether it is hedged,
and what time it refers to (resolved against the article's publication date when known)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    if text[dot] != ".":
        return True
    following = text[after : after + 30].lstrip()
    next_word = following.lstrip('"“‘(')[:1]
    if not next_word or not (next_word.isupper() or next_word.isdigit()):
        return False
    head = text[max(0, dot - 12) : dot].rsplit(None, 1)
    word = head[-1].lstrip('"“‘(') if head else ""
    if word.lower().strip(".") in ABBREVIATIONS:
        return following.lstrip('"“‘(').split(None, 1)[0].rstrip(",.") in SENTENCE_STARTERS
    return not (len(word) == 1 and word.isupper())  # an initial: "Antony J. Blinken"


_CLOSERS = "\"'”’)]"


class SentenceFinder:
    """The sentence around an offset, found on demand (only a few sentences of an article hold
    figures, so splitting all of it would be wasted work).

    A sentence ends after . ! ? (plus closing quotes or brackets) followed by white space and a
    capital or digit, except after abbreviations ("U.S." before a non-starter word) and initials
    ("Antony J. Blinken"); and at a line break unless the next line goes on in lower case
    (hard-wrapped text). Spans are trimmed of surrounding white space."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Span] = []

    def at(self, offset: int) -> Span:
        for span in self.found:
            if span.start <= offset < span.end:
                return span
        span = self._trim(self._cut_before(offset), self._cut_after(offset))
        self.found.append(span)
        return span

    def _trim(self, start: int, end: int) -> Span:
        chunk = self.text[start:end]
        return Span(
            start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())
        )

    def _cut_for(self, index: int) -> int | None:
        """The offset a sentence break at ``text[index]`` cuts at, or None if it does not."""
        text = self.text
        if text[index] == "\n":
            rest = text[index + 1 : index + 80].lstrip(" \t")
            return None if rest[:1].islower() else index + 1
        start = index
        while start and text[start - 1] in ".!?":
            start -= 1
        end = index + 1
        while end < len(text) and text[end] in ".!?":
            end += 1
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        if end < len(text) and text[end].isspace() and _ends_sentence(text, start, end):
            return end
        return None

    def _cut_before(self, offset: int) -> int:
        position = offset
        while True:
            index = max(self.text.rfind(mark, 0, position) for mark in ".!?\n")
            if index == -1:
                return 0
            cut = self._cut_for(index)
            if cut is not None and cut <= offset:
                return cut
            position = index

    def _cut_after(self, offset: int) -> int:
        position = offset
        while True:
            hits = [i for i in (self.text.find(mark, position) for mark in ".!?\n") if i != -1]
            if not hits:
                return len(self.text)
            index = min(hits)
            cut = self._cut_for(index)
            if cut is not None and cut > offset:
                return cut
            position = index + 1


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
_PASSIVE_BY = re.compile(
    r"\b(?:estimated|counted|reported|put|tallied|calculated|given)\b"
    rf"(?:[ \t]+at[ \t]+{_NUMBERISH}{{1,30}}?)?[ \t]+by[ \t]+(?P<who>[^,;.]{{2,80}}?)(?=[,;.]|$)"
)
_INVERTED_SAYS = re.compile(
    rf",[”\"’']?[ \t]*(?:{_SAY})[ \t]+(?P<who>[^,;.”\"]{{2,80}}?)(?=[,;.]|$)"
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’\-]+(?:\([A-Za-z]+\))?[ \t]+[—–\-]+[ \t]*")
_CLAUSE_START = re.compile(r"(?:^|[,;:]|\bthat\b|\bwhile\b|\bbut\b)[ \t]*")
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:Last|This|Next|Earlier|Later)[ \t]+(?:week|month|year|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)[ \t]+|(?:Meanwhile|Separately|However|Still|Also),?[ \t]+)",
)
_TRAILING_TIME = re.compile(
    r"(?:[ \t]+(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|last week|this week|later|also|again|previously|earlier|recently|now|"
    r"first|initially))+$"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "there"}
_FUNCTION_WORDS = {"The", "A", "An", "And", "But", "In", "On", "Of", "From", "To", "As", "At"}
_MAX_SOURCE_WORDS = 12


def quote_spans(text: str) -> list[Span]:
    """Quotations, pairing quote marks in order (scraped text often uses ” to open a quote)."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    return [Span(a, b + 1) for a, b in zip(marks[::2], marks[1::2], strict=False)]


@dataclass(frozen=True)
class _Clues:
    """What a sentence says about sources, whatever figure in it is asked about."""

    fixed: str  # from "according to X", "estimated ... by X" or ", said X"
    subjects: tuple[tuple[int, str], ...]  # each verb of saying's offset and subject ('' if none)


class SourceFinder:
    """Attribution for the figures of one article, reading each sentence's clues once."""

    def __init__(self, text: str, quotes: list[Span], sentences: SentenceFinder) -> None:
        self.text, self.quotes, self.sentences = text, quotes, sentences
        self._quote_starts = [quote.start for quote in quotes]
        self._clues: dict[int, _Clues] = {}

    def _quote_around(self, offset: int) -> Span | None:
        index = bisect.bisect_left(self._quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start < offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def clues(self, sentence: Span) -> _Clues:
        if sentence.start not in self._clues:
            words = self.text[sentence.start : sentence.end]
            fixed = ""
            lowered = words.lower()
            for finder, cue in (
                (_ACCORDING, "according"),
                (_PASSIVE_BY, " by "),
                (_INVERTED_SAYS, ","),
            ):
                match = finder.search(words) if cue in lowered else None
                if match and _looks_like_source(match.group("who")):
                    fixed = _clean_source(match.group("who"))
                    break
            subjects = []
            for verb in _VERB_OF_SAYING.finditer(words):
                who = _clean_source(_subject_before(words, verb.start()))
                subjects.append(
                    (sentence.start + verb.start(), who if _looks_like_source(who) else "")
                )
            self._clues[sentence.start] = _Clues(fixed, tuple(subjects))
        return self._clues[sentence.start]

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
        return _expand_name(self.text, who) if who else ""

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
        if not clues.subjects:
            return ""
        clause = clause or clause_bounds(self.text, sentence, offset, offset + 1)
        for within in (clause, sentence):
            who = self._subject_of_saying(within, offset, clues.subjects)
            if who:
                return who
        return ""

    def _subject_of_saying(
        self, within: Span, offset: int, subjects: tuple[tuple[int, str], ...]
    ) -> str:
        for verb_at, who in subjects:
            if not within.start <= verb_at < within.end:
                continue
            if verb_at > offset and _CLAUSE_BREAK.search(self.text, offset, verb_at):
                break  # a verb of saying in a later clause speaks of something else
            if who:
                return who
        return ""

    def _previous_named_source(self, sentence: Span) -> str:
        """The named source (not a pronoun) of one of the two sentences before ``sentence``."""
        current = sentence
        for _ in range(2):
            before = self.text[: current.start].rstrip()
            if not before:
                return ""
            current = self.sentences.at(len(before) - 1)
            for quote in self.quotes:
                if current.start <= quote.start < current.end:
                    who = speaker_of_quote(self.text, quote)
                    if who and who.lower() not in _PERSONAL_PRONOUNS:
                        return who
            who = self._source_in(current, current.end - 1, use_quotes=False)
            if who and who.lower() not in _PERSONAL_PRONOUNS:
                return who
        return ""


_PERSONAL_PRONOUNS = {"he", "she"}


def _subject_before(words: str, verb_start: int) -> str:
    """The words between the start of the clause and the verb."""
    head = words[:verb_start]
    starts = [m.end() for m in _CLAUSE_START.finditer(head)]
    return head[starts[-1] :] if starts else head


def _looks_like_source(who: str) -> bool:
    if who.lower() in _PERSONAL_PRONOUNS:
        return True  # resolved to the sentence before by SourceFinder.attribution
    words = who.split()
    if not words or len(words) > _MAX_SOURCE_WORDS or who.lower() in _PRONOUNS:
        return False
    return bool(re.search(rf"\b{_ROLE_NOUNS}\b", who) or any(w[:1].isupper() for w in words))


def speaker_of_quote(text: str, quote: Span) -> str:
    after = _AFTER_QUOTE.match(text[quote.end : quote.end + 120])
    if after:
        return _clean_source(after.group("inverted") or after.group("direct"))
    line_start = text.rfind("\n", 0, quote.start) + 1
    before = _BEFORE_QUOTE.search(text[max(line_start, quote.start - 160) : quote.start])
    return _clean_source(before.group("who")) if before else ""


def _clean_source(who: str | None) -> str:
    if not who:
        return ""
    who = who.strip(" ,;:\t")
    who = _DATELINE.sub("", who)
    who = _LEADING_ADVERBIAL.sub("", who)
    who = _TRAILING_TIME.sub("", who)
    who = re.sub(r"(?:[ \t]+(?:that|who|which|in a statement|have|has|had|also|now))+$", "", who)
    first = who.split(" ", 1)[0]
    if (first in _FUNCTION_WORDS - {"The"} or first in {"and", "but", "so"}) and " " in who:
        who = who.split(" ", 1)[1]
    if who.lower() in _PERSONAL_PRONOUNS:
        return who.lower()
    if who.lower() in _PRONOUNS or not re.search(r"[A-Za-z]{2}", who):
        return ""
    return who


def _expand_name(text: str, who: str) -> str:
    """A bare surname ("Sanchez Cordero") becomes its first full mention in the article
    ("Interior Secretary Olga Sanchez Cordero")."""
    if not all(word[:1].isupper() for word in who.split()) or len(who.split()) > 3:
        return who
    # Capitalised words just before the name; a word ending in "." only as an initial or "U.S."
    pattern = re.compile(
        rf"((?:(?:[A-Z][\w’'\-]*|[A-Z](?:\.[A-Z])*\.)[ \t]+){{1,5}}){re.escape(who)}\b"
    )
    for match in pattern.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _FUNCTION_WORDS | SENTENCE_STARTERS:
            words.pop(0)
        if words:
            return " ".join([*words, who])
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
    words = text[sentence.start : sentence.end]
    left, right = sentence.start, sentence.end
    for match in _CLAUSE_BREAK.finditer(words):
        position = sentence.start + match.start()
        if position + len(match.group()) <= start:
            left = sentence.start + match.end()
        elif position >= end and right == sentence.end:
            right = position
    return Span(left, right)


def hedge_cue(text: str, clause: Span) -> str:
    """The first hedging word of the clause ("could", "reportedly", ...), or ''."""
    match = _HEDGE.search(text, clause.start, clause.end)
    return match.group(1).lower() if match else ""


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
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
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
    rf"|(?P<month>(?:\b{_PREPOSITION}\s+)?(?P<m_name>{MONTH_NAME})(?:’s|'s)?(?:\s+(?P<m_year>(?:19|20)\d\d))?\b)"
    rf"|(?P<relative>\b(?P<r_which>(?i:this|last|next|past))\s+(?P<r_unit>(?i:week|month|year))\b)"
    r"|(?P<dayword>\b(?P<dw>(?i:today|yesterday|tomorrow|tonight))\b)"
    rf"|(?P<weekday>\b(?:(?P<w_which>(?i:last|next|on|this|earlier|late|early))\s+)?(?P<w_name>{_WEEKDAY})\b)"
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


def time_mentions(text: str, within: Span, published: dt.date | None) -> list[TimeMention]:
    """Every time expression inside ``within``, resolved against ``published`` where needed.

    The expression is tried only where a word that can open one begins (a month, "last", a
    year, ...), or at the preposition just before it ("in November"): fast on long articles."""
    found = []
    resume = within.start
    for position in word_starts(text, _TIME_STEMS, within):
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
    return found


def _time_expression_at(text: str, position: int, within: Span) -> re.Match[str] | None:
    """The time expression starting at the preposition before ``position`` (if there is one),
    else at ``position``."""
    previous = _PREVIOUS_WORD.search(text, max(within.start, position - 16), position)
    if previous and previous.group(1).lower() in _PREPOSITIONS:
        match = TIME_EXPRESSION.match(text, previous.start(1), within.end)
        if match and match.end() > position:
            return match
    return TIME_EXPRESSION.match(text, position, within.end)


_PREPOSITION_FIRST = re.compile(r"(?i)(?:in|during|for|through|throughout|of|since|until|by)\s")


def _may_is_month(match: re.Match[str]) -> bool:
    """'May' is the month after a preposition or before a year, otherwise the modal verb."""
    return bool(_PREPOSITION_FIRST.match(match.group()) or match.group("m_year"))


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_for_month(month: int, published: dt.date | None) -> int | None:
    """The most recent such month on or before publication (news reports the past)."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _resolve(match: re.Match[str], published: dt.date | None) -> str:
    kind = match.lastgroup
    kind = next(k for k in ("between", "since", "date", "month", "relative", "dayword",
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


def _resolve_since(match: re.Match[str], published: dt.date | None) -> str:
    month, day = _month_number(match.group("s_month")), int(match.group("s_day"))
    year = (
        int(match.group("s_year")) if match.group("s_year") else _year_for_month(month, published)
    )
    if year is None:
        return ""
    start = dt.date(year, month, day)
    return f"{start.isoformat()}/{published.isoformat()}" if published else start.isoformat()


def _resolve_date(match: re.Match[str], published: dt.date | None) -> str:
    month, day = _month_number(match.group("d_month")), int(match.group("d_day"))
    year = (
        int(match.group("d_year")) if match.group("d_year") else _year_for_month(month, published)
    )
    return dt.date(year, month, day).isoformat() if year else ""


def _resolve_month(match: re.Match[str], published: dt.date | None) -> str:
    month = _month_number(match.group("m_name"))
    year = (
        int(match.group("m_year")) if match.group("m_year") else _year_for_month(month, published)
    )
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
    target = WEEKDAYS.index(match.group("w_name").lower())
    lead = match.string[max(0, match.start() - 50) : match.start()]
    if (match.group("w_which") or "").lower() == "next" or _FUTURE.search(lead):
        ahead = (target - published.weekday()) % 7 or 7
        return (published + dt.timedelta(days=ahead)).isoformat()
    back = (published.weekday() - target) % 7
    return (published - dt.timedelta(days=back)).isoformat()


_FUTURE = re.compile(
    r"\b(?:will|is set to|are set to|is scheduled to|plans? to|is due to)\b[^.,;]*$"
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
    "month": _resolve_month,
    "relative": _resolve_relative,
    "dayword": _resolve_dayword,
    "weekday": _resolve_weekday,
    "holiday": _resolve_holiday,
    "fiscal": _resolve_fiscal,
    "year": _resolve_year,
}


def period_for(
    mentions: list[TimeMention], clause: Span, start: int, end: int
) -> TimeMention | None:
    """The time a figure refers to: the nearest mention after it in its clause, else the nearest
    before it in its sentence (an opening "In November, ..." scopes the whole sentence)."""
    in_clause = [m for m in mentions if m.start >= clause.start and m.end <= clause.end]
    after = [m for m in in_clause if m.start >= end]
    if after:
        return min(after, key=lambda m: m.start)
    before = [m for m in mentions if m.end <= start]
    return max(before, key=lambda m: m.end) if before else None
