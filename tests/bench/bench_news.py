"""Benchmark on general news (issue #10): caravan-claims and quantulum3 on the news gold set.

Scores both extractors on each split of ``tests/gold/news_*.csv`` (see ``NEWS_GOLD.md``): value
F1 (a predicted figure matches a gold figure of the same sentence when low and high agree within
1e-6 relative) and value+qualifier F1 (the qualifier must agree too), each gold figure matched at
most once. The gold's own conventions are converted before comparing: a fraction (a share in
(0, 1]) also matches its percentage, and money below the major unit ("75p" = 0.75 GBP) also
matches the amount as written (75). Numbers taken from a listed non-figure are counted apart.

The test split is held back: its sentences, figures and misses are never printed, and no rule
may be tuned on it. ``--show-misses`` lists our errors on the train split only.

    python tests/bench/bench_news.py [--show-misses] [--split train]
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from caravan_claims.evaluate import PrecisionRecall
from caravan_claims.extract import extract_text

GOLD = Path(__file__).resolve().parents[1] / "gold"
SPLITS = ("train", "test")
REVIEWABLE = "train"  # the only split whose errors may be looked at
RELATIVE = 1e-6
_SUBUNIT_NOTES = ("pence", "cents", "cent", "paise", "kopeks")

Extractor = Callable[[str, str], list[dict]]


def ours(sentence: str, sentence_id: str) -> list[dict]:
    claims, _ = extract_text(sentence, sentence_id)
    return [{"low": c.low, "high": c.high, "qualifier": c.qualifier, "quote": c.quote,
             "start": c.start, "end": c.end} for c in claims]  # fmt: skip


def quantulum(sentence: str, sentence_id: str) -> list[dict]:
    from baseline import quantulum_parser

    parser = quantulum_parser()

    found = []
    for quantity in parser.parse(sentence):
        start, end = quantity.span
        found.append({"low": float(quantity.value), "high": float(quantity.value),
                      "qualifier": "exact", "quote": quantity.surface, "start": start,
                      "end": end})  # fmt: skip
    return found


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=RELATIVE, abs_tol=1e-12)


def gold_values(row: pd.Series) -> list[tuple[float, float]]:
    """The (low, high) a correct extractor may give for a gold figure: as annotated, and in the
    conventions the gold converted away from (percent for a fraction, the minor unit as written
    for money below the major unit)."""
    values = [(row["low"], row["high"])]
    notes = str(row["notes"]) if pd.notna(row["notes"]) else ""
    subunit = row["dimension"] == "currency" and any(word in notes for word in _SUBUNIT_NOTES)
    if row["unit"] == "fraction" or subunit:
        values.append((row["low"] * 100, row["high"] * 100))
    return values


@dataclass
class Counts(PrecisionRecall):
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0


def match(predicted: list[dict], gold: pd.DataFrame, qualifier: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction index, gold row position) in one sentence."""
    waiting = list(range(len(gold)))
    pairs = []
    for index, found in enumerate(predicted):
        for position in waiting:
            row = gold.iloc[position]
            if qualifier and found["qualifier"] != row["qualifier"]:
                continue
            if any(_close(found["low"], low) and _close(found["high"], high)
                   for low, high in gold_values(row)):  # fmt: skip
                pairs.append((index, position))
                waiting.remove(position)
                break
    return pairs


def _spans(sentence: str, rows: pd.DataFrame) -> list[tuple[int, int]]:
    """Where each row's quote is in the sentence (its ``occurrence``-th match)."""
    spans = []
    for row in rows.itertuples(index=False):
        at = -1
        for _ in range(int(row.occurrence)):
            at = sentence.find(row.quote, at + 1)
        if at >= 0:
            spans.append((at, at + len(row.quote)))
    return spans


@dataclass
class Result:
    value: Counts
    qualified: Counts
    nonfigures_taken: int
    seconds: float
    extra: list[tuple[str, dict]]
    missed: list[tuple[str, pd.Series]]


