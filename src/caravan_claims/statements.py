"""Stage 2 (extraction), continued — what kind of statement carries each figure, and the sentences
that deny a figure or a group's existence.

A figure is an ``observation`` (the group was this size), a ``forecast`` ("could exceed 12,000",
"expected to reach 15,000", "another 20,000 would leave") or part of a ``denial`` ("denied reports
that a caravan of 20,000 was forming"). Denials without a figure ("There is no indication of such
a caravan") are kept as their own table, so that reconciliation reads tables and never re-reads
article text. The cues are data: ``lexicons/statement_cues.csv`` and ``denial_objects.csv``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import astuple, dataclass
from functools import lru_cache

import pandas as pd

from caravan_claims import context, lexicons

STATEMENTS = ("observation", "forecast", "denial")
DENIAL_COLUMNS = [
    "denial_id", "article_id", "start", "end", "sentence", "denied_by", "about_other_group",
]  # fmt: skip

# "denied entry/asylum/visas" is an administrative act, not a denial of a figure.
_ADMINISTRATIVE = lexicons.pattern("statement_cues", "administrative")
_CLAUSE_OPENING = re.compile(r"(?i)(?:^|[,;:]\s+|\bthat\s+)")
_AUXILIARY_TAIL = re.compile(
    rf"(?i)(?:\s+(?:{lexicons.alternation('statement_cues', 'auxiliary')}))+$"
)
# a subject that is only a pronoun; matched whole, on the lower-cased subject (no (?i))
_PRONOUN = re.compile(lexicons.alternation("statement_cues", "pronoun"))
_BY_AGENT = re.compile(r"(?i)\s*by\s+(?:the\s+)?([^,.;]+)")
_BORDER_STATISTIC = lexicons.pattern("statement_cues", "border_statistic")
_LEAVING_AFTER = re.compile(
    rf"(?i)\s*(?:\w+\s+){{0,2}}?(?:{lexicons.alternation('statement_cues', 'leaving_after')})"
)
_POINTING_BACK = lexicons.pattern("statement_cues", "pointing_back")
_CONJUNCTION_HEAD = re.compile(r"(?i)^(?:although|though|while|but|and|as|because|since)\s+")
_DENIED_THING = re.compile(r"\d|(?i:\b(?:figures?|numbers?|reports?|claims?|estimates?|counts?)\b)")
_WINDOW_BEFORE = 80  # characters of the sentence before a figure read for forecast cues


def _denial_cue(text: str) -> re.Match[str] | None:
    for match in lexicons.word_pattern("statement_cues", "denial").finditer(text):
        if not _ADMINISTRATIVE.match(text, match.start()):
            return match
    return None


@lru_cache(maxsize=4096)
def _denial(sentence: str) -> tuple[str, int] | None:
    """Who denies a figure of the sentence when the sentence denies one (a size or a report),
    and where the figures it denies may begin, else None: the same for every figure of the
    sentence, so read once per sentence. A figure that ends before the denying verb, with
    nothing the denial is about before that verb either, is not denied: "The INM detained 160
    people at the checkpoint and dismissed a viral figure of 10,000 as false" denies the 10,000,
    not the 160."""
    negated = lexicons.pattern("statement_cues", "denial_predicate").search(sentence)
    if negated:  # "Ten thousand migrants are not camped in the town": its subject is denied
        return "", 0
    cue = _denial_cue(sentence)
    objects = lexicons.pattern("denial_objects")  # a size or a report
    if cue and objects.search(sentence):
        denied_from = 0 if objects.search(sentence, 0, cue.start()) else cue.start()
        return denier(sentence, cue), denied_from
    return None


def statement_of(sentence: str, quote_start: int, quote_end: int) -> tuple[str, str]:
    """The statement type of the figure at ``sentence[quote_start:quote_end]`` and, for a
    denial, who denies it."""
    denial = _denial(sentence)
    if denial is not None and quote_end > denial[1]:
        return "denial", denial[0]
    window = sentence[max(0, quote_start - _WINDOW_BEFORE) : quote_end]
    forecast = lexicons.word_pattern("statement_cues", "forecast")
    for match in forecast.finditer(window):
        # the cue must govern this figure: end inside it or just before it
        if match.end() >= len(window) - (quote_end - quote_start) - 12:
            return "forecast", ""
    after = sentence[quote_end : quote_end + 40]
    if _LEAVING_AFTER.match(after):
        return "forecast", ""
    return "observation", ""


def denier(sentence: str, cue: re.Match[str]) -> str:
    """Who denies: the subject of the denying verb ("the Honduran government has denied"), or
    the agent of a passive ("was denied by the Security Ministry")."""
    passive = _BY_AGENT.match(sentence, cue.end())
    if passive:
        return passive.group(1).strip()
    before = sentence[: cue.start()]
    opening = [m.end() for m in _CLAUSE_OPENING.finditer(before)]
    subject = before[opening[-1] :] if opening else before
    subject = _AUXILIARY_TAIL.sub("", subject.strip(" ,")).strip()
    subject = _CONJUNCTION_HEAD.sub("", subject)  # ", although fact-checkers rated it false"
    if _DENIED_THING.search(subject):  # "The figure of 8,000 does not correspond to reality"
        return ""  # the subject is what is denied, not who denies it
    return "" if not subject or _PRONOUN.fullmatch(subject.lower()) else subject


def annotate(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table with ``statement`` and ``denied_by`` columns, read from each claim's
    own sentence (the table carries it)."""
    annotated = claims.copy()
    kinds = [
        statement_of(row.sentence, row.start - row.sentence_start, row.end - row.sentence_start)
        for row in claims.itertuples(index=False)
    ]
    annotated["statement"] = [kind for kind, _ in kinds]
    # a denial that does not say who denies in its own words: the sentence's source does
    annotated["denied_by"] = [
        who or (source if kind == "denial" else "")
        for (kind, who), source in zip(kinds, claims["attributed_to"].fillna(""), strict=True)
    ]
    return annotated


