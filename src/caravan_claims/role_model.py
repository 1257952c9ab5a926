"""Stage 3a (grouping), a second opinion on roles — a linear model learned from the coverage gold.

The rules of :mod:`caravan_claims.roles` were written from the tuning splits one cue at a time,
and cues written from one set of articles rarely reach the next: scored before any rule was tuned
on them, new splits got 0.60–0.89 of their roles right. A multinomial logistic regression over
the words around a figure and the rules' own answer, trained on every tuning split's gold roles,
does better on splits it was not trained on (measured leaving one split out, and on the rounds of
splits as they came; README, "A learned second opinion"). It does not replace the rules: it reads
their answer as one of its features, and :func:`caravan_claims.roles.assign_roles` takes its
answer only when it is confident and differs from the rules' (``REVISE_AT``), saying so in the
claim's ``role_note`` with the words that weighed most.

Its weights are data (``lexicons/role_model.csv``, one row per feature, one column per label),
written by ``tests/bench/train_models.py`` (``make models``) from the gold; predicting is a
sum of rows, with no learning library at run time. ``lexicons/role_model.json`` records what it
was trained on: a test fails when the gold, the fixtures or the code that computes the features
changed since (the weights are then stale).
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from caravan_claims import lexicons

WEIGHTS_PATH = lexicons.LEXICON_DIR / "role_model.csv"
META_PATH = lexicons.LEXICON_DIR / "role_model.json"
BIAS = "(bias)"
# Labels: a role, or for another measure of a group's people the measure it counts.
MEASURE_LABEL = "other_measure:"
# Labels the model may give in place of the rules' (a part needs its total, an actor its name:
# those it cannot key), and the rules' labels it never replaces: a part is the end of structural
# rules (the total before it, a breakdown after a colon) that words around one figure do not see.
REVISED_TO = ("total", "not_people", "other_group", MEASURE_LABEL)
KEPT_FROM_RULES = ("part",)
_WORD = re.compile(r"[^\W\d_]+")
_LEFT_WORDS, _RIGHT_WORDS = 5, 6
# claim columns read as categories and as flags (set or not)
_CATEGORIES = ("noun", "qualifier", "unit", "dimension", "statement")
_FLAGS = ("hedged", "attributed_to", "period", "per", "same_as", "denied_by", "lead", "question")


def revisable(rules_label: str, labels: tuple[str, ...] | list[str]) -> bool:
    """Whether the model may replace the rules' label at all: one it knows, not a part."""
    return rules_label in labels and not rules_label.startswith(KEPT_FROM_RULES)


def may_revise(rules_label: str, label: str, labels: tuple[str, ...] | list[str]) -> bool:
    """Whether the model's ``label`` may replace the rules'."""
    return label != rules_label and label.startswith(REVISED_TO) and revisable(rules_label, labels)


@dataclass(frozen=True)
class Opinion:
    label: str  # the most probable label
    probability: float  # nan when the label is the rules' own (not worked out)
    rules_probability: float  # the probability of the rules' own label


def label_of(role: str, count_of: str) -> str:
    """The model's label for a role: ``other_measure:detained`` for another measure."""
    return f"{MEASURE_LABEL}{count_of}" if role == "other_measure" else role


