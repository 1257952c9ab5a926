"""Plots read well on any corpus: readable labels, legends that list only what is drawn."""

from __future__ import annotations

import pandas as pd

from caravan_claims import pipeline, plots


def test_article_labels_prefer_outlet_then_title_then_a_readable_id():
    assert plots.article_label("000_5a697cbeb227ac85") == "article 000"
    assert plots.article_label("x", outlet="Gulf Herald") == "Gulf Herald"
    assert (
        plots.article_label("x", title="A very long headline about a caravan")
        == "A very long headline …"
    )
    corpus = pd.DataFrame(
        {"article_id": ["a", "b", "c"], "outlet": ["AP", "AP", ""], "title": ["", "", "T"]}
    )
    assert plots.article_labels(corpus) == {"a": "AP (1)", "b": "AP (2)", "c": "T"}


def legend_texts(figure) -> set[str]:
    return {text.get_text() for legend in figure.legends for text in legend.get_texts()}


def test_forest_legend_lists_only_what_is_drawn_and_single_claims_are_small_multiples():
    tables = pipeline.run()
    reconciled = tables.reconciled[tables.reconciled["subject"].str.startswith("caravan_2019")]
    figure = plots.forest(reconciled, tables.quantities, tables.claims.merge(
        tables.corpus[["article_id", "outlet"]], on="article_id"), {})  # fmt: skip
    texts = legend_texts(figure)
    drawn = tables.quantities[tables.quantities["quantity_id"].isin(reconciled["quantity_id"])]
    roles = set(drawn["role"])
    assert ("tied" in texts) == ("tied" in roles)  # a role is in the legend only when drawn
    assert ("left out" in texts) == ("left_out" in roles)
    assert "supports" in roles and "supports" in texts
    assert len(figure.axes) == len(reconciled)  # one small panel each


def test_timeline_names_articles_by_outlet():
    tables = pipeline.run()
    figure = plots.publication_timeline(tables.corpus, tables.events)
    labels = {t.get_text() for ax in figure.axes for t in ax.get_yticklabels()}
    assert "ICARO Media Group" in labels and "article 000" in labels
    assert "the group sets off (event start)" in legend_texts(figure)


def test_a_large_event_counts_articles_per_day_in_a_figure_of_bounded_height():
    days = pd.date_range("2030-01-01", periods=30).repeat(10)  # 300 articles of one event
    corpus = pd.DataFrame({
        "article_id": [f"a{n:03d}" for n in range(len(days))], "published": days,
        "date_precision": "day", "event_id": "ev", "outlet": "", "title": "",
    })  # fmt: skip
    events = pd.DataFrame({"event_id": ["ev"], "label": ["A big caravan"], "start": ["2030-01-01"]})
    figure = plots.publication_timeline(corpus, events)
    assert figure.get_figheight() < 6
    assert "articles published per day (300 articles)" in legend_texts(figure)


def test_the_border_plot_names_a_few_figures_but_not_thousands():
    def plot(n: int):
        ids = [f"a{i}:0" for i in range(n)]
        checks = pd.DataFrame({"claim_id": ids, "kind": "claim", "month": "2022-05",
                               "verdict": "consistent"})  # fmt: skip
        claims = pd.DataFrame({"claim_id": ids, "article_id": [i.split(":")[0] for i in ids],
                               "measure": "border_encounters_month", "qualifier": "exact",
                               "low": 200000.0, "high": 200000.0})  # fmt: skip
        return plots.border_record(pd.DataFrame(), checks, claims)

    assert len(plot(3).axes[0].texts) == 3
    many = plot(200)
    assert not many.axes[0].texts and "200 figures" in many.axes[0].get_title()