@dataclass(frozen=True)
class Denial:
    """A sentence denying a figure or a group's existence, and who says so."""

    denial_id: str
    article_id: str
    start: int
    end: int
    sentence: str
    denied_by: str
    about_other_group: bool


def find_denials(text: str, article_id: str) -> list[Denial]:
    """Sentences that deny a reported figure or group ("have denied the numbers", "no indication
    of such a caravan"), each with the subject that denies, and a fact-check's verdict lines
    ("RATING: FALSE."); never denials of border statistics."""
    verdicts = _verdicts(text, article_id)
    cues = lexicons.word_pattern("statement_cues", "denial").finditer(text)
    first = next(cues, None)
    if first is None:  # most articles deny nothing: no sentences or quotations read
        return verdicts
    finder = context.SentenceFinder(text)
    quotes = context.quote_spans(text)
    quote_starts = [q.start for q in quotes]
    found: list[Denial] = []
    seen: set[int] = set()
    for match in itertools.chain([first], cues):
        span = finder.at(match.start())
        sentence = text[span.start : span.end]
        if span.start in seen or _ADMINISTRATIVE.match(text, match.start()):
            continue
        if not lexicons.pattern("denial_objects", "size").search(sentence):
            continue
        if _BORDER_STATISTIC.search(sentence):
            continue
        seen.add(span.start)
        before_text = _previous_sentence(finder, text, span)
        quote = _quote_around(quotes, quote_starts, match.start())
        local = re.compile(re.escape(match.group(0))).search(sentence)
        who = (
            context.speaker_of_quote(text, quote)
            if quote
            else denier(sentence, local)
            if local
            else ""
        )
        found.append(
            Denial(
                denial_id=f"{article_id}:{span.start}",
                article_id=article_id,
                start=span.start,
                end=span.end,
                sentence=sentence,
                denied_by=who,
                about_other_group=_about_other_group(sentence, before_text, found),
            )
        )
    return sorted([*found, *verdicts], key=lambda denial: denial.start)


_VERDICT = re.compile(f"(?im){lexicons.alternation('statement_cues', 'verdict')}")


def _verdicts(text: str, article_id: str) -> list[Denial]:
    """A fact-check's verdict lines ("RATING: FALSE."): each denies the claim it follows, so it
    points back (:func:`deny_what_is_pointed_back`); the fact-checker denies."""
    found = []
    for match in _VERDICT.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        found.append(Denial(f"{article_id}:{match.start()}", article_id, match.start(), end,
                            text[match.start() : end].strip(), "", False))  # fmt: skip
    return found


def _quote_around(
    quotes: list[context.Span], starts: list[int], offset: int
) -> context.Span | None:
    """The quotation holding ``offset``, found by bisection (quotations do not nest)."""
    index = bisect.bisect_left(starts, offset) - 1
    if index >= 0 and quotes[index].start < offset < quotes[index].end:
        return quotes[index]
    return None


def _previous_sentence(finder: context.SentenceFinder, text: str, span: context.Span) -> str:
    position = span.start - 1
    while position >= 0 and text[position].isspace():
        position -= 1
    if position < 0:
        return ""
    previous = finder.at(position)
    return text[previous.start : previous.end] if previous.end <= span.start else ""


