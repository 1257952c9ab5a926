"""The derived tables committed in ``data/``: what ``make data`` writes, the stale test checks."""

from __future__ import annotations

import pandas as pd

from caravan_claims import official, pipeline


def derived_tables(**engine_options: object) -> dict[str, pd.DataFrame]:
    """Every derived table for the bundled seeds, by file name in ``data/``; ``engine_options``
    (``engine``, ``workers``, ``scheduler``, ``batch_size``, ``progress``) choose where extraction
    runs and never change a byte of the tables."""
    tables = pipeline.run(**engine_options)
    record = official.load_official()
    checks = official.check_claims(tables.claims, tables.quantities, record, tables.corpus)
    return {
        "claims.csv": tables.claims,
        "rejected_numbers.csv": tables.rejected,
        "denials.csv": tables.denials,
        "claim_quantities.csv": tables.quantities,
        "reconciled.csv": tables.reconciled,
        "consistency_checks.csv": tables.checks,
        "official_monthly.csv": record,
        "official_checks.csv": checks,
    }
