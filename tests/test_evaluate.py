"""The benchmark's scoring: one-to-one matches on article and low/high."""

import pandas as pd
import pytest

from caravan_claims.evaluate import misses, score


def table(rows):
    return pd.DataFrame(rows, columns=["article_id", "low", "high", "qualifier"])


def test_perfect_and_partial_scores():
    gold = table([("a", 1, 1, "exact"), ("a", 6, 10, "range"), ("b", 5, 5, "approx")])
    assert score(gold, gold).f1 == 1.0
    predicted = table([("a", 1, 1, "exact"), ("a", 6, 6, "exact"), ("b", 5, 5, "exact")])
    result = score(predicted, gold)
    assert (result.true_positives, result.false_positives, result.false_negatives) == (2, 1, 1)
    assert result.precision == pytest.approx(2 / 3) and result.recall == pytest.approx(2 / 3)
    assert result.qualifier_accuracy == 0.5


def test_each_gold_figure_matches_once_and_articles_must_agree():
    gold = table([("a", 1000, 1000, "exact")])
    predicted = table(
        [("a", 1000, 1000, "exact"), ("a", 1000, 1000, "exact"), ("b", 1000, 1000, "exact")]
    )
    result = score(predicted, gold)
    assert (result.true_positives, result.false_positives) == (1, 2)
    extra, missed = misses(predicted, gold)
    assert len(extra) == 2 and missed.empty


def test_empty_prediction_scores_zero():
    gold = table([("a", 1, 1, "exact")])
    assert score(table([]), gold).f1 == 0.0


def test_bundled_extractor_meets_the_seed_target():
    """The issue's target as a floor: F1 >= 0.97 and qualifier accuracy >= 0.95 on the seeds."""
    from conftest import ROOT

    from caravan_claims.corpus import load_corpus
    from caravan_claims.extract import extract_corpus

    claims, _ = extract_corpus(load_corpus())
    gold = pd.read_csv(ROOT / "tests" / "gold" / "seed_figures.csv")
    result = score(claims, gold)
    assert result.f1 >= 0.97 and result.qualifier_accuracy >= 0.95