def _about_other_group(sentence: str, previous: str, earlier: list[Denial]) -> bool:
    """A denial names another group ("a second caravan", "another 20,000", one "forming"), or
    goes on denying what the sentence before it, or the denial just before, was about: "Those
    numbers are invented," after "posts claiming that another 20,000 would leave"."""
    other = lexicons.word_pattern("group_cues", "other_group")
    if other.search(sentence):
        return True
    if earlier and earlier[-1].about_other_group and earlier[-1].sentence == previous:
        return True
    pointing_back = _POINTING_BACK.search(sentence)
    return bool(pointing_back and previous and other.search(previous))


def denials_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every denial sentence of the corpus, one row each (``DENIAL_COLUMNS``)."""
    rows = [
        astuple(denial)
        for article in corpus.itertuples(index=False)
        for denial in find_denials(article.text, article.article_id)
    ]
    return pd.DataFrame(rows, columns=DENIAL_COLUMNS)


# what a denial with no figure of its own may deny in the sentence just before it
_DENIED_BEFORE = re.compile(
    r"(?i)\b(?:that|this|those|these|such|the) (?:figures?|numbers?|counts?|estimates?|tally)\b"
)
_SENTENCE_GAP = 3  # at most this much white space between two sentences that follow each other


def deny_what_is_pointed_back(claims: pd.DataFrame, denials: pd.DataFrame) -> pd.DataFrame:
    """ "Our producer asks about the 12,000. The INM called that figure false on Saturday": a
    denial sentence with no figure of its own that points back to one ("that figure", "those
    numbers") denies the figures of the sentence just before it. Reads the two tables only."""
    if claims.empty or denials.empty:
        return claims
    pointing = denials[
        (
            denials["sentence"].str.contains(_DENIED_BEFORE)
            | denials["sentence"].str.contains(_VERDICT)
        )
        & ~denials["sentence"].str.contains(r"\d", regex=True)
    ]
    if pointing.empty:
        return claims
    marked = claims.reset_index(drop=True)
    statement, denied_by = marked["statement"].tolist(), marked["denied_by"].tolist()
    ends = marked["sentence_end"].tolist()
    wanted = set(pointing["article_id"])
    rows_of = {
        article: rows
        for article, rows in marked.groupby("article_id", sort=False).indices.items()
        if article in wanted
    }  # one pass over the claims, whatever the number of denials
    for denial in pointing.itertuples(index=False):
        for row in rows_of.get(denial.article_id, ()):
            if 0 <= denial.start - ends[row] <= _SENTENCE_GAP and statement[row] == "observation":
                statement[row], denied_by[row] = "denial", denial.denied_by
    marked["statement"], marked["denied_by"] = statement, denied_by
    marked.index = claims.index
    return marked


def deny_restatements(claims: pd.DataFrame) -> pd.DataFrame:
    """ "CLAIM: 15,000 migrants are camped at El Chaparral. RATING: FALSE. ... The post with the
    15,000 figure has been shared 20,000 times": a figure that repeats, later in the same article
    and in the same unit, the value of a figure the article denies is that denied figure again."""
    if claims.empty or not (claims["statement"] == "denial").any():
        return claims
    marked = claims.reset_index(drop=True)
    statement, denied_by = marked["statement"].tolist(), marked["denied_by"].tolist()
    first_denied: dict[tuple, tuple[int, str, str]] = {}
    rows = zip(marked["article_id"], marked["low"], marked["high"], marked["unit"],
               marked["start"], statement, denied_by, strict=True)  # fmt: skip
    for number, (article, low, high, unit, start, kind, who) in enumerate(rows):
        key = (article, low, high)
        if kind == "denial":
            first_denied.setdefault(key, (start, who, unit))
            continue
        denied = first_denied.get(key)
        # a bare number ("the 15,000 figure") repeats a count of anything
        same_unit = denied is not None and unit in {denied[2], "count"}
        if kind == "observation" and same_unit and denied[0] < start:
            statement[number], denied_by[number] = "denial", denied[1]
    marked["statement"], marked["denied_by"] = statement, denied_by
    marked.index = claims.index
    return marked


def with_denials(claims: pd.DataFrame, corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims of ``corpus`` with their statement types (:func:`annotate`, then
    :func:`deny_what_is_pointed_back`), and the corpus's denial sentences (:func:`denials_table`):
    what every engine does after extracting a batch."""
    denials = denials_table(corpus)
    return deny_restatements(deny_what_is_pointed_back(annotate(claims), denials)), denials
