"""Validate the coverage corpus and its gold (tests/fixtures/coverage, tests/gold/coverage_*.csv).

Run from anywhere:  python tests/gold/check_coverage_gold.py [train] [dev] [test]
(no argument = every split folder under tests/fixtures/coverage that has an articles.csv).
Needs only pandas. Exits 1 and lists every problem when a check fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "coverage"
GOLD = ROOT / "tests" / "gold"

ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "date_precision", "date_evidence",
                   "event_id", "notes"]  # fmt: skip
EVENT_COLUMNS = ["event_id", "label", "start", "end", "description"]
FIGURE_COLUMNS = ["article_id", "quote", "occurrence", "low", "high", "qualifier", "unit", "group",
                  "role", "part_kind", "part_of", "measure", "statement", "copy_of", "as_of",
                  "exhaustive_set"]  # fmt: skip
QUANTITY_COLUMNS = ["group", "kind", "place", "first_as_of", "last_as_of", "measure", "part_of",
                    "n_claims", "n_independent", "expected_status", "estimate_low", "estimate_high",
                    "notes"]  # fmt: skip

QUALIFIERS = {"exact", "approx", "lower", "upper", "range", "vague"}
ROLES = {"total", "part", "other_group", "other_measure", "other_actor", "not_people"}
STATEMENTS = {"observation", "forecast", "denial"}
MEASURES = {"size", "detained", "deported", "returned", "dead", "injured", "arrived",
            "asylum_applied", "visas", "capacity"}  # fmt: skip
OTHER_MEASURES = MEASURES - {"size"}
KINDS = {"caravan", "camp", "shelter", "apprehended_group", "actor", "measure", "part"}
STATUSES = {"agree", "conflict", "disputed", "single_source", "series"}
# part kinds, or a nationality (a plural ending in -ans/-ese)
PART_KINDS = {"minors", "adults", "women", "men", "families", "family_members", "single_adults",
              "unaccompanied_minors"}  # fmt: skip
VAGUE = {  # the convention of the brief: word -> (low, high)
    "a few hundred": (100, 1000), "several hundred": (100, 1000), "hundreds": (100, 1000),
    "several thousand": (1000, 10000), "thousands": (1000, 10000),
    "tens of thousands": (10000, 100000),
}  # fmt: skip
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def nth(text: str, sub: str, n: int) -> int:
    """Start of the n-th (1-based) occurrence of sub in text, -1 when there are fewer."""
    i = -1
    for _ in range(n):
        i = text.find(sub, i + 1)
        if i < 0:
            return -1
    return i


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def check_split(split: str) -> list[str]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"[{split}] {msg}")

    folder = FIXTURES / split
    arts = read(folder / "articles.csv")
    events = read(folder / "events.csv")
    figs = read(GOLD / f"coverage_{split}_figures.csv")
    qty = read(GOLD / f"coverage_{split}_quantities.csv")
    tables = [
        ("articles.csv", arts, ARTICLE_COLUMNS),
        ("events.csv", events, EVENT_COLUMNS),
        ("figures", figs, FIGURE_COLUMNS),
        ("quantities", qty, QUANTITY_COLUMNS),
    ]
    for name, df, cols in tables:
        if list(df.columns) != cols:
            bad(f"{name}: columns {list(df.columns)} != {cols}")
    if problems:
        return problems

    # --- corpus -------------------------------------------------------------------------------
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    if set(texts) != set(arts.article_id):
        bad(f"articles.csv vs files: {sorted(set(texts) ^ set(arts.article_id))}")
    if arts.article_id.duplicated().any():
        bad("duplicate article_id in articles.csv")
    for aid, text in texts.items():
        words = len(text.split())
        if not 120 <= words <= 400:
            bad(f"{aid}: {words} words (want 120-400)")
    for _, e in events.iterrows():
        if not ISO.match(e.start) or (e.end and not ISO.match(e.end)):
            bad(f"events.csv {e.event_id}: bad start/end")
    published = dict(zip(arts.article_id, arts.published, strict=True))
    for _, a in arts.iterrows():
        if not ISO.match(a.published) or a.date_precision != "day":
            bad(f"articles.csv {a.article_id}: published/date_precision")
        if a.event_id not in set(events.event_id):
            bad(f"articles.csv {a.article_id}: unknown event {a.event_id}")

    # --- figure rows --------------------------------------------------------------------------
    groups = set(figs.group) - {""}
    for i, r in figs.iterrows():
        where = f"figures row {i + 2} ({r.article_id} {r.quote!r})"
        text = texts.get(r.article_id)
        if text is None:
            bad(f"{where}: no such article")
            continue
        if not r.occurrence.isdigit() or nth(text, r.quote, int(r.occurrence)) < 0:
            bad(f"{where}: quote not found at occurrence {r.occurrence}")
        try:
            low, high = float(r.low), float(r.high)
        except ValueError:
            bad(f"{where}: low/high not numbers")
            continue
        if r.qualifier not in QUALIFIERS:
            bad(f"{where}: qualifier {r.qualifier}")
        if r.qualifier == "range" and not low < high:
            bad(f"{where}: range needs low < high")
        if r.qualifier not in ("range", "vague") and low != high:
            bad(f"{where}: low != high for {r.qualifier}")
        if r.qualifier == "vague":
            word = next(
                (w for w in sorted(VAGUE, key=len, reverse=True) if w in r.quote.lower()), None
            )
            if word is None or VAGUE[word] != (low, high):
                bad(f"{where}: vague amount does not follow the convention {VAGUE}")
        if not r.unit:
            bad(f"{where}: empty unit")
        if r.role not in ROLES:
            bad(f"{where}: role {r.role}")
        if r.statement not in STATEMENTS:
            bad(f"{where}: statement {r.statement}")
        if not ISO.match(r.as_of):
            bad(f"{where}: as_of {r.as_of!r}")
        elif r.statement == "observation" and r.as_of > published[r.article_id]:
            bad(f"{where}: observation dated after its article")
        if r.role == "not_people":
            if r.group or r.measure or r.part_kind or r.part_of or r.exhaustive_set:
                bad(f"{where}: not_people rows leave group/measure/part columns empty")
            continue
        if not r.group:
            bad(f"{where}: empty group")
        if r.measure not in MEASURES:
            bad(f"{where}: measure {r.measure!r}")
        if r.role == "part":
            ok_kind = r.part_kind in PART_KINDS or re.fullmatch(
                r"[a-z]+(ans|ese|ians)", r.part_kind
            )
            if not ok_kind:
                bad(f"{where}: part_kind {r.part_kind!r}")
            if r.part_of not in groups:
                bad(f"{where}: part_of {r.part_of!r} is not a group")
            if r.group != f"{r.part_of}/{r.part_kind}":
                bad(f"{where}: part group should be part_of/part_kind")
        else:
            if r.part_kind or r.part_of:
                bad(f"{where}: part_kind/part_of only for parts")
            if r.exhaustive_set:
                bad(f"{where}: exhaustive_set only for parts")
        if r.role == "other_measure" and (r.measure not in OTHER_MEASURES or ":" not in r.group):
            bad(f"{where}: other_measure needs a group 'x:what' and a measure other than size")
        if r.role in ("total", "other_group", "other_actor") and r.measure != "size":
            bad(f"{where}: measure should be size")

    # --- exhaustive breakdowns ----------------------------------------------------------------
    for (aid, label), part in figs[figs.exhaustive_set != ""].groupby(
        ["article_id", "exhaustive_set"]
    ):
        whole_groups = set(part.part_of)
        if len(whole_groups) != 1:
            bad(f"{aid} {label}: parts of several groups {whole_groups}")
            continue
        whole = figs[(figs.article_id == aid) & (figs.group == whole_groups.pop())]
        total = sum(float(x) for x in part.low)
        if not any(float(w.low) == float(w.high) == total for _, w in whole.iterrows()):
            bad(f"{aid} {label}: parts sum to {total:g}; no figure of the whole says so")

    # --- copies -------------------------------------------------------------------------------
    key = ["quote", "low", "high", "group", "role", "statement"]
    for i, r in figs[figs.copy_of != ""].iterrows():
        where = f"figures row {i + 2} ({r.article_id} {r.quote!r})"
        if r.copy_of not in texts:
            bad(f"{where}: copy_of {r.copy_of} is not an article")
            continue
        if (published[r.copy_of], r.copy_of) > (published[r.article_id], r.article_id):
            bad(f"{where}: copy_of {r.copy_of} is later")
        if r.quote not in texts[r.copy_of]:
            bad(f"{where}: the original {r.copy_of} does not contain the quote")
        orig = figs[(figs.article_id == r.copy_of) & (figs.copy_of == "")]
        match = orig[(orig[key] == r[key]).all(axis=1)]
        if match.empty:
            bad(f"{where}: no original row in {r.copy_of} with the same quote, value and group")
        elif r.as_of not in set(match.as_of):
            bad(f"{where}: as_of {r.as_of} differs from the original's {sorted(set(match.as_of))}")

    # --- quantities ---------------------------------------------------------------------------
    if qty.group.duplicated().any():
        bad("quantities: duplicate group")
    if set(qty.group) != groups:
        bad(f"quantities vs figure groups: {sorted(set(qty.group) ^ groups)}")
    for _, q in qty.iterrows():
        rows = figs[figs.group == q.group]
        where = f"quantities {q.group}"
        if q.kind not in KINDS:
            bad(f"{where}: kind {q.kind}")
        if q.expected_status not in STATUSES:
            bad(f"{where}: status {q.expected_status}")
        if rows.empty:
            continue
        independent = {c or a for a, c in zip(rows.article_id, rows.copy_of, strict=True)}
        if q.n_claims != str(len(rows)):
            bad(f"{where}: n_claims {q.n_claims} != {len(rows)}")
        if q.n_independent != str(len(independent)):
            bad(f"{where}: n_independent {q.n_independent} != {len(independent)}")
        if q.first_as_of != rows.as_of.min() or q.last_as_of != rows.as_of.max():
            bad(f"{where}: first/last as_of")
        if q.measure != rows.measure.iloc[0] or q.part_of != rows.part_of.iloc[0]:
            bad(f"{where}: measure/part_of differ from its figures")
        if q.expected_status == "single_source" and len(independent) != 1:
            bad(f"{where}: single_source with {len(independent)} independent reports")
        if q.expected_status == "disputed" and "denial" not in set(rows.statement):
            bad(f"{where}: disputed without a denial")
        if (q.estimate_low == "") != (q.estimate_high == ""):
            bad(f"{where}: give both estimate ends or neither")
        elif q.estimate_low and float(q.estimate_low) > float(q.estimate_high):
            bad(f"{where}: estimate_low > estimate_high")
        if len(rows) >= 3 and not q.estimate_low and q.expected_status != "disputed":
            bad(f"{where}: {len(rows)} claims but no estimate")
    return problems


def existing_splits() -> list[str]:
    """Every split folder that exists, in the order train, dev, test, then any others."""
    order = {"train": 0, "dev": 1, "test": 2}
    found = [p.name for p in FIXTURES.iterdir() if p.is_dir() and (p / "articles.csv").exists()]
    return sorted(found, key=lambda s: (order.get(s, len(order)), s))


def main(argv: list[str]) -> int:
    splits = argv or existing_splits()
    missing = [
        s
        for s in splits
        if not (GOLD / f"coverage_{s}_figures.csv").exists()
        or not (GOLD / f"coverage_{s}_quantities.csv").exists()
    ]
    if missing:
        print(f"no gold (coverage_<split>_figures.csv / _quantities.csv) for: {missing}")
        return 1
    problems = [p for s in splits for p in check_split(s)]
    for p in problems:
        print(p)
    for s in splits:
        figs = read(GOLD / f"coverage_{s}_figures.csv")
        print(
            f"{s}: {figs.article_id.nunique()} articles, {len(figs)} figures, "
            f"{figs.group[figs.group != ''].nunique()} groups, "
            f"{(figs.copy_of != '').sum()} copied figures"
        )
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
