"""Step: what a figure counts or measures — the noun after it (skipping a few modifiers), a
compound ("2,500-mile"), a currency sign, a percent sign, or the nearest counted noun before it."""

from __future__ import annotations

import bisect
import re

from caravan_claims import lexicons
from caravan_claims.context import Span
from caravan_claims.extract import currencies, measures
from caravan_claims.extract.lexicon import (
    BOARDED_VEHICLES,
    BOARDING_VERBS,
    COUNTED_NOUNS,
    MEASURE_UNITS,
    NATIONALITY_PLURAL,
    ONE_PERSON_NOUNS,
    PEOPLE_NOUNS,
    PER_WORDS,
    POPULATION_WORDS,
    STOP_WORDS,
    UNBORROWED_NOUNS,
    YOUNG_NOUNS,
)
from caravan_claims.extract.records import Figure
from caravan_claims.numbers import SCALES, TENS_WORDS, UNITS_WORDS
from caravan_claims.numbers import tidy as _tidy

_WORD = re.compile(r"[ \t]*(?:\n[ \t]*)?([A-Za-z][\w’'\-]*|%)")
_SECOND_WORD = re.compile(r"[ \t]+([a-z]+)")
# The unions the loop below reads for every word, built once.
_TWO_WORD_NOUNS = PEOPLE_NOUNS | set(MEASURE_UNITS)
_PEOPLE_OR_COUNTED = PEOPLE_NOUNS | COUNTED_NOUNS


def counted_noun(text: str, position: int, limit: int) -> tuple[str, int] | None:
    """The counted thing after a number: ``(noun, end offset)``; skips up to three modifiers
    ("1,000 Central American migrants", "1,000 temporary work visas"); a unit joined by a hyphen
    counts too ("a 1,380-peso ticket", "38-degree heat")."""
    cursor = position
    if text.startswith("-", position) and position + 1 < limit and text[position + 1].isalpha():
        cursor = position + 1
    boarded = False  # "as hundreds board trains": the verb before a vehicle makes them riders
    for _ in range(4):
        match = _WORD.match(text, cursor, limit)
        if not match:
            return None
        word = match.group(1)
        lowered = word.lower()
        two = _SECOND_WORD.match(text[match.end() : match.end() + 20])
        if two and f"{lowered} {two.group(1)}" in _TWO_WORD_NOUNS:
            return f"{lowered} {two.group(1)}", match.end() + two.end()
        if word == "%" or lowered in _PEOPLE_OR_COUNTED or lowered in MEASURE_UNITS:
            if boarded and lowered in BOARDED_VEHICLES:
                return None
            return _compound_head(text, lowered, match.end(), limit)
        if NATIONALITY_PLURAL.match(word):
            return word, match.end()
        head = lowered == "head" and cursor == position
        if head and _is_livestock_head(text, match.end(), limit):
            return "head", match.end()  # "1,840 head crossed", "6,200 head of feeder calves"
        if lowered == "more" and cursor == position and not _THAN.match(text, match.end(), limit):
            cursor = match.end()  # "20 more buses": more of the noun, not "20 more than"
            continue
        if lowered in STOP_WORDS or lowered in PER_WORDS or _is_number_word(lowered):
            return None  # "fewer than 1,000 within ten days": "ten days" is a figure of its own
        if _is_plain_plural(word) and _ends_noun_phrase(text, match.end(), limit):
            return lowered, match.end()  # a plural noun not in the lexicon: "2 million trees"
        boarded = boarded or lowered in BOARDING_VERBS
        cursor = match.end()
    return None


_THAN = re.compile(r"\s+than\b", re.I)
_HEAD_OF = re.compile(r"\s+of\s+([a-z]+)(?:[ -]([a-z]+))?")
# the clause ends, or a verb follows whose subject the head is ("1,840 head crossed")
_AFTER_HEAD_NOUN = re.compile(r"\s*(?:[.,;:)]|$)|\s+(?:were|was|are|is|have|had|[a-z]+ed)\b")


def _is_livestock_head(text: str, position: int, limit: int) -> bool:
    """ "head" after a number counts animals when animals follow ("head of feeder calves"), the
    clause ends ("expects about 1,200 head.") or a verb follows ("1,840 head crossed"); not in
    "300 head north", where it is the verb."""
    of = _HEAD_OF.match(text, position, limit)
    if of:
        return bool({of.group(1), of.group(2)} & COUNTED_NOUNS)
    return bool(_AFTER_HEAD_NOUN.match(text, position, limit))


