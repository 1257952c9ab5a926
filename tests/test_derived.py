"""Committed derived tables must be exactly what the code makes from seeds/ today."""

import pandas as pd
import pytest
from conftest import DATA

from caravan_claims import atomic, derived


@pytest.fixture(scope="module")
def tables():
    return derived.derived_tables()


def test_every_derived_table_is_committed_and_fresh(tables):
    for name, table in tables.items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == atomic.to_csv_text(table), f"data/{name} is stale: run `make data`"


def test_claims_table_has_the_interface_columns(tables):
    claims = tables["claims.csv"]
    for column in [
        "claim_id", "article_id", "start", "end", "quote", "sentence", "low", "high",
        "qualifier", "unit", "per", "hedged", "attributed_to", "period", "same_as",
    ]:  # fmt: skip
        assert column in claims.columns, column
    assert claims["claim_id"].is_unique


def test_committed_claims_slice_the_seeds(tables):
    claims = pd.read_csv(DATA / "claims.csv", keep_default_na=False)
    seeds = {p.stem: p.read_text(encoding="utf-8") for p in (DATA.parent / "seeds").glob("*.txt")}
    for row in claims.itertuples():
        assert seeds[row.article_id][row.start : row.end] == row.quote


def test_statuses_and_verdicts_are_from_their_vocabularies(tables):
    from caravan_claims.official import VERDICTS
    from caravan_claims.reconcile import STATUSES

    assert set(tables["reconciled.csv"]["status"]) <= set(STATUSES)
    assert set(tables["official_checks.csv"]["verdict"]) <= set(VERDICTS)
    assert set(tables["claims.csv"]["qualifier"]) <= {
        "exact",
        "approx",
        "lower",
        "upper",
        "range",
        "vague",
    }
