"""Benchmark: caravan-claims' extractor against quantulum3 on the same gold, in the same process.

Prints precision, recall, F1 (a figure matches when article and low/high agree), qualifier
accuracy and throughput (articles per second) for both, on the hand-annotated seed gold and on a
second gold of news-style articles written for the tests. Not a timed test: it reports figures.

    make bench            # or: python tests/bench/bench_extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from caravan_claims.corpus import load_corpus
from caravan_claims.evaluate import match, misses, score
from caravan_claims.extract import extract_text

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
ROOT = TESTS.parent
SETS = {
    "seeds": (ROOT / "seeds", TESTS / "gold" / "seed_figures.csv"),
    "written": (TESTS / "fixtures" / "written", TESTS / "gold" / "written_figures.csv"),
    "holdout": (TESTS / "fixtures" / "holdout", TESTS / "gold" / "holdout_figures.csv"),
    "unseen": (TESTS / "fixtures" / "unseen", TESTS / "gold" / "unseen_figures.csv"),
}

Extractor = Callable[[str, str, object], list[dict]]


def ours(text: str, article_id: str, published: object) -> list[dict]:
    claims, _ = extract_text(text, article_id, published)
    return [{"article_id": article_id, "low": c.low, "high": c.high, "qualifier": c.qualifier,
             "quote": c.quote} for c in claims]  # fmt: skip


def quantulum(text: str, article_id: str, published: object) -> list[dict]:
    from quantulum3 import parser

    found = []
    for quantity in parser.parse(text):
        found.append({"article_id": article_id, "low": float(quantity.value),
                      "high": float(quantity.value), "qualifier": "exact",
                      "quote": quantity.surface})  # fmt: skip
    return found


def run(extractor: Extractor, corpus: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict] = []
    for article in corpus.itertuples(index=False):
        published = None if pd.isna(article.published) else article.published.date()
        rows += extractor(article.text, article.article_id, published)
    return pd.DataFrame(rows, columns=["article_id", "low", "high", "qualifier", "quote"])


def throughput(extractor: Extractor, corpus: pd.DataFrame, repeat: int) -> float:
    run(extractor, corpus)  # warm up: imports, regex and model caches
    started = time.perf_counter()
    for _ in range(repeat):
        run(extractor, corpus)
    return repeat * len(corpus) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="passes over a corpus for ours")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="passes for quantulum3")
    parser.add_argument("--show-misses", action="store_true", help="list our errors")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    print(f"{'set':8} {'extractor':12} {'P':>6} {'R':>6} {'F1':>6} {'qual.acc':>8} "
          f"{'TP':>4} {'FP':>4} {'FN':>4} {'articles/s':>11}")  # fmt: skip
    speeds: dict[str, dict[str, float]] = {}
    for name, (folder, gold_path) in SETS.items():
        corpus = load_corpus(folder)
        if name == "seeds":
            corpus = load_corpus()  # the bundled metadata gives publication dates
        gold = pd.read_csv(gold_path)
        for label, extractor, repeat in (
            ("caravan", ours, args.repeat),
            ("quantulum3", quantulum, args.baseline_repeat),
        ):
            predicted = run(extractor, corpus)
            result = score(predicted, gold)
            speed = throughput(extractor, corpus, repeat)
            speeds.setdefault(name, {})[label] = speed
            print(
                f"{name:8} {label:12} {result.precision:6.3f} {result.recall:6.3f} "
                f"{result.f1:6.3f} {result.qualifier_accuracy:8.3f} {result.true_positives:4d} "
                f"{result.false_positives:4d} {result.false_negatives:4d} {speed:11.1f}"
            )
            if args.show_misses and label == "caravan":
                extra, missed = misses(predicted, gold)
                for row in extra.itertuples():
                    print(f"    extra  {row.article_id} {row.quote!r} {row.low}-{row.high}")
                for row in missed.itertuples():
                    print(f"    missed {row.article_id} {row.quote!r} {row.low}-{row.high}")
                for p, g in match(predicted, gold):
                    got, want = predicted.iloc[p], gold.iloc[g]
                    if got["qualifier"] != want["qualifier"]:
                        print(
                            f"    qualifier {got['quote']!r}: {got['qualifier']} "
                            f"(gold {want['qualifier']})"
                        )
    for name, pair in speeds.items():
        print(f"{name}: caravan-claims is {pair['caravan'] / pair['quantulum3']:.0f}x "
              "quantulum3's throughput")  # fmt: skip


if __name__ == "__main__":
    main()
