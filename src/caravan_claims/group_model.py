"""Stage 3a (grouping), which other group — figures of other groups clustered by a learned model.

Inside an event, the rules name another group by what marks it in its own sentence: a place it
forms in or comes from, a nationality, a shelter, an earlier month. Figures of one group often
carry different marks ("the Salvadoran group", "the 300 who left from San Miguel") or none at
all ("another group of about 300"): the rules then split one group into several quantities, or
put every unnamed one into the same ``other:unnamed``. Here a logistic regression over pairs of
such figures says how likely two are one group, from:

- their names (the rules' key; whether either is unnamed; whether one's key is a word of the
  other's sentence);
- the words and names within 80 characters of each figure;
- the figureless sentence before it in its paragraph (its claim's ``lead``): whether it names
  the other figure's key or names, and how many words it shares with the other's sentence
  ("... opened the gymnasium. 240 people slept there.");
- whether both are attributed to the same source, and count the same noun;
- whether only one of them is marked as another group near it ("another", "a separate",
  "a second": ``group_cues.csv`` ``other_group``);
- how far apart their values and dates are;
- whether one is a wire copy of the other, and whether they share an article, a sentence, a kind
  of group or a measure.

The figures are then clustered, in date order: each joins the cluster it is most likely one
group with, on the mean probability of its ``_LINKS`` closest among the cluster's ``RECENT``
latest members, if that reaches ``join_at``, else starts a cluster.
Clusters are compared only within ``WINDOW_DAYS`` of their latest member, so the work per
figure stays bounded on a large corpus.

Weights: ``lexicons/group_model.csv``, learned (``make models``,
``tests/bench/train_models.py``) from the coverage gold's groups, as
:mod:`caravan_claims.role_model` is; ``lexicons/group_model.json`` says what on, the held-out
measure and ``join_at``.
"""

from __future__ import annotations

import heapq
import json
import math
import operator
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from caravan_claims import lexicons

WEIGHTS_PATH = lexicons.LEXICON_DIR / "group_model.csv"
META_PATH = lexicons.LEXICON_DIR / "group_model.json"
BIAS = "(bias)"
WINDOW_DAYS = 90  # a cluster whose latest figure is older than this takes no more
RECENT = 20  # a figure is compared with this many of a cluster's latest members
_LINKS = 3  # and joins on the mean of its closest three among them
_NEAR = 80  # characters either side of a figure that are its own words
_ADJACENT = 300  # sentences of one article this close (their starts) are read together
_WORD = re.compile(r"[^\W\d_]+")
_UNNAMED = ("unnamed", "unspecified")
_GENERIC_KEY_WORDS = {"unnamed", "unspecified", "group", "caravan", "shelter", "camp", "other"}
_STOP = frozenset(row["word"] for row in lexicons.rows("function_words"))
_OTHER_GROUP_CUE = lexicons.word_pattern("group_cues", "other_group")
FEATURES = (
    "same_subject", "same_subject_named", "both_unnamed", "one_unnamed", "key_overlap",
    "key_in_other", "near_names_shared", "near_words", "names_shared", "names_overlap",
    "sentence_words", "same_article", "same_sentence", "value_ratio", "value_close", "days",
    "same_day", "same_kind", "same_measure", "copy", "earlier", "adjacent", "value_equal",
    "key_in_lead", "lead_names_shared", "lead_words", "same_source", "same_noun",
    "other_cue_differs", "article_names",
)  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """What the model reads of one figure of another group."""

    claim_id: str
    subject: str
    measure: str
    group_kind: str
    day: float  # days since 1970 of its as-of date (nan when undated)
    value: float
    article_id: str
    sentence_start: int
    copy_of: str
    key_words: frozenset[str]
    sentence_words: frozenset[str]
    names: frozenset[str]
    near_words: frozenset[str]
    near_names: frozenset[str]
    all_words: frozenset[str] = frozenset()  # its sentence's words and names
    lead_words: frozenset[str] = frozenset()  # words and names of the figureless sentence before
    lead_names: frozenset[str] = frozenset()
    source: str = ""  # who the claim is attributed to ("" when no one)
    noun: str = ""  # what the figure counts, as written ("occupants", "migrants")
    other_cue: bool = False  # "another", "a separate", "a second" ... near it
    article_names: frozenset[str] = frozenset()  # names in its article's figures' sentences


def _names_and_words(text: str, first_is_sentence_start: bool) -> tuple[set[str], set[str]]:
    """Capitalised words (names; not a sentence's capitalised first word) and the other words
    but function words, lower-cased."""
    found = _words_read(text, first_is_sentence_start)
    names = {w.lower() for w in found if w[0].isupper()}
    words = {lower for w in found if not w[0].isupper() and (lower := w.lower()) not in _STOP}
    return names, words


