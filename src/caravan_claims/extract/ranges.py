"""Step: ranges, chains and shares — "between A and B", "A to B" and "A–B" become one range,
"3 in 10" one share; a chain "5% to 10% to 15%" and a change "rose from A to B" stay apart."""

from __future__ import annotations

import re

from caravan_claims import context
from caravan_claims.extract.lexicon import MEASURE_UNITS
from caravan_claims.extract.qualifiers import CHANGE_VERB
from caravan_claims.extract.records import Figure
from caravan_claims.extract.units import counted_noun

_RANGE_JOIN = re.compile(r"^(?:\s*[-–—]\s*|\s+to\s+|\s+and\s+)$", re.I)


def join_ranges_and_shares(
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
        if len(chain) == 2 and _is_range(text, chain, sentences.at(chain[0].number_start).start):
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
    noun = counted_noun(text, whole.number_end, min(len(text), whole.number_end + 40))
    return noun is None or noun[0] not in MEASURE_UNITS


def _merge_share(part: Figure, whole: Figure) -> Figure:
    value = round(100 * part.low / whole.low, 10)
    return Figure(part.number_start, whole.number_end, value, value, "share", part.text)


def _starts_with_between(text: str, fig: Figure) -> bool:
    return bool(_BETWEEN_BEFORE.search(text, max(0, fig.number_start - 9), fig.number_start))


_BY_BEFORE = re.compile(r"(?i)\bby\s+$")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
# Words of change anywhere earlier in the sentence make "from A to B" a change, not a range:
# "will rise from £719 to £1,235, and the threshold from £26,200 to £38,700".
_CHANGE_WORD = re.compile(
    r"(?i)\b(?:rose|rise[sn]?|rising|fell|fall(?:s|ing|en)?|increas\w*|decreas\w*|grew|grow\w*|"
    r"jump\w*|drop\w*|climb\w*|declin\w*|surg\w*|soar\w*|swell\w*|shr[aiu]nk\w*|"
    r"rais(?:e|ed|es|ing)|lift(?:ed|s|ing)?|cut(?:s|ting)?|reduc\w*|lower(?:ed|s|ing)|"
    r"boost\w*|hik(?:e|ed|es|ing)|widen\w*|narrow\w*|slash\w*|trim\w*)\b"
)
_CHANGE_REACH = 120


def _is_range(text: str, pair: list[Figure], sentence_start: int) -> bool:
    first, second = pair
    prefix = text[max(0, first.number_start - 40) : first.number_start]
    if _BY_BEFORE.search(prefix):
        return False  # "jumped by 23,000 to 241,000": a change and the level it reached
    if _FROM_BEFORE.search(prefix):
        head_start = max(sentence_start, first.number_start - _CHANGE_REACH)
        if CHANGE_VERB.search(prefix[: prefix.lower().rfind("from")]) or _CHANGE_WORD.search(
            text, head_start, first.number_start
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
