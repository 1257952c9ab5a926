"""The derived tables committed in ``data/``: what ``make data`` writes, the stale test checks."""

from __future__ import annotations

import pandas as pd

from caravan_claims import corpus, extract


def derived_tables() -> dict[str, pd.DataFrame]:
    """Every derived table for the bundled seeds, by file name in ``data/``."""
    articles = corpus.load_corpus()
    claims, rejected = extract.extract_corpus(articles)
    return {"claims.csv": claims, "rejected_numbers.csv": rejected}