def _is_number_word(word: str) -> bool:
    return word in UNITS_WORDS or word in TENS_WORDS or word in SCALES or word == "dozen"


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
    if following and following.group(1).lower() in _PEOPLE_OR_COUNTED:
        return _compound_head(text, following.group(1).lower(), following.end(), limit)
    # a singular person noun modifies a plural after it: "two passenger vans", "3 child seats"
    if following and noun in ONE_PERSON_NOUNS and _is_plain_plural(following.group(1)):
        return following.group(1), following.end()
    return noun, end


def _unit_for(noun: str) -> str:
    if noun in PEOPLE_NOUNS or NATIONALITY_PLURAL.match(noun):
        return "people"
    if noun == "%":
        return "percent"
    return MEASURE_UNITS.get(noun, noun)


_WORDS_BEFORE = re.compile(r"[A-Za-z][\w\-]*")


def _counted_word(word: str) -> str:
    """What ``word`` says is counted, if it says so: itself, "people" or ''."""
    if NATIONALITY_PLURAL.match(word):
        return word
    if word[0].isupper():
        return ""  # "United Nations" names something; it does not say what is counted
    if word in PEOPLE_NOUNS:
        return word
    if word in COUNTED_NOUNS:
        # a noun that is the same in the singular ("the cattle pavilion, built for 500") is as
        # often a modifier as what is counted
        return word if word.endswith("s") else ""
    return "people" if word in POPULATION_WORDS else ""