def figure(row: dict) -> Figure:
    """A figure from a grouped row joined with its claim (``sentence``, ``start``, ``end``,
    ``sentence_start``, ``low``, ``article_id``, ``copy_of``)."""
    sentence = str(row["sentence"])
    start = int(row["start"]) - int(row["sentence_start"])
    end = int(row["end"]) - int(row["sentence_start"])
    near_from = max(0, start - _NEAR)
    names, words = _names_and_words(sentence, True)
    near_names, near_words = _names_and_words(sentence[near_from : end + _NEAR], near_from == 0)
    key = row["subject"].split("/", 1)[-1].split(":")[-1]
    as_of = pd.Timestamp(row["as_of"]) if row.get("as_of") else pd.NaT
    lead_names, lead_words = _names_and_words(str(row.get("lead") or ""), True)
    return Figure(
        claim_id=row["claim_id"],
        subject=row["subject"],
        measure=row["measure"],
        group_kind=row.get("group_kind", ""),
        day=math.nan if pd.isna(as_of) else as_of.value / 86_400e9,
        value=float(row["low"]) if row.get("low") == row.get("low") else math.nan,
        article_id=row["article_id"],
        sentence_start=int(row["sentence_start"]),
        copy_of=str(row.get("copy_of") or ""),
        key_words=frozenset(key.split("_")) - _GENERIC_KEY_WORDS,
        sentence_words=frozenset(words),
        names=frozenset(names),
        near_words=frozenset(near_words),
        near_names=frozenset(near_names),
        all_words=frozenset(words | names),
        lead_words=frozenset(lead_words | lead_names),
        lead_names=frozenset(lead_names),
        source=str(row.get("attributed_to") or "").lower(),
        noun=str(row.get("noun") or "").lower(),
        other_cue=bool(_OTHER_GROUP_CUE.search(sentence, near_from, end + _NEAR)),
        article_names=row.get("article_names") or frozenset(),
    )


def article_names(sentences: list[str]) -> frozenset[str]:
    """The names (capitalised words, not a sentence's first) in an article's figures'
    sentences: two reports from different towns name different places even where the figure's
    own sentence names none ("30 municipal officers escort the walkers to the city limits")."""
    return frozenset().union(*map(_names, sentences))


def _names(sentence: str) -> set[str]:
    """The names of :func:`_names_and_words`, alone (the words are not needed)."""
    return {w.lower() for w in _words_read(sentence, True) if w[0].isupper()}


def _words_read(text: str, first_is_sentence_start: bool) -> list[str]:
    """The words of ``text``, but a sentence's first when capitalised (it names nothing)."""
    found = _WORD.findall(text)
    if first_is_sentence_start and found and found[0][0].isupper():
        return found[1:]
    return found


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def unnamed(subject: str) -> bool:
    """A key the rules gave a group they could not name (``other:unnamed``, ``…unspecified``)."""
    return subject.endswith(_UNNAMED)


def pair_features(a: Figure, b: Figure) -> list[float | bool]:
    """The values of ``FEATURES`` for two figures (in [0, 1])."""
    unnamed_a, unnamed_b = unnamed(a.subject), unnamed(b.subject)
    try:
        ratio = abs(math.log10(a.value / b.value))
    except (ValueError, ZeroDivisionError):
        ratio = 1.0
    if math.isnan(ratio):
        ratio = 1.0
    days = abs(a.day - b.day)
    days = 30.0 if math.isnan(days) else days
    copy = (a.copy_of and (a.copy_of == b.claim_id or a.copy_of == b.copy_of)) or (
        b.copy_of == a.claim_id
    )
    words_a, words_b = a.all_words, b.all_words
    same_subject = a.subject == b.subject
    earlier = any(m in s for m in (":earlier", "/earlier") for s in (a.subject, b.subject))
    values = [
        same_subject,  # same_subject
        same_subject and not unnamed_a,  # same_subject_named
        unnamed_a and unnamed_b,  # both_unnamed
        unnamed_a != unnamed_b,  # one_unnamed
        0.0 if unnamed_a or unnamed_b else _overlap(a.key_words, b.key_words),  # key_overlap
        bool(a.key_words & words_b) or bool(b.key_words & words_a),  # key_in_other
        bool(a.near_names & b.near_names),  # near_names_shared
        _overlap(a.near_words, b.near_words),  # near_words
        min(len(a.names & b.names), 3) / 3,  # names_shared
        _overlap(a.names, b.names),  # names_overlap
        _overlap(a.sentence_words, b.sentence_words),  # sentence_words
        a.article_id == b.article_id,  # same_article
        a.article_id == b.article_id and a.sentence_start == b.sentence_start,  # same_sentence
        min(ratio, 3.0) / 3.0,  # value_ratio
        ratio < 0.15,  # value_close
        math.log1p(days) / 4,  # days
        days == 0,  # same_day
        a.group_kind == b.group_kind,  # same_kind
        a.measure == b.measure,  # same_measure
        bool(copy),  # copy
        earlier,  # earlier
        a.article_id == b.article_id
        and 0 < abs(a.sentence_start - b.sentence_start) <= _ADJACENT,  # adjacent
        a.value == b.value,  # value_equal (nan is equal to nothing)
        bool(a.key_words & b.lead_words) or bool(b.key_words & a.lead_words),  # key_in_lead
        bool(a.lead_names & b.names) or bool(b.lead_names & a.names),  # lead_names_shared
        max(_overlap(a.lead_words, words_b), _overlap(b.lead_words, words_a)),  # lead_words
        bool(a.source) and a.source == b.source,  # same_source
        bool(a.noun) and a.noun == b.noun,  # same_noun
        a.other_cue != b.other_cue,  # other_cue_differs
        0.0
        if a.article_id == b.article_id
        else _overlap(a.article_names, b.article_names),  # article_names
    ]
    return values  # booleans count as 0 and 1


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # one per feature of FEATURES
    bias: float
    join_at: float

    def probability(self, a: Figure, b: Figure) -> float:
        # plain floats: a numpy array per pair costs more than the sum itself
        score = self.bias + sum(map(operator.mul, pair_features(a, b), self._weights))
        return 1.0 / (1.0 + math.exp(-score))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_weights", tuple(self.weights.tolist()))


