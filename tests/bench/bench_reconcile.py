"""Benchmark: reconciliation on the coverage corpora, and its cost against extraction.

Prints, for each split of the coverage corpus (train: the rules were written against it; dev and
dev2: written later, scored once before any tuning, then tuned on; test: held back, scored only
here), grouping quality (B-cubed precision,
recall and F1 of claims into quantities), role accuracy, copy detection precision and recall,
status accuracy and estimate coverage. Then times extraction against grouping + reconciliation on
a corpus made of many renamed copies of the training split, each under its own event, in the same
process. Not a timed test: it reports figures.

    make bench            # or: python tests/bench/bench_reconcile.py [--copies N]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from caravan_claims import (
    corpus,
    evaluate,
    group,
    group_model,
    pipeline,
    processes,
    reconcile,
    role_model,
)

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
COVERAGE = TESTS / "fixtures" / "coverage"
GOLD = TESTS / "gold"
HELD_BACK = "test"


def split_notes() -> dict[str, str]:
    """Every split of the coverage corpus with a gold, in the order they were written (train,
    dev, dev2, dev3 ...; the held-back one last), with what each is for. A new split is
    scored here as soon as its folder and gold exist."""
    names = [
        p.name
        for p in COVERAGE.iterdir()
        if p.is_dir() and (GOLD / f"coverage_{p.name}_figures.csv").is_file()
    ]

    def written(name: str) -> tuple[int, int]:
        if name == "train":
            return (0, 0)
        if name == HELD_BACK:
            return (2, 0)
        number = re.fullmatch(r"dev(\d*)", name)
        return (1, int(number.group(1) or 1)) if number else (1, 10**6)

    notes = {}
    for name in sorted(names, key=lambda n: (written(n), n)):
        if name == "train":
            notes[name] = "rules written against it"
        elif name == HELD_BACK:
            notes[name] = "held back"
        else:
            notes[name] = f"tuning set {written(name)[1]} (first scored before tuning)"
    return notes


def score_split(split: str) -> evaluate.CoverageScore | None:
    folder = COVERAGE / split
    golds = [GOLD / f"coverage_{split}_{kind}.csv" for kind in ("figures", "quantities")]
    if not folder.is_dir() or not all(path.is_file() for path in golds):
        return None
    tables = pipeline.run(folder)
    figures = pd.read_csv(GOLD / f"coverage_{split}_figures.csv", keep_default_na=False)
    quantities = pd.read_csv(GOLD / f"coverage_{split}_quantities.csv", keep_default_na=False)
    return evaluate.score_coverage(
        tables.claims, tables.quantities, tables.reconciled, tables.corpus, figures, quantities
    )


def print_scores() -> None:
    print("Reconciliation on the coverage corpus (gold written for the tests)")
    header = (
        f"{'split':<6} {'figures':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'roles':>6} "
        f"{'copy P':>6} {'copy R':>6} {'status':>6} {'est.':>5} {'in rng':>6}  note"
    )
    print(header)
    for split, note in split_notes().items():
        found = score_split(split)
        if found is None:
            print(f"{split:<6} (no such split)")
            continue
        print(
            f"{split:<6} {found.figures:>7} {found.grouping_precision:>6.3f} "
            f"{found.grouping_recall:>6.3f} {found.grouping_f1:>6.3f} {found.role_accuracy:>6.3f} "
            f"{found.copy_precision:>6.3f} {found.copy_recall:>6.3f} "
            f"{found.status_accuracy:>6.3f} {found.estimate_coverage:>5.2f} "
            f"{found.estimate_in_range:>6.3f}  {note}"
        )
    print(
        "(status: share of gold groups whose quantity has the expected status; est.: share of "
        "groups with 3+ claims given an estimate; in rng: estimates inside the gold range)"
    )
    print_role_model()


def print_role_model() -> None:
    """The learned models were trained on every split above but ``test``: their roles and groups
    are training figures. Their figures on splits they did not see, kept by their training."""
    if not role_model.META_PATH.is_file() or not group_model.META_PATH.is_file():
        print("learned models: none (the rules alone)")
        return
    roles_meta = json.loads(role_model.META_PATH.read_text(encoding="utf-8"))
    groups_meta = json.loads(group_model.META_PATH.read_text(encoding="utf-8"))
    held, grouped = roles_meta["held_out"], groups_meta["held_out"]
    print(
        f"Roles and groups above are learned from every split but 'test' ({roles_meta['figures']} "
        f"figures, {len(roles_meta['trained_on'])} splits). Held out ({held['method']}): role "
        f"accuracy of the rules alone {held['rules_role_accuracy']:.3f}, with the role model's "
        f"revisions {held['revised_role_accuracy']:.3f}; mean B-cubed with the rules' keys "
        f"{grouped['rules_mean_bcubed']:.3f}, clustered {grouped['clustered_mean_bcubed']:.3f} "
        f"(up on {grouped['splits_up']} splits, down on {grouped['splits_down']})."
    )


def replicated(copies: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The training split ``copies`` times over, each copy renamed and under its own event."""
    base = corpus.load_corpus(COVERAGE / "train")
    events = corpus.load_events(COVERAGE / "train" / "events.csv")
    articles, all_events = [], []
    for n in range(copies):
        articles.append(
            base.assign(
                article_id=base["article_id"] + f"_r{n}",
                event_id=base["event_id"] + f"_r{n}",
            )
        )
        all_events.append(events.assign(event_id=events["event_id"] + f"_r{n}"))
    return pd.concat(articles, ignore_index=True), pd.concat(all_events, ignore_index=True)


