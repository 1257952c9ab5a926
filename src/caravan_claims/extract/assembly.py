"""Step: assembly — one article read once (sentences, sources, page furniture, per-sentence
words, time mentions and nouns), every number found, judged, joined, given its unit, qualifier
and rate, then its context (hedge, source, period); offsets mapped back to the original text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from operator import attrgetter

import pandas as pd

from caravan_claims import context
from caravan_claims.context import Span
from caravan_claims.extract import measures
from caravan_claims.extract.finding import find_numbers
from caravan_claims.extract.normalise import direction, normalised
from caravan_claims.extract.qualifiers import qualify, rate
from caravan_claims.extract.ranges import join_ranges_and_shares
from caravan_claims.extract.records import (
    CLAIM_COLUMNS,
    REJECTED_COLUMNS,
    Claim,
    Figure,
    Rejected,
    replace,
)
from caravan_claims.extract.rejections import (
    OF_PRONOUN_AFTER,
    SUBJECT_VERB_AFTER,
    JunkLines,
    keep_word_number,
    rejection_reason,
)
from caravan_claims.extract.units import NounsBefore, attach_unit, unit_asked
from caravan_claims.reading import Reading, read


class _Article:
    """One article's text and what its figures share: sentences, sources, and, per sentence, its
    words, time mentions and counted nouns, each read once however many figures it holds."""

    def __init__(self, text: str, article_id: str, published: dt.date | None) -> None:
        self.text, self.article_id, self.published = text, article_id, published
        self.sentences = context.SentenceFinder(text)
        self.sources = context.SourceFinder(text, context.quote_spans(text), self.sentences)
        self.junk = JunkLines(text)
        self._words: dict[int, str] = {}
        self._mentions: dict[int, context.Mentions] = {}
        self._nouns: dict[int, NounsBefore] = {}
        self._time_stems: context.StemStarts | None = None

    def words(self, sentence: Span) -> str:
        """The sentence's text: one string shared by all its figures."""
        if sentence.start not in self._words:
            self._words[sentence.start] = self.text[sentence.start : sentence.end]
        return self._words[sentence.start]

    def mentions(self, sentence: Span) -> context.Mentions:
        if sentence.start not in self._mentions:
            if self._time_stems is None:
                self._time_stems = context.StemStarts(self.text, context.TIME_STEMS)
            found = context.time_mentions(self.text, sentence, self.published, self._time_stems)
            self._mentions[sentence.start] = context.Mentions(found, self.text)
        return self._mentions[sentence.start]

    def nouns(self, sentence: Span) -> NounsBefore:
        if sentence.start not in self._nouns:
            self._nouns[sentence.start] = NounsBefore(self.text, sentence)
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
        replace(c, **_window(text, c.start, c.end, c.sentence_start, c.sentence_end))
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
        mapped.append(replace(claim, claim_id=ids[claim.claim_id], start=start, end=end,
                               quote=text[start:end], sentence_start=first, sentence_end=last,
                               sentence=words))  # fmt: skip
    mapped = [replace(c, same_as=ids[c.same_as]) if c.same_as else c for c in mapped]
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
    for fig in find_numbers(text, article.sentences):
        sentence = article.sentences.at(fig.number_start)
        reason = rejection_reason(text, fig, article.junk, sentence)
        if (
            reason is None
            and fig.kind == "word"
            and not keep_word_number(text, fig, sentence.start, sentence.end)
            and not _bare_answer(article, sentence, fig)
        ):
            continue
        if reason:
            number = text[fig.number_start : fig.number_end]
            rejected.append(Rejected(article_id, fig.number_start, fig.number_end, number,
                                     reason, sentence.start, article.words(sentence)))  # fmt: skip
            continue
        kept.append(fig)
    claims: list[Claim] = []
    figures = join_ranges_and_shares(text, kept, article.sentences)
    for number, fig in enumerate(figures):
        sentence = article.sentences.at(fig.number_start)
        attach_unit(text, fig, sentence, article.nouns(sentence))
        qualify(text, fig, sentence)
        fig.quote_end = fig.noun_end
        rate(text, fig, sentence)
        following = figures[number + 1].number_start if number + 1 < len(figures) else len(text)
        claims.append(_claim(article, fig, sentence, following))
    claims = _inherit_units(text, _join_compound_measures(text, claims))
    claims = _with_leads(article, _link_same_as(text, _counted_like_antecedent(text, claims)))
    return claims, rejected


