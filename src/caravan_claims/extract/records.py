"""What extraction returns: a claim per figure, a rejected number per number left out, and the
working record of one number on its way to becoming a claim."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

CLAIM_COLUMNS = [
    "claim_id", "article_id", "start", "end", "quote", "low", "high", "qualifier", "unit",
    "noun", "per", "hedged", "hedge_cue", "attributed_to", "period", "period_text", "same_as",
    "sentence_start", "sentence_end", "sentence", "unit_normalised", "dimension", "direction",
    "question", "lead",
]  # fmt: skip
REJECTED_COLUMNS = ["article_id", "start", "end", "text", "reason", "sentence_start", "sentence"]
QUALIFIERS = ("exact", "approx", "lower", "upper", "range", "vague")


@dataclass
class Figure:
    """One number found in the text, before and after it is judged a figure."""

    number_start: int
    number_end: int
    low: float
    high: float
    kind: str  # digit | word | vague | share | multiplier | race_time
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
    exponent: bool = False  # written in scientific notation: any size a float holds


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
    unit_normalised: str = ""
    dimension: str = ""
    direction: str = ""
    question: str = ""  # the question the figure's sentence answers (an interview), else ""
    lead: str = ""  # the sentence before, when it has no figure: it may name the group counted


@dataclass(frozen=True)
class Rejected:
    article_id: str
    start: int
    end: int
    text: str
    reason: str
    sentence_start: int
    sentence: str


def replace(claim: Claim, **changes: object) -> Claim:
    return dataclasses.replace(claim, **changes)