def time_stages(copies: int) -> None:
    """Per core: both stages in this process. Then on every core, as ``caravan-claims
    reconcile`` runs them, in a new process (this one's caches, filled by the run on one core
    with the same sentences, would flatter the second run): extraction in a pool of processes
    (copy detection after it in that one), then grouping (its roles in a pool) and
    reconciliation."""
    articles, events = replicated(copies)
    started = time.perf_counter()
    claims, _, denials = pipeline.extract_all(articles)
    extracted = time.perf_counter() - started
    started = time.perf_counter()
    keys = group.assign(claims, articles, events)
    reconcile.reconcile(claims, keys, articles, None, denials)
    reconciled = time.perf_counter() - started
    print(
        f"\n{len(articles)} articles ({copies} renamed copies of the training split), one core: "
        f"extraction (with statements and copies) {extracted:.2f} s, grouping + reconciliation "
        f"{reconciled:.2f} s, ratio {reconciled / extracted:.2f} (goal: at most 2)"
    )
    subprocess.run([sys.executable, __file__, "--every-core", "--copies", str(copies)], check=True)


def time_stages_on_every_core(copies: int) -> None:
    articles, events = replicated(copies)
    workers = processes.default_workers()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "replicated.jsonl"
        published = pd.to_datetime(articles["published"]).dt.strftime("%Y-%m-%d").fillna("")
        articles.assign(published=published).to_json(
            path, orient="records", lines=True, force_ascii=False
        )
        events.to_csv(Path(folder) / "events.csv", index=False)
        stream = corpus.stream(path)
        started = time.perf_counter()
        extraction = pipeline.extract_stream(stream, workers=workers)
        extracted = time.perf_counter() - started
        started = time.perf_counter()
        pipeline.from_extraction(extraction, stream, path, workers=workers)
        reconciled = time.perf_counter() - started
    print(
        f"the same on {workers} cores, in a new process (grouping + reconciliation with the "
        f"consistency checks): "
        f"extraction {extracted:.2f} s, grouping + reconciliation {reconciled:.2f} s, ratio "
        f"{reconciled / extracted:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of the training split")
    parser.add_argument("--every-core", action="store_true", help="only the run on every core")
    args = parser.parse_args()
    if args.every_core:
        time_stages_on_every_core(args.copies)
        return
    print_scores()
    time_stages(args.copies)


if __name__ == "__main__":
    main()