def cluster(
    figures: list[Figure], probability, join_at: float
) -> tuple[list[list[int]], list[float]]:
    """Clusters of ``figures`` (indexes), taken in date order: each joins the open cluster it is
    most probably one group with (the mean probability of its ``_LINKS`` closest among the
    cluster's ``RECENT`` latest members: a group's figures of one day need not all look alike),
    when that reaches ``join_at``; and, per figure, that mean (nan for one that started a
    cluster). Undated figures come last."""
    order = sorted(
        range(len(figures)),
        key=lambda i: (math.isinf(_day(figures[i])), _day(figures[i]), figures[i].claim_id),
    )
    clusters: list[list[int]] = []
    last_day: list[float] = []
    joined = [math.nan] * len(figures)
    for i in order:
        day = _day(figures[i])
        best, best_probability = -1, join_at
        for n, members in enumerate(clusters):
            if day - last_day[n] > WINDOW_DAYS:
                continue
            recent = members[-RECENT:]
            closest = heapq.nlargest(_LINKS, (probability(figures[i], figures[m]) for m in recent))
            average = sum(closest) / len(closest)
            if average >= best_probability:
                best, best_probability = n, average
        if best < 0:
            clusters.append([i])
            last_day.append(day)
        else:
            clusters[best].append(i)
            last_day[best] = max(last_day[best], day) if not math.isinf(day) else last_day[best]
            joined[i] = best_probability
    return clusters, joined


def _day(f: Figure) -> float:
    return math.inf if math.isnan(f.day) else f.day


KINDS = ("other_group", "other_measure", "other_actor")  # other groups; other counts; actors


@cache
def models() -> dict[str, Model]:
    """The committed weights of each kind (none when there are none: the rules' keys stand)."""
    if not WEIGHTS_PATH.is_file() or not META_PATH.is_file():
        return {}
    join_at = json.loads(META_PATH.read_text("utf-8"))["join_at"]
    return load(WEIGHTS_PATH, join_at)


def load(path: Path, join_at: dict[str, float]) -> dict[str, Model]:
    rows = {row["feature"]: row for row in lexicons.read_rows(path)}
    missing = [name for name in (*FEATURES, BIAS) if name not in rows]
    if missing:
        raise ValueError(f"{path}: no weight for {', '.join(missing)}: run `make models`")
    return {
        kind: Model(
            np.array([float(rows[name][kind]) for name in FEATURES]),
            float(rows[BIAS][kind]),
            float(join_at[kind]),
        )
        for kind in KINDS
        if kind in rows[BIAS] and kind in join_at
    }


def write_weights(path: Path, weights: dict[str, tuple[np.ndarray, float]]) -> None:
    """The weights of each kind as a lexicon file (feature, then one column per kind), four
    decimals."""
    kinds = [k for k in KINDS if k in weights]
    table = [[BIAS, *(f"{weights[k][1]:.4f}" for k in kinds)]]
    table += [
        [name, *(f"{weights[k][0][n]:.4f}" for k in kinds)] for n, name in enumerate(FEATURES)
    ]
    lexicons.write_generated(path, ["feature", *kinds], table)
