"""Scoring an extractor against hand-annotated figures (used by ``make bench`` and the tests).

A predicted figure matches a gold figure when the article is the same and ``low`` and ``high``
agree; each gold figure is matched at most once. Qualifier accuracy is measured over the matches.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int
    qualifier_matches: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_matches / self.true_positives if self.true_positives else 0.0


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def match(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs of (predicted row position, gold row position), each row used at most once."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for position, article_id in enumerate(gold["article_id"]):
        waiting[article_id].append(position)
    pairs = []
    for position, row in enumerate(predicted.itertuples(index=False)):
        for candidate in waiting[row.article_id]:
            expected = gold.iloc[candidate]
            if _same(row.low, expected["low"]) and _same(row.high, expected["high"]):
                pairs.append((position, candidate))
                waiting[row.article_id].remove(candidate)
                break
    return pairs


def score(predicted: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Precision, recall, F1 and qualifier accuracy of ``predicted`` against ``gold``.

    Both tables need ``article_id``, ``low``, ``high`` and ``qualifier``."""
    pairs = match(predicted, gold)
    qualifier_matches = sum(
        predicted.iloc[p]["qualifier"] == gold.iloc[g]["qualifier"] for p, g in pairs
    )
    return Score(
        true_positives=len(pairs),
        false_positives=len(predicted) - len(pairs),
        false_negatives=len(gold) - len(pairs),
        qualifier_matches=int(qualifier_matches),
    )


def misses(predicted: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The predicted rows with no gold partner and the gold rows with no predicted partner."""
    pairs = match(predicted, gold)
    used_predicted = {p for p, _ in pairs}
    used_gold = {g for _, g in pairs}
    extra = predicted.iloc[[i for i in range(len(predicted)) if i not in used_predicted]]
    missed = gold.iloc[[i for i in range(len(gold)) if i not in used_gold]]
    return extra, missed