_COMPARED_NEXT = re.compile(
    r"(?i)\b(?:against|compared (?:with|to)|versus|vs\.?|up from|down from)\s+"
    r"(?:about\s+|some\s+)?$"
)


def _claim(article: _Article, fig: Figure, sentence: Span, following: int) -> Claim:
    text, sentences = article.text, article.sentences
    clause = sentences.clauses(sentence).around(fig.quote_start, fig.quote_end)
    # "38,612 encounters ..., against 33,871 in December": a time after the figure compared
    # with this one is that figure's, not this one's (a figure of a later sentence is never in
    # this one's clause, so it is not looked for)
    if following <= sentence.end:
        compared = _COMPARED_NEXT.search(text, fig.quote_end, max(fig.quote_end, following))
        if compared:
            clause = Span(clause.start, min(clause.end, compared.start()))
    mention = article.mentions(sentence).period_for(clause, fig.quote_start, fig.quote_end)
    cue = sentences.hedge_cue(sentence, clause)
    question = _question_answered(article, sentence, fig.quote_start)
    asked = unit_asked(question) if question and fig.unit == "count" and not fig.noun else None
    unit, noun = asked or (fig.unit, fig.noun)  # "How many volunteers ...? A: 35"
    unit_normalised, dimension = normalised(unit)
    return Claim(
        claim_id=f"{article.article_id}:{fig.quote_start}",
        article_id=article.article_id,
        start=fig.quote_start,
        end=fig.quote_end,
        quote=text[fig.quote_start : fig.quote_end],
        low=fig.low,
        high=fig.high,
        qualifier=fig.qualifier,
        unit=unit,
        noun=noun,
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
        unit_normalised=unit_normalised,
        dimension=dimension,
        direction=direction(text, fig, sentence),
        question=question,
    )


_ANSWER_REACH = 80  # characters into an answer a figure may sit and still answer the question
_LONGEST_QUESTION = 240
_CLOSING = " \t\"'”’»)"


# An answer that is a number alone: "A: Two.", "Seventy, on a good night."
_ANSWER_OPENING = re.compile(r"[ \t]*(?:A[ \t]*:[ \t]*)?")


def _bare_answer(article: _Article, sentence: Span, fig: Figure) -> bool:
    """A number word that opens the answer to the question just before it and ends its clause
    ("How many volunteers do you have? Seventy, on a good night.") counts what was asked."""
    opening = _ANSWER_OPENING.match(article.text, sentence.start, fig.number_start)
    if opening is None or opening.end() != fig.number_start:
        return False
    if article.text[fig.number_end : fig.number_end + 1] not in {".", ","}:
        return False
    return bool(_question_answered(article, sentence, fig.number_start))


def _question_answered(article: _Article, sentence: Span, position: int) -> str:
    """ "Q: How many people slept in the shelter last night? A: 312.": the question the figure
    answers, when the sentence before its own ends with a question mark and the figure opens the
    answer; its meaning is in the question."""
    if position - sentence.start > _ANSWER_REACH:
        return ""
    previous = article.sentences.before(sentence)
    if previous is None:
        return ""
    asked = article.text[previous.start : previous.end].rstrip(_CLOSING)
    if not asked.endswith("?"):
        return ""
    return " ".join(asked[-_LONGEST_QUESTION:].split())


_LEAD_UNITS = {"count", "people"}  # counts of people a sentence before may name


def _with_leads(article: _Article, claims: list[Claim]) -> list[Claim]:
    """ "Families with small children stayed behind, in the courtyard of the basilica. The fire
    brigade counted 310 on Thursday night.": a count of people whose sentence follows one with
    no figure, in the same paragraph, keeps that sentence (``lead``), where the group it counts
    may be named. Questions are kept apart (``question``)."""
    counted = {claim.sentence_start for claim in claims}
    leads: dict[int, str] = {}  # by sentence
    led = []
    for claim in claims:
        if claim.unit in _LEAD_UNITS and not claim.question:
            heading = _table_heading(article.text, claim.start, claim.end)
            if not heading and claim.sentence_start not in leads:
                leads[claim.sentence_start] = _lead(article, claim.sentence_start, counted)
            lead = heading or leads.get(claim.sentence_start, "")
            if lead:
                claim = replace(claim, lead=lead)
        led.append(claim)
    return led