def _set(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return str(value) not in {"", "False", "false", "0"}


NAME = "NAME"  # a capitalised word inside a sentence: a place, a person, an organisation


def _tokens(sentence: str) -> tuple[tuple[int, str], ...]:
    """(start, word) of a sentence's words, lower-cased; a capitalised word after the first is
    ``NAME``, since the names of one corpus's towns and shelters tell nothing about another's."""
    found = []
    for n, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        found.append((match.start(), NAME if n and word[0].isupper() else word.lower()))
    return tuple(found)


@lru_cache(maxsize=256)  # a sentence's figures come one after another
def _read(sentence: str) -> tuple[list[int], list[str], list[str]]:
    """A sentence's word starts and words (:func:`_tokens`) and its ``S:`` features."""
    tokens = _tokens(sentence)
    words = [word for _, word in tokens]
    return [at for at, _ in tokens], words, [f"S:{w}" for w in sorted(set(words))]


_NOTE_QUOTES = re.compile(r"['\"‘’“”]")
_NOTE_UNIT = re.compile(r"^(counts )\S+(, not people)|^(a count of people) \S+")
_NOTE_NUMBER = re.compile(r"\d[\d,.]*")


@lru_cache(maxsize=1024)  # notes repeat: a few hundred rules write them
def _rule_notes(note: str) -> tuple[str, ...]:
    """Which rules decided, from the role notes they wrote ("a pronoun for the group named
    before"), without the names in brackets, the numbers or the unit they quote."""
    found = []
    for part in note.split(";"):
        head = _NOTE_QUOTES.sub("", part).split("(", 1)[0].strip()
        head = _NOTE_UNIT.sub(lambda m: m.group(3) or "counts a unit, not people", head)
        head = _NOTE_NUMBER.sub("N", head)
        if head:
            found.append(f"note={head[:60]}")
    return tuple(found)


def features(
    claim: dict,
    role: str,
    count_of: str,
    group_key: str,
    group_kind: str,
    note: str = "",
    event_kind: str = "",
    typical_count: float = math.nan,
) -> list[str]:
    """The features of one claim (all of value 1): the rules' answer and which rule gave it, the
    kind of group the event is about and how the figure compares with the event's usual counts
    of people (``typical_count``: their median), the claim's columns, the words just before and
    after the figure (and the pairs of them), in it, in its sentence and in the figureless
    sentence before (``lead``)."""
    sentence = str(claim["sentence"])
    start = int(claim["start"]) - int(claim["sentence_start"])
    end = int(claim["end"]) - int(claim["sentence_start"])
    found = [
        f"rule={label_of(role, count_of)}",
        f"role={role}",
        f"key={group_key.split(':', 1)[0]}",
        f"kind={group_kind}",
        *_rule_notes(note),
    ]
    found += [f"{column}={claim.get(column, '')}" for column in _CATEGORIES]
    found += [f"{column}?" for column in _FLAGS if _set(claim.get(column, ""))]
    starts, words, sentence_features = _read(sentence)
    first, after = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    found += [f"Q:{w}" for w in words[first:after]]
    left = words[max(0, first - _LEFT_WORDS) : first]
    right = words[after : after + _RIGHT_WORDS]
    found += [f"L:{w}" for w in left]
    found += [f"R:{w}" for w in right]
    # word pairs near the figure ("up from", "of them", "released by"), which single words miss
    found += [f"L2:{a}_{b}" for a, b in itertools.pairwise(left)]
    found += [f"R2:{a}_{b}" for a, b in itertools.pairwise(right)]
    found += sentence_features
    lead = claim.get("lead", "")
    if _set(lead):  # the figureless sentence before, where the group counted may be named
        found += [f"P:{w}" for w in sorted(set(_read(str(lead))[1]))]
    found.append(f"event={event_kind}")
    magnitude = _magnitude(claim.get("low"))
    if magnitude:
        found += [magnitude, f"event={event_kind}&{magnitude}"]
    found += _against_typical(claim.get("low"), typical_count)
    return list(dict.fromkeys(found))


def _against_typical(low: object, typical: float) -> list[str]:
    """The figure over the event's median count of people, in half powers of ten ("rel=-2": a
    tenth of it)."""
    try:
        value = float(low)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    if not (value > 0 and typical > 0):
        return []
    return [f"rel={max(-4, min(4, round(2 * math.log10(value / typical))))}"]


def _magnitude(low: object) -> str:
    """The figure's order of magnitude as a category ("mag=3" for 1,000–9,999)."""
    try:
        value = float(low)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if math.isnan(value) or value < 1:
        return ""
    return f"mag={min(int(math.log10(value)), 7)}"


_PLACES = {"L": "just before the figure", "R": "just after it", "Q": "in the figure's words",
           "S": "in its sentence", "P": "in the sentence before",
           "L2": "just before the figure", "R2": "just after it"}  # fmt: skip


def describe(feature: str) -> str:
    """A feature in words, for the claim's role note: 'detained' just after it."""
    kind, _, word = feature.partition(":")
    if kind in _PLACES and word:
        return f"'{word.replace('_', ' ')}' {_PLACES[kind]}"  # a pair's words: "up_from"
    column, _, value = feature.partition("=")
    if column == "rule":
        return f"the rules' answer ({value})"
    if column == "note":
        return f"the rule that gave it ({value})"
    if column == "rel":
        return f"a figure about 10^{int(value) / 2:g} times the event's usual count"
    if column == "event":
        return f"an event about a {value}" if "&" not in value else feature
    if column == "mag":
        return f"a figure of {int(value) + 1} digits" if value.isdigit() else feature
    if feature.endswith("?"):
        return f"a {feature[:-1].replace('_', ' ')} given"
    return f"{column.replace('_', ' ')} '{value}'" if value else f"no {column.replace('_', ' ')}"


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    index: dict[str, int]  # feature -> row of ``weights``
    weights: np.ndarray  # features x labels
    bias: np.ndarray  # labels

    def opinion(self, found: list[str], rules_label: str) -> Opinion:
        """The most probable label, its probability and that of the rules' label (the softmax
        is taken only when the label differs from the rules')."""
        rows = [row for row in map(self.index.get, found) if row is not None]
        scores = self.bias + self.weights[rows].sum(axis=0)
        best = int(scores.argmax())
        label = self.labels[best]
        if label == rules_label:
            return Opinion(label, math.nan, math.nan)
        exponentials = np.exp(scores - scores[best])
        total = float(exponentials.sum())
        mine = self.labels.index(rules_label) if rules_label in self.labels else -1
        rules_probability = float(exponentials[mine]) / total if mine >= 0 else 0.0
        return Opinion(label, 1.0 / total, rules_probability)

    def reasons(self, found: list[str], label: str, rules_label: str) -> tuple[str, ...]:
        """The (at most three) features that weigh most for ``label`` against ``rules_label``."""
        named = [f for f in found if f in self.index]
        if not named:
            return ()
        weights = self.weights[[self.index[f] for f in named]]
        pull = weights[:, self.labels.index(label)]
        if rules_label in self.labels:
            pull = pull - weights[:, self.labels.index(rules_label)]
        top = np.argsort(-pull, kind="stable")[:3]
        return tuple(named[i] for i in top if pull[i] > 0)


@cache
def model() -> Model | None:
    """The committed weights, or None when there are none (the rules then stand alone)."""
    return load(WEIGHTS_PATH) if WEIGHTS_PATH.is_file() else None


def load(path: Path) -> Model:
    """Weights written by :func:`write_weights`."""
    table = lexicons.read_rows(path)
    labels = tuple(name for name in table[0] if name != "feature") if table else ()
    weights = np.array([[float(row[label]) for label in labels] for row in table])
    names = [row["feature"] for row in table]
    bias_row = names.index(BIAS)
    keep = [n for n in range(len(names)) if n != bias_row]
    return Model(
        labels, {names[n]: i for i, n in enumerate(keep)}, weights[keep], weights[bias_row]
    )


@cache
def revise_at() -> float:
    """The probability the model's label needs before it replaces the rules' (chosen by the
    training script on held-out splits and kept with the weights)."""
    if not META_PATH.is_file():
        return math.inf
    return float(json.loads(META_PATH.read_text(encoding="utf-8"))["revise_at"])


def write_weights(
    path: Path, labels: list[str], features_: list[str], weights: np.ndarray, bias: np.ndarray
) -> None:
    """The weights as a lexicon file: a header of labels, the bias row, then one row per feature
    (sorted), four decimals."""
    order = np.argsort(np.asarray(features_, dtype=object), kind="stable")
    table = [[BIAS, *(f"{v:.4f}" for v in bias)]]
    table += [[features_[n], *(f"{v:.4f}" for v in weights[n])] for n in order]
    lexicons.write_generated(path, ["feature", *labels], table)
