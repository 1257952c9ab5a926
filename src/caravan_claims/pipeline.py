"""The whole flow in one call, for the CLI, the derived tables and the notebooks:
articles → claims (+ statement type, copies) and denials → quantity keys and roles → reconciled
quantities → consistency checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from caravan_claims import checks, copies, corpus, extract, group, paths, reconcile, statements


@dataclass(frozen=True)
class Tables:
    corpus: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    rejected: pd.DataFrame
    quantities: pd.DataFrame  # one row per claim: its quantity key, interval, weight and role
    reconciled: pd.DataFrame
    checks: pd.DataFrame
    denials: pd.DataFrame = field(default_factory=pd.DataFrame)  # sentences denying a figure
    skipped: list[corpus.Skipped] = field(default_factory=list)  # files not read, and why


def default_overrides(seeds_dir: str | Path | None) -> Path | None:
    """The bundled ``data/claim_overrides.csv`` for the bundled seeds, else a
    ``claim_overrides.csv`` inside the folder, else none."""
    inputs = corpus.resolve_inputs(seeds_dir)
    if inputs.seeds_dir.resolve() == paths.bundled_seeds_dir().resolve():
        return paths.data_dir() / "claim_overrides.csv"
    candidate = inputs.seeds_dir / "claim_overrides.csv"
    return candidate if candidate.is_file() else None


def run(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
    rules: reconcile.IntervalRules | None = None,
    window_days: int = 0,
    strict: bool = False,
) -> Tables:
    """Extract, group, reconcile and check a folder of articles (defaults: the bundled data)."""
    inputs = corpus.resolve_inputs(seeds_dir, metadata_path, events_path)
    loaded = corpus.load(seeds_dir, metadata_path, events_path, strict)
    articles = loaded.articles
    events = corpus.load_events(inputs.events)
    claims, rejected, denials = extract_all(articles)
    overrides = group.load_overrides(
        Path(overrides_path) if overrides_path else default_overrides(seeds_dir)
    )
    keys = group.assign(claims, articles, events, overrides)
    reconciled, intervals = reconcile.reconcile(claims, keys, articles, rules, denials, window_days)
    quantities = keys.merge(intervals.drop(columns=["quantity_id"]), on="claim_id", how="left")
    quantities["role"] = quantities["role"].fillna("not_reconciled")
    quantities["reason"] = quantities["reason"].fillna("")
    return Tables(
        articles,
        events,
        claims,
        rejected,
        quantities,
        reconciled,
        checks.run_checks(reconciled, quantities, claims),
        denials,
        loaded.skipped,
    )


def extract_all(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The extraction stage, the last to read article text: every figure with its statement
    type and copy status, the numbers left out, and the sentences that deny a figure."""
    claims, rejected = extract.extract_corpus(articles)
    claims = copies.annotate(statements.annotate(claims), articles)
    return claims, rejected, statements.denials_table(articles)
