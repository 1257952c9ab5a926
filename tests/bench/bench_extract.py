"""Benchmark: caravan-claims' extractor against quantulum3 on the same gold, in the same process.

Prints precision, recall, F1 (a figure matches when article and low/high agree), qualifier
accuracy and throughput (articles per second) for both, on the hand-annotated seed gold and on
the gold sets of articles written for the tests; then value F1 and value+qualifier F1 on each split
of the general-news gold (``bench_news.py``). Then throughput in MB/s on generated texts of
growing size, so that linear time shows as a flat column: "news" recombines the sentences with
numbers of every corpus here (seeded, so every run reads the same text), "adversarial" repeats
"5 migrants, " into one endless sentence. quantulum3 runs on the sizes where it finishes in
seconds. Not a timed test: it reports figures.

    make bench            # or: python tests/bench/bench_extract.py [--repeat N]
    python tests/bench/bench_extract.py --sizes 10K,100K,1M --adversarial-sizes 10K,100K

The default sizes go up to 50 MB of news and 10 MB of adversarial text (about two minutes in
all); --sizes and --adversarial-sizes choose others, --sizes "" skips the part.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import bench_news
import pandas as pd

from caravan_claims.context import SentenceFinder
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
    from baseline import quantulum_parser

    parser = quantulum_parser()

    found = []
    for quantity in parser.parse(text):
        found.append({"article_id": article_id, "low": float(quantity.value),
                      "high": float(quantity.value), "qualifier": "exact",
                      "quote": quantity.surface})  # fmt: skip
    return found


Article = tuple[str, str, object]  # text, article id, publication date


def articles_of(corpus: pd.DataFrame) -> list[Article]:
    """The corpus as plain tuples, read once: the timed loop then holds the extractor's work and
    nothing of pandas (iterating a DataFrame's rows costs about 0.06 ms an article, 6% of ours)."""
    return [
        (row.text, row.article_id, None if pd.isna(row.published) else row.published.date())
        for row in corpus.itertuples(index=False)
    ]


def extract_all(extractor: Extractor, articles: list[Article]) -> list[dict]:
    found: list[dict] = []
    for text, article_id, published in articles:
        found += extractor(text, article_id, published)
    return found


def run(extractor: Extractor, corpus: pd.DataFrame) -> pd.DataFrame:
    found = extract_all(extractor, articles_of(corpus))
    return pd.DataFrame(found, columns=["article_id", "low", "high", "qualifier", "quote"])


def throughput(extractor: Extractor, corpus: pd.DataFrame, repeat: int) -> float:
    """Articles a second, the same articles handed to either extractor the same way."""
    articles = articles_of(corpus)
    extract_all(extractor, articles)  # warm up: imports, regex and model caches
    started = time.perf_counter()
    for _ in range(repeat):
        extract_all(extractor, articles)
    return repeat * len(articles) / (time.perf_counter() - started)


SIZE_UNITS = {"K": 1_000, "M": 1_000_000}
ADVERSARIAL_UNIT = "5 migrants, "
BASELINE_MAX_BYTES = 10_000  # quantulum3 slows down with size: 100 KB takes minutes


def parse_sizes(sizes: str) -> list[int]:
    """ "10K,1M" → [10000, 1000000]."""
    parsed = []
    for size in filter(None, (part.strip().upper() for part in sizes.split(","))):
        parsed.append(int(float(size[:-1]) * SIZE_UNITS[size[-1]]) if size[-1] in SIZE_UNITS
                      else int(size))  # fmt: skip
    return parsed


def news_sentences() -> list[str]:
    """Every sentence with a digit in the corpora of the benchmark."""
    sentences = []
    for name, (folder, _) in SETS.items():
        corpus = load_corpus() if name == "seeds" else load_corpus(folder)
        for text in corpus["text"]:
            finder = SentenceFinder(text)
            for word in re.finditer(r"\S+", text):
                span = finder.at(word.start())
                if span.start == word.start() and re.search(r"\d", text[span.start : span.end]):
                    sentences.append(text[span.start : span.end])
    return sentences


def generated(kind: str, size: int, sentences: list[str]) -> str:
    """``size`` characters of ``kind`` text (news: sentences recombined into paragraphs)."""
    if kind == "adversarial":
        return (ADVERSARIAL_UNIT * (size // len(ADVERSARIAL_UNIT) + 1))[:size]
    rng = random.Random(size)
    parts, length = [], 0
    while length < size:
        sentence = rng.choice(sentences)
        separator = "\n\n" if rng.random() < 0.2 else " "
        parts += [sentence, separator]
        length += len(sentence) + len(separator)
    return "".join(parts)[:size]


def megabytes_per_second(extractor: Extractor, text: str) -> float:
    started = time.perf_counter()
    extractor(text, "generated", None)
    return len(text.encode("utf-8")) / 1e6 / (time.perf_counter() - started)


def throughput_by_size(news_sizes: list[int], adversarial_sizes: list[int]) -> None:
    """A table of MB/s per kind of text and size, for ours and (on small sizes) quantulum3."""
    if not news_sizes and not adversarial_sizes:
        return
    sentences = news_sentences()
    print(f"\n{'text':12} {'size':>8} {'caravan MB/s':>13} {'quantulum3 MB/s':>16} {'ratio':>7}")
    for kind, sizes in (("news", news_sizes), ("adversarial", adversarial_sizes)):
        for size in sizes:
            text = generated(kind, size, sentences)
            speed = megabytes_per_second(ours, text)
            if size <= BASELINE_MAX_BYTES:
                baseline = megabytes_per_second(quantulum, text)
                versus = f"{baseline:16.3f} {speed / baseline:6.0f}x"
            else:
                versus = f"{'-':>16} {'-':>7}"
            print(f"{kind:12} {_size_label(size):>8} {speed:13.3f} {versus}", flush=True)


def _size_label(size: int) -> str:
    return f"{size / 1e6:g}M" if size >= 1_000_000 else f"{size / 1e3:g}K"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="passes over a corpus for ours")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="passes for quantulum3")
    parser.add_argument("--show-misses", action="store_true", help="list our errors")
    parser.add_argument(
        "--sizes",
        default="10K,100K,1M,10M,50M",
        help="sizes of generated news text for MB/s ('' for none)",
    )
    parser.add_argument(
        "--adversarial-sizes",
        default="10K,100K,1M,10M",
        help="sizes of generated adversarial text for MB/s ('' for none)",
    )
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
    print()
    bench_news.report()
    throughput_by_size(parse_sizes(args.sizes), parse_sizes(args.adversarial_sizes))


if __name__ == "__main__":
    main()