# "in the city's shelters", "at the shelters": a noun after a preposition of place is where
# people are, not what a later bare number counts.
_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:in|at|into|inside|outside|near|on|aboard)\s+(?:(?:the|a|an|its|their|our|[\w-]+['’]s)\s+)"
    r"{0,2}(?:[a-z-]+\s+)?$"
)


def _after_place_word(text: str, sentence_start: int, position: int) -> bool:
    # a window of a few words, so that a long sentence is not scanned again for every word
    return bool(_PLACE_BEFORE.search(text, max(sentence_start, position - 40), position))


class NounsBefore:
    """The words of one sentence that say what is counted, read once."""

    def __init__(self, text: str, sentence: Span) -> None:
        self.text, self.sentence = text, sentence
        self._read = False

    def _read_words(self) -> None:
        """Read on first use: most figures find their noun after them and never ask."""
        text, sentence = self.text, self.sentence
        words = list(_WORDS_BEFORE.finditer(text, sentence.start, sentence.end))
        self._read = True
        self.starts = [word.start() for word in words]
        self.ends = [word.end() for word in words]
        counted = [
            (word.end(), "" if _after_place_word(text, sentence.start, word.start()) else noun)
            for word in words
            if (noun := _counted_word(word.group())) and noun not in UNBORROWED_NOUNS
        ]
        self.counted_ends = [end for end, noun in counted if noun]
        self.counted = [noun for _, noun in counted if noun]

    def before(self, position: int) -> str:
        """The nearest counted noun ending before ``position`` ("the migrants ... number
        approximately 12,000"), for a figure with none after it."""
        if not self._read:
            self._read_words()
        index = bisect.bisect_left(self.starts, position) - 1
        if index >= 0 and self.ends[index] > position:  # a word running into the number
            noun = _counted_word(self.text[self.starts[index] : position])
            if noun:
                return noun
        index = bisect.bisect_right(self.counted_ends, position) - 1
        return self.counted[index] if index >= 0 else ""


_COMPOUND_UNIT = re.compile(
    r"(?i)-(?P<n>year|day|week|month|hour|mile|kilometer|kilometre|foot|meter|metre|strong|fold)"
    r"(?P<old>s?-old)?\b"
)


def _plural(noun: str) -> str:
    """ "23-foot launch": the plural the unit lexicon lists ("feet", not "foots")."""
    return "feet" if noun == "foot" else f"{noun}s"


_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|ages|age)\s+$")
# "About 350 are under 18", "those over 65": an age limit, not a count (unless a noun follows:
# "under 18 people" counts people); only the usual limits, since "fell to under 50" is a count
_AGE_LIMIT_BEFORE = re.compile(
    r"(?i)\b(?:under|below|over|above|younger than|older than)\s+(?:the\s+age\s+of\s+)?$"
)
_AGE_LIMITS = {5, 12, 14, 16, 17, 18, 21, 60, 65, 70}
# "cousins, 19 and 23 years old": the first of ages listed before "years old" is an age too
_AGES_LISTED_AFTER = re.compile(
    r"(?i)(?:\s*,\s*\d{1,3})*\s*,?\s+(?:and|or|y|to)\s+\d{1,3}\s+(?:years?\s+old|years?\s+of\s+age|años)\b"
)
# "Honduran boys between 14 and 17", "children from 5 to 12": the young, by their ages
_YOUNG_BETWEEN = re.compile(rf"(?i)\b(?:{'|'.join(sorted(YOUNG_NOUNS))})\s+(?:between|from)\s+$")
# "said Wilmer Zelaya, 34, who ...": a small whole number set off by commas after a name
# a name, or one person named by a noun ("A Honduran man, 52, died")
_NAME_BEFORE = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*[a-záéíóúñ][\w'’.-]*|"
    rf"\b(?:{lexicons.word_alternation('one_person_nouns')})),\s$"
)
_APPOSITION_END = re.compile(r"\s*(?:[,;)]|\.(?:\s|$)|$)")
_PRONOUN_BEFORE = re.compile(
    r"(?i)\b(?:it|them|they|its (?:size|number|count|ranks)|the (?:[a-z]+ )?(?:number|figure|count|"
    r"total|tally))\b(?:\s+(?:was|were|is|are|at|as|"
    r"numbered|number|totalled|totaled|stood|reached))*\s+(?:(?:at|to|closer to|as many as|about|"
    r"around|some|roughly|nearly|only|just|no more than|more than|fewer than|at most|at least)"
    r"\s+)*$"
)
_PLUS_SUFFIX = re.compile(r"(?i)-?plus\b|\+")


def _currency_after(text: str, fig: Figure, sentence: Span) -> bool:
    """ "40 euros", "2 lakh rupees"; "75p" and "12 cents" are hundredths of a currency."""
    found = currencies.hundredths(text, fig.number_end, sentence.end)
    if found is None:
        return False
    word, code, end = found
    if word in currencies.subunits():
        code = code or currencies.first_in(text, sentence.start, sentence.end) or "USD"
        fig.low, fig.high = _tidy(fig.low / 100), _tidy(fig.high / 100)
    fig.unit, fig.noun, fig.noun_end = code.lower(), word, end
    return True


def _measured(text: str, fig: Figure, start: int, sentence: Span) -> bool:
    """A unit of measure from the registry ("142 mph", "1TB", "2,700 kWh", "minus 10 degrees
    Celsius"); the words of the project's own lexicon keep their units ("miles", "km", "days")."""
    found = measures.unit_after(text, start, sentence.end)
    if found is None:
        return False
    written, unit, _dimension, end = found
    lowered = written.lower()
    if lowered in MEASURE_UNITS or lowered in PEOPLE_NOUNS or lowered in COUNTED_NOUNS:
        return False
    fig.unit, fig.noun, fig.noun_end = unit, written, end
    return True


def _is_age_limit(text: str, fig: Figure, sentence: Span) -> bool:
    """ "under 18", "over the age of 65": a usual age limit with no counted noun after it."""
    return (
        fig.low == fig.high
        and fig.low in _AGE_LIMITS
        and _AGE_LIMIT_BEFORE.search(text, max(0, fig.number_start - 30), fig.number_start)
        is not None
        and counted_noun(text, fig.number_end, sentence.end) is None
    )


def _is_appositive_age(text: str, fig: Figure, after: str) -> bool:
    """ "Dilcia Ramos, 29, who carries her son": a person's age, not a count of anything."""
    digits = text[fig.number_start : fig.number_end]
    return (
        digits.isdigit()
        and 0 < fig.low <= 110
        and fig.low == fig.high
        and bool(_NAME_BEFORE.search(text, max(0, fig.number_start - 40), fig.number_start))
        and bool(_APPOSITION_END.match(after))
    )


# A line that is a label, a colon and the figure ("- Hot meals served since Friday: 2,600"):
# the head of the label, a plural noun among its first three words, is what is counted.
_LABEL_LINE = re.compile(
    r"[ \t]*(?:[-•*–][ \t]*)?([A-Z][^\n:]{0,150}):[ \t]*(?:[a-z]+[ \t]+){0,2}$"
)
_LINE_END = re.compile(r"[ \t.]*(?:\n|$)")


def _label_noun(text: str, fig: Figure) -> str:
    if not _LINE_END.match(text, fig.number_end):
        return ""
    line_start = text.rfind("\n", 0, fig.number_start) + 1
    label = _LABEL_LINE.fullmatch(text, line_start, fig.number_start)
    if not label:
        return ""
    for word in label.group(1).split()[:3]:
        lowered = word.lower()
        if lowered in _PEOPLE_OR_COUNTED or _is_plain_plural(lowered):
            return lowered
    return ""


# A line that opens with the figure, a dash and what it counts ("900 — beds in the town's
# shelters", "46 — degrees Celsius on Wednesday"): a list of numbers with their labels after.
TEMPERATURE_BEFORE = lexicons.pattern("quantity_cues", "temperature_before")
_DASH_AFTER = re.compile(r"[ \t]*(?:[—–]|:(?=[ \t]))[ \t]*")  # "280 — people", "61: buses"
# what may stand between the start of a line and a figure that opens it: a bullet, a qualifier
_LINE_LEAD = re.compile(
    r"(?i)(?:^|\n)[ \t\-•*]*(?:(?:about|around|some|nearly|almost|roughly|over|under|more than|"
    r"fewer than|less than|up to|at least)[ \t]+)?$"
)
_LINE_LEAD_REACH = 30


def opens_its_line(
    text: str, position: int, lead: re.Pattern[str] = _LINE_LEAD, reach: int = _LINE_LEAD_REACH
) -> bool:
    """Only what ``lead`` allows (by default a bullet or a qualifier: "About 280 — kilometres
    ...") between the start of its line and ``position``; ``lead`` ends in "$" and opens with
    "(?:^|\\n)". Read within ``reach`` characters, never back to a distant line start (that
    search would cost the length of a one-line text for every figure)."""
    start = max(0, position - reach)
    found = lead.search(text, start, position)
    return bool(found and (start == 0 or found.group().startswith("\n")))


def _dash_label(text: str, fig: Figure, sentence: Span) -> bool:
    """The unit of a figure that opens its line before a dash and a label (set on ``fig``)."""
    dash = _DASH_AFTER.match(text, fig.number_end)
    if dash is None or not opens_its_line(text, fig.number_start):
        return False
    if _measured(text, fig, dash.end(), sentence):
        fig.noun_end = fig.number_end  # the quote stays the number
        return True
    found = counted_noun(text, dash.end(), sentence.end)
    if found is None:
        return False
    _take_noun(fig, found[0])
    return True


_HOW_MANY = re.compile(r"(?i)\bhow many\s+([a-z][\w-]*)")


def unit_asked(question: str) -> tuple[str, str] | None:
    """The unit and noun a question asks for ("How many volunteers do you have?"), if it names
    what it counts."""
    asked = _HOW_MANY.search(question)
    word = asked.group(1).lower() if asked else ""
    noun = _counted_word(word) if word else ""
    if word and not noun and len(word) > 3 and word.endswith("s") and word not in _NOT_PLURALS:
        noun = word  # "How many tickets": any plural noun says what the answer counts
    return (_unit_for(noun), noun) if noun else None


_NOT_PLURALS = STOP_WORDS | {"does", "this", "ours", "yours", "theirs", "various"}


def _take_noun(fig: Figure, noun: str) -> None:
    """The figure's unit from its counted noun; the noun kept as written for people."""
    fig.unit = _unit_for(noun)
    fig.noun = noun.lower() if fig.unit != "people" else noun


_DOLLARS_OR_PESOS = re.compile(r"(?i)\s*(?:dollars?|pesos)\b")
_PERCENT_SIGN = re.compile(r"\s?%")
_OF = re.compile(r"(?i)\s+of\b")


def attach_unit(text: str, fig: Figure, sentence: Span, nouns: NounsBefore) -> None:
    after = text[fig.number_end : min(fig.number_end + 24, sentence.end)]
    compound = _COMPOUND_UNIT.match(after)
    if fig.kind == "race_time":  # "1:50.34": seconds
        fig.unit, fig.noun, fig.noun_end = "second", "", fig.number_end
        return
    if fig.kind == "multiplier":  # "rose tenfold", "scored twice": so many times
        fig.unit, fig.noun, fig.noun_end = "times", "", fig.number_end
        return
    if fig.kind == "share":
        found = counted_noun(text, fig.number_end, sentence.end)
        fig.unit, fig.noun = "percent", found[0] if found else ""
        fig.noun_end = found[1] if found else fig.number_end
        return
    if fig.currency:
        fig.unit, fig.noun, fig.noun_end = fig.currency, "", fig.number_end
        found = _DOLLARS_OR_PESOS.match(after)
        if found:
            fig.noun_end = fig.number_end + found.end()
        return
    if _currency_after(text, fig, sentence):
        return
    young = _YOUNG_BETWEEN.search(text, max(0, fig.number_start - 40), fig.number_start)
    if young and fig.low < 30 and not counted_noun(text, fig.number_end, sentence.end):
        fig.unit, fig.noun, fig.noun_end = "age", "years old", fig.number_end
        return
    if _is_age_limit(text, fig, sentence):
        fig.unit, fig.noun, fig.noun_end = "age", "years old", fig.number_end
        return
    if _AGE_BEFORE.search(text, max(0, fig.number_start - 6), fig.number_start):
        fig.unit, fig.noun, fig.noun_end = "age", "years old", fig.number_end  # "aged 18-25"
        return
    if fig.low < 130 and _AGES_LISTED_AFTER.match(text, fig.number_end, sentence.end):
        fig.unit, fig.noun, fig.noun_end = "age", "years old", fig.number_end
        return
    if _is_appositive_age(text, fig, after):
        fig.unit, fig.noun, fig.noun_end = "age", "", fig.number_end
        return
    if compound:
        fig.noun_end = fig.number_end + compound.end()
        if compound.group("old"):
            fig.unit, fig.noun = "age", "years old"
        elif compound.group("n").lower() == "strong":
            fig.unit, fig.noun = "people", "strong"
        elif compound.group("n").lower() == "fold":
            fig.unit, fig.noun = "times", "fold"
        else:
            fig.unit = MEASURE_UNITS[_plural(compound.group("n").lower())]
            fig.noun = compound.group("n").lower()
        return
    if _PERCENT_SIGN.match(after):
        fig.unit, fig.noun, fig.noun_end = "percent", "%", fig.number_end + after.index("%") + 1
        return
    start = fig.number_end
    plus = _PLUS_SUFFIX.match(text, start)
    if plus:  # "2,000-plus migrants": the noun comes after the qualifier
        start = plus.end()
    if _measured(text, fig, start, sentence):
        return
    if fig.kind == "vague":
        of = _OF.match(after)
        start = fig.number_end + of.end() if of else start
    found = counted_noun(text, start, sentence.end)
    if found:
        _take_noun(fig, found[0])
        fig.noun_end = found[1]
        return
    fig.noun_end = fig.number_end
    label = _label_noun(text, fig)
    if label:  # "- Beds in our shelters: 320": the line's label says what is counted
        fig.unit = _unit_for(label)
        return
    if _dash_label(text, fig, sentence):  # "430 — kilometres by road to Hermosillo."
        return
    if _PRONOUN_BEFORE.search(text, max(sentence.start, fig.number_start - 40), fig.number_start):
        fig.unit = "count"  # "aid groups put it at 3,500": "it" is counted, not the groups
        return
    if -60 <= fig.low <= 130 and TEMPERATURE_BEFORE.search(
        text, max(sentence.start, fig.number_start - 40), fig.number_start
    ):
        fig.unit = "degrees"  # "Hot and sticky, a high of 36"; the crowd's "high of 3,000" is not
        return
    before = _number_of_subject(text, sentence.start, fig.number_start) or nouns.before(
        fig.number_start
    )
    fig.unit = _unit_for(before) if before else "count"


_NUMBER_OF = re.compile(r"(?i)\bnumber\s+of\s+([\w-]+)")
_REACHING = re.compile(
    r"(?i)\b(?:reaching|reached|rose to|risen to|rising to|climbed to|climbing to|grew to|"
    r"stood at|standing at|topped|topping|hit|hitting)\s+(?:[\w-]+\s+){0,2}?$"
)


def _number_of_subject(text: str, sentence_start: int, position: int) -> str:
    """ "The number of migrants in the shelters has almost tripled since ... suspended asylum
    appointments ..., reaching 3,180": the sentence's "number of" names what a bare figure it
    rises or falls to counts, whatever nouns come between."""
    if not _REACHING.search(text, max(sentence_start, position - 30), position):
        return ""
    found = _NUMBER_OF.search(text, sentence_start, position)
    return _counted_word(found.group(1)) if found else ""


# --- ranges, chains, qualifiers ----------------------------------------------------------------