# A row of a plain-text table: a label, a gap of two spaces or more (or a bar), a figure ending
# the line; a column header: words in columns, no figure.
_TABLE_ROW = re.compile(rf"{context.TABLE_ROW_LABEL}[\d][\d.,]*[ \t]*")
_COLUMN_HEADER = re.compile(r"[ \t]*[^\W\d][^\d\n]*?(?:[ \t]{2,}|[ \t]*\|[ \t]*)[^\W\d][^\d\n]*")
_TABLE_REACH = 40  # rows a table's heading may lie above one of them
_REST_OF_LINE = re.compile(r"(\s*?)(?:\n|\Z)")  # group 1 ends where the line does


def _table_heading(text: str, start: int, end: int) -> str:
    """ "2. DETENTIONS AT SAN JACINTO, 8 MAY (IGM FIGURES)" above "Category  Persons" above
    "Men  142": the heading of the table whose row the figure at ``text[start:end]`` ends (with
    its column header), or "" when it ends no table row or no heading is found near it."""
    # the line must end right after the figure: checked first and from the figure on, since
    # looking for the ends of a line of a text with no line breaks, for each of its figures,
    # grew with the square of its length
    rest = _REST_OF_LINE.match(text, end)
    if rest is None:
        return ""
    line_end = rest.end(1)
    line_start = text.rfind("\n", 0, start) + 1
    if not _TABLE_ROW.fullmatch(text, line_start, line_end):
        return ""
    header = ""
    end = line_start - 1
    for _ in range(_TABLE_REACH):
        if end < 0:
            return ""
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip() or _TABLE_ROW.fullmatch(line):
            continue
        elif not header and _COLUMN_HEADER.fullmatch(line):
            header = " ".join(line.split())
        else:
            return " ".join(f"{line.strip().rstrip('.:')}. {header}".split())[-_LONGEST_QUESTION:]
    return ""


def _lead(article: _Article, sentence_start: int, counted: set[int]) -> str:
    sentence = article.sentences.at(sentence_start)
    previous = article.sentences.before(sentence)
    if previous is None or previous.start in counted:
        return ""
    if "\n\n" in article.text[previous.end : sentence.start]:
        return ""  # another paragraph
    words = article.text[previous.start : previous.end].rstrip(_CLOSING)
    if not words or words.endswith("?"):
        return ""
    return " ".join(words[-_LONGEST_QUESTION:].split())


_LIST_CONNECTOR = re.compile(r"(?i)[\s,;]*(?:(?:and\s+then|and|or|to|then)[\s,]+)*")


def _listed_together(text: str, first: Claim, second: Claim) -> bool:
    """Figures in one list or chain ("5% to 10% to 15% to 20"): only connectors between them."""
    left, right = (first, second) if first.start < second.start else (second, first)
    gap = text[left.end : right.start]
    if not gap.strip() and right.quote[:1].isalpha():
        return False  # "fewer than 900 within ten days": a new figure with its own qualifier
    if ";" in gap:
        return False  # "held about 600; two church halls held 430": a new clause
    return bool(_LIST_CONNECTOR.fullmatch(gap))


# Only connectors may separate figures listed together, so a figure's list neighbours are among
# the figures just before and after it.
_LIST_REACH = 2


_COMPOUND_GAP = re.compile(r"(?i)\s*(?:,|and)?\s*")
_COMPOUND_DIMENSIONS = {"length", "time", "mass"}


def _join_compound_measures(text: str, claims: list[Claim]) -> list[Claim]:
    """ "6 feet 2 inches", "under 4 minutes 10 seconds", "8 pounds 4 ounces": one measure in two
    units is one figure, in the smaller unit (74 inches, at most 250 seconds)."""
    joined: list[Claim] = []
    for claim in claims:
        previous = joined[-1] if joined else None
        total = _compound_total(text, previous, claim) if previous else None
        if previous is None or total is None:
            joined.append(claim)
            continue
        joined[-1] = dataclasses.replace(
            previous, end=claim.end, quote=text[previous.start : claim.end], low=total,
            high=total, unit=claim.unit, noun=claim.noun, unit_normalised=claim.unit_normalised,
        )  # fmt: skip
    return joined