def evaluate(extractor: Extractor, split: str) -> Result:
    sentences, figures, nonfigures = load(split)
    by_sentence = dict(tuple(figures.groupby("sentence_id", sort=False)))
    distractors = dict(tuple(nonfigures.groupby("sentence_id", sort=False)))
    value, qualified = Counts(), Counts()
    taken, extra, missed = 0, [], []
    extractor("About 5 people left.", "warm-up")  # imports and model caches
    started = time.perf_counter()
    predictions = {row.sentence_id: extractor(row.sentence, row.sentence_id)
                   for row in sentences.itertuples(index=False)}  # fmt: skip
    seconds = time.perf_counter() - started
    for row in sentences.itertuples(index=False):
        predicted = predictions[row.sentence_id]
        gold = by_sentence.get(row.sentence_id, figures.iloc[:0])
        for counts, with_qualifier in ((value, False), (qualified, True)):
            pairs = match(predicted, gold, with_qualifier)
            counts.true_positives += len(pairs)
            counts.false_positives += len(predicted) - len(pairs)
            counts.false_negatives += len(gold) - len(pairs)
        pairs = match(predicted, gold, False)
        matched = {index for index, _ in pairs}
        found_gold = {position for _, position in pairs}
        unmatched = [p for index, p in enumerate(predicted) if index not in matched]
        spans = _spans(row.sentence, distractors.get(row.sentence_id, nonfigures.iloc[:0]))
        taken += sum(any(p["start"] < end and start < p["end"] for start, end in spans)
                     for p in unmatched)  # fmt: skip
        extra += [(row.sentence_id, p) for p in unmatched]
        missed += [(row.sentence_id, gold.iloc[i]) for i in range(len(gold)) if i not in found_gold]
    return Result(value, qualified, taken, seconds, extra, missed)


def load(split: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The sentences of one split, their figures and their listed non-figures."""
    sentences = pd.read_csv(GOLD / "news_sentences.csv", keep_default_na=False)
    sentences = sentences[sentences["split"] == split]
    ids = set(sentences["sentence_id"])
    figures = pd.read_csv(GOLD / "news_figures.csv", keep_default_na=False,
                          na_values={"notes": []})  # fmt: skip
    figures = figures[figures["sentence_id"].isin(ids)].astype({"low": float, "high": float})
    nonfigures = pd.read_csv(GOLD / "news_nonfigures.csv", keep_default_na=False)
    return sentences, figures, nonfigures[nonfigures["sentence_id"].isin(ids)]


HEADER = (
    f"{'news':6} {'extractor':12} {'P':>6} {'R':>6} {'F1':>6} {'F1+qual':>8} {'TP':>5} "
    f"{'FP':>5} {'FN':>5} {'non-fig':>8} {'sent/s':>8}"
)


def report(splits: tuple[str, ...] = SPLITS, show_misses: bool = False) -> dict:
    """Print the news table (both extractors, each split); return the scores by split."""
    warnings.filterwarnings("ignore")
    print(HEADER)
    scores: dict[str, dict[str, Result]] = defaultdict(dict)
    for split in splits:
        for label, extractor in (("caravan", ours), ("quantulum3", quantulum)):
            result = evaluate(extractor, split)
            scores[split][label] = result
            sentences = len(load(split)[0])
            v = result.value
            print(
                f"{split:6} {label:12} {v.precision:6.3f} {v.recall:6.3f} {v.f1:6.3f} "
                f"{result.qualified.f1:8.3f} {v.true_positives:5d} {v.false_positives:5d} "
                f"{v.false_negatives:5d} {result.nonfigures_taken:8d} "
                f"{sentences / result.seconds:8.0f}",
                flush=True,
            )
    if show_misses and REVIEWABLE in scores:
        _print_misses(scores[REVIEWABLE]["caravan"])
    print("(non-fig: numbers taken from a listed non-figure; the test split is held back)")
    return scores


def _print_misses(result: Result) -> None:
    for sentence_id, found in result.extra:
        print(f"    extra  {sentence_id} {found['quote']!r} {found['low']:g}-{found['high']:g} "
              f"{found['qualifier']}")  # fmt: skip
    for sentence_id, row in result.missed:
        print(f"    missed {sentence_id} {row['quote']!r} {row['low']:g}-{row['high']:g} "
              f"{row['unit']} {row['qualifier']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="our errors on train")
    parser.add_argument("--split", choices=SPLITS, action="append", help="default: both")
    args = parser.parse_args()
    report(tuple(args.split or SPLITS), args.show_misses)


if __name__ == "__main__":
    main()
