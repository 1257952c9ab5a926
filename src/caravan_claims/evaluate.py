"""Scoring an extractor against hand-annotated figures (used by ``make bench`` and the tests).

A predicted figure matches a gold figure when the article is the same and ``low`` and ``high``
agree; each gold figure is matched at most once. Qualifier accuracy is measured over the matches.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd


class PrecisionRecall:
    """Precision, recall and F1 of anything with true_positives, false_positives and
    false_negatives (the scores here and the news benchmark's counts)."""

    true_positives: int
    false_positives: int
    false_negatives: int

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


@dataclass(frozen=True)
class Score(PrecisionRecall):
    true_positives: int
    false_positives: int
    false_negatives: int
    qualifier_matches: int

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


# --- reconciliation on a coverage corpus --------------------------------------------------------
#
# A coverage gold (tests/gold/coverage_*_figures.csv) gives every figure of a corpus its quote and
# occurrence, the real-world group it speaks of, its role, whether it copies an earlier article,
# and per group (coverage_*_quantities.csv) the status and estimate range a careful analyst
# expects. Gold figures are aligned to extracted claims by character span.

ROLE_OF_KEY_ROLE = {"border": "not_people", "unassigned": "total"}


@dataclass(frozen=True)
class CoverageScore:
    figures: int
    aligned: int
    grouping_precision: float
    grouping_recall: float
    grouping_f1: float
    role_accuracy: float
    copy_precision: float
    copy_recall: float
    status_accuracy: float
    statuses_scored: int
    estimate_coverage: float  # groups with 3+ claims that got an estimate
    estimate_in_range: float  # of those, estimates inside the gold range
    mistakes: tuple[str, ...] = ()


def locate(gold: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with the ``start`` and ``end`` of their quote's n-th occurrence in the article."""
    texts = dict(zip(corpus["article_id"], corpus["text"], strict=True))
    starts = []
    for row in gold.itertuples(index=False):
        text, position = texts[row.article_id], -1
        for _ in range(int(row.occurrence)):
            position = text.find(row.quote, position + 1)
        if position < 0:
            raise ValueError(f"{row.article_id}: quote {row.quote!r} not found")
        starts.append(position)
    located = gold.copy()
    located["start"] = starts
    located["end"] = located["start"] + located["quote"].str.len()
    return located


def align(located: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The claim_id whose span overlaps each gold figure most (empty when none does)."""
    by_article = {a: frame for a, frame in claims.groupby("article_id")}
    found = []
    for row in located.itertuples(index=False):
        candidates = by_article.get(row.article_id)
        best, best_overlap = "", 0
        if candidates is not None:
            for claim in candidates.itertuples(index=False):
                overlap = min(row.end, claim.end) - max(row.start, claim.start)
                if overlap > best_overlap:
                    best, best_overlap = claim.claim_id, overlap
        found.append(best)
    return pd.Series(found, index=located.index)


def bcubed(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against a gold clustering of the same
    items (``predicted[i]`` and ``gold[i]`` are item i's cluster labels)."""
    if not gold:
        return 0.0, 0.0, 0.0
    by_predicted: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for index, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_predicted[p].append(index)
        by_gold[g].append(index)
    precision = recall = 0.0
    for index, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        same_both = sum(1 for j in by_predicted[p] if gold[j] == g)
        precision += same_both / len(by_predicted[p])
        recall += same_both / len(by_gold[g])
        del index
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_coverage(
    claims: pd.DataFrame,
    quantities: pd.DataFrame,
    reconciled: pd.DataFrame,
    corpus: pd.DataFrame,
    gold_figures: pd.DataFrame,
    gold_quantities: pd.DataFrame,
) -> CoverageScore:
    """Grouping (B-cubed over people figures), roles, copies, statuses and estimates."""
    located = locate(gold_figures, corpus)
    located["claim_id"] = align(located, claims)
    keyed = quantities.set_index("claim_id")
    aligned = located[located["claim_id"] != ""]
    mistakes: list[str] = []

    people = located[located["group"] != ""]
    predicted_groups = [
        keyed.loc[c, "quantity_id"] if c else f"unaligned:{i}"
        for i, c in zip(people.index, people["claim_id"], strict=True)
    ]
    precision, recall, f1 = bcubed(predicted_groups, list(people["group"]))

    roles = [
        ROLE_OF_KEY_ROLE.get(keyed.loc[c, "role_in_group"], keyed.loc[c, "role_in_group"])
        for c in aligned["claim_id"]
    ]
    role_hits = [r == g for r, g in zip(roles, aligned["role"], strict=True)]
    for ok, row, role in zip(role_hits, aligned.itertuples(), roles, strict=True):
        if not ok:
            mistakes.append(f"role {row.article_id} {row.quote!r}: {role}, expected {row.role}")

    copy_claims = dict(zip(claims["claim_id"], claims.get("copy_of", ""), strict=True))
    predicted_copy = [str(copy_claims.get(c, "")).rsplit(":", 1)[0] for c in aligned["claim_id"]]
    tp = sum(1 for p, g in zip(predicted_copy, aligned["copy_of"], strict=True) if p and p == g)
    found = sum(1 for p in predicted_copy if p)
    expected = sum(1 for g in aligned["copy_of"] if g)

    status_hits, estimated, in_range, needing = _score_quantities(
        aligned, keyed, reconciled, gold_quantities, mistakes
    )
    return CoverageScore(
        figures=len(located),
        aligned=len(aligned),
        grouping_precision=precision,
        grouping_recall=recall,
        grouping_f1=f1,
        role_accuracy=sum(role_hits) / len(role_hits) if role_hits else 0.0,
        copy_precision=tp / found if found else 1.0,
        copy_recall=tp / expected if expected else 1.0,
        status_accuracy=sum(status_hits) / len(status_hits) if status_hits else 0.0,
        statuses_scored=len(status_hits),
        estimate_coverage=estimated / needing if needing else 1.0,
        estimate_in_range=in_range / estimated if estimated else 0.0,
        mistakes=tuple(mistakes),
    )


def _score_quantities(
    aligned: pd.DataFrame,
    keyed: pd.DataFrame,
    reconciled: pd.DataFrame,
    gold_quantities: pd.DataFrame,
    mistakes: list[str],
) -> tuple[list[bool], int, int, int]:
    """Each gold group is scored on the predicted quantity most of its figures went to."""
    rows = reconciled.set_index("quantity_id")
    status_hits: list[bool] = []
    estimated = in_range = needing = 0
    for group in gold_quantities.itertuples(index=False):
        members = aligned[aligned["group"] == group.group]
        if members.empty:
            continue
        quantity = keyed.loc[list(members["claim_id"]), "quantity_id"].mode().iloc[0]
        if quantity not in rows.index:
            mistakes.append(f"group {group.group}: its figures went to {quantity}, not reconciled")
            status_hits.append(False)
            continue
        row = rows.loc[quantity]
        hit = row["status"] == group.expected_status
        status_hits.append(bool(hit))
        if not hit:
            mistakes.append(
                f"status {group.group} ({quantity}): {row['status']}, expected "
                f"{group.expected_status}"
            )
        if int(group.n_claims) >= 3:
            needing += 1
            if pd.notna(row["estimate"]):
                estimated += 1
                if str(group.estimate_low) != "" and str(group.estimate_high) != "":
                    inside = (
                        float(group.estimate_low) <= row["estimate"] <= float(group.estimate_high)
                    )
                    in_range += inside
                    if not inside:
                        mistakes.append(
                            f"estimate {group.group}: {row['estimate']:,.0f}, expected "
                            f"{group.estimate_low}–{group.estimate_high}"
                        )
                else:
                    in_range += 1
    return status_hits, estimated, in_range, needing