def _compound_total(text: str, larger: Claim, smaller: Claim) -> float | None:
    if (
        larger.sentence_start != smaller.sentence_start
        or larger.dimension != smaller.dimension
        or larger.dimension not in _COMPOUND_DIMENSIONS
        or larger.unit_normalised == smaller.unit_normalised
        or larger.low != larger.high
        or smaller.qualifier != "exact"
        or not _COMPOUND_GAP.fullmatch(text, larger.end, smaller.start)
    ):
        return None
    factor = measures.convert(1.0, larger.unit_normalised, smaller.unit_normalised)
    if factor is None or factor <= 1 or abs(factor - round(factor)) > 1e-9:
        return None  # units of one system only: "5 miles, 300 meters" is two distances
    if not 0 <= smaller.low < factor:
        return None  # "2 hours 90 minutes" is not one measure
    return larger.low * factor + smaller.low


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
            claim = replace(claim, unit=nearest.unit, unit_normalised=nearest.unit_normalised,
                            dimension=nearest.dimension)  # fmt: skip
        inherited.append(claim)
    return inherited


_ANTECEDENT_REACH = 300  # characters back to the figure a pronoun may stand for


def _counted_like_antecedent(text: str, claims: list[Claim]) -> list[Claim]:
    """ "The INM found 147 people in the trailer. Eleven of them received hospital care", "...
    Fifteen were taken to the hospital": a figure with no noun, before "of them" or as the
    subject of a verb, counts what the figure before it counted, in its own sentence or the one
    before, when that counts people."""
    resolved = list(claims)
    sentence, people_counted = -1, False  # whether the sentence so far counted people
    for index in range(1, len(resolved)):
        claim, before = resolved[index], resolved[index - 1]
        if before.sentence_start != sentence:
            sentence, people_counted = before.sentence_start, False
        people_counted = people_counted or before.unit == "people"
        if (
            claim.unit == "count"
            and not people_counted
            and _of_the_things_before(text, before, claim)
        ):
            resolved[index] = replace(
                claim, unit=before.unit, unit_normalised=before.unit_normalised,
                dimension=before.dimension,
            )  # fmt: skip
            continue
        if (
            claim.unit == "count"
            and before.unit == "people"  # a pronoun for things is too often misread
            and claim.start - before.end <= _ANTECEDENT_REACH
            and (
                OF_PRONOUN_AFTER.match(text, claim.end)
                or (not claim.noun and SUBJECT_VERB_AFTER.match(text, claim.end))
            )
        ):
            resolved[index] = replace(
                claim, unit=before.unit, unit_normalised=before.unit_normalised
            )
    return resolved


def _of_the_things_before(text: str, before: Claim, claim: Claim) -> bool:
    """ "52 member trucks are in the queue; 14 of them carry refrigerated cargo": "N of them"
    right after a count of things in its own sentence counts those things (the caller checks
    that the sentence counted no people before it: "2,000 people came in 40 buses; 30 of them
    were children")."""
    return (
        before.sentence_start == claim.sentence_start
        and before.dimension == "count"
        and before.unit not in {"count", "people"}
        and bool(before.noun)
        and OF_PRONOUN_AFTER.match(text, claim.end) is not None
    )


_SAME_AS_JOIN = re.compile(r"^\s*\(\s*(?:about|roughly|some|approximately|or|nearly)?\s*$", re.I)


# Restating a figure in another unit: a measure ("2,500 miles (4,000 km)"), not a count.
_RESTATED_DIMENSIONS = {"length", "area", "volume", "mass", "speed", "temperature", "energy"}


def _link_same_as(text: str, claims: list[Claim]) -> list[Claim]:
    """ "2,500 miles (4,000 km)": the parenthesised figure restates the one before it."""
    linked = list(claims)
    for index in range(1, len(linked)):
        first, second = linked[index - 1], linked[index]
        same_dimension = (
            first.dimension in _RESTATED_DIMENSIONS and first.dimension == second.dimension
        )
        if (
            same_dimension
            and first.unit != second.unit
            and _SAME_AS_JOIN.match(text[first.end : second.start])
        ):
            linked[index] = replace(second, same_as=first.claim_id)
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
    # Rows as tuples in column order: what ``asdict`` gives, without its deep copy of each value.
    claim_row, rejected_row = attrgetter(*CLAIM_COLUMNS), attrgetter(*REJECTED_COLUMNS)
    claims_frame = pd.DataFrame([claim_row(c) for c in claims], columns=CLAIM_COLUMNS)
    rejected_frame = pd.DataFrame([rejected_row(r) for r in rejected], columns=REJECTED_COLUMNS)
    return claims_frame.astype({"low": float, "high": float, "hedged": bool}), rejected_frame
