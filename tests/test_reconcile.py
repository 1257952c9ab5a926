"""Reconciliation: Marzullo's algorithm, claim intervals, statuses, parameters, end to end."""

import math
import shutil
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROOT, SEEDS

from caravan_claims import pipeline
from caravan_claims import reconcile as reconcile_module
from caravan_claims.reconcile import (
    Interval,
    IntervalRules,
    claim_interval,
    marzullo,
    reconcile_quantity,
    rounding_unit,
)
from caravan_claims.statements import find_denials

# --- Marzullo ---------------------------------------------------------------------------------


def test_marzullo_finds_the_most_supported_interval():
    result = marzullo([Interval(8, 12), Interval(11, 13), Interval(10, 12)])
    assert result.intervals == [Interval(11, 12)] and result.weight == 3


def test_touching_closed_intervals_overlap_at_the_point():
    result = marzullo([Interval(0, 5), Interval(5, 10)])
    assert result.intervals == [Interval(5, 5)] and result.weight == 2


def test_open_bound_does_not_touch():
    more_than = Interval(10, math.inf, low_open=True, high_open=True)
    as_many_as = Interval(0, 10)
    result = marzullo([more_than, as_many_as])
    assert result.weight == 1 and len(result.intervals) == 2  # disjoint: a tie of singles


def test_open_and_closed_at_the_same_value():
    at_least = Interval(10, math.inf, high_open=True)
    result = marzullo([at_least, Interval(0, 10)])
    assert result.intervals == [Interval(10, 10)] and result.weight == 2


def test_all_disjoint_intervals_tie():
    result = marzullo([Interval(1, 2), Interval(3, 4), Interval(5, 6)])
    assert result.weight == 1
    assert result.intervals == [Interval(1, 2), Interval(3, 4), Interval(5, 6)]


def test_weights_break_ties():
    result = marzullo([Interval(1, 2), Interval(3, 4)], weights=[0.5, 1.0])
    assert result.intervals == [Interval(3, 4)] and result.weight == 1.0


def test_zero_weight_intervals_are_ignored_and_empty_input_is_empty():
    assert marzullo([Interval(1, 2)], weights=[0]).intervals == []
    assert marzullo([]).weight == 0


def test_two_tied_readings_with_a_shared_range():
    result = marzullo([Interval(8000, 8000), Interval(6000, 10000), Interval(5400, 6600)])
    assert result.weight == 2
    assert result.intervals == [Interval(6000, 6600), Interval(8000, 8000)]


# --- intervals per qualifier -------------------------------------------------------------------


def claim(low, high=None, qualifier="exact", quote="", hedged=False, article="a", cue=""):
    high = low if high is None else high
    return {
        "claim_id": f"{article}:{low}", "article_id": article, "quote": quote or str(low),
        "low": float(low), "high": float(high), "qualifier": qualifier, "hedged": hedged,
        "hedge_cue": cue, "quantity_id": "q", "subject": "ev", "event_id": "ev",
        "measure": "caravan_size", "period": "", "as_of": "2023-12-26", "outlet": article.upper(),
        "attributed_to": "",
    }  # fmt: skip


def test_intervals_follow_the_qualifier():
    rules = IntervalRules()
    assert claim_interval(pd.Series(claim(8000)), rules) == Interval(8000, 8000)
    assert claim_interval(pd.Series(claim(8000, qualifier="approx")), rules) == Interval(7200, 8800)
    more = claim_interval(
        pd.Series(claim(190000, qualifier="lower", quote="more than 190,000")), rules
    )
    assert more == Interval(190000, math.inf, low_open=True, high_open=True)
    least = claim_interval(pd.Series(claim(30, qualifier="lower", quote="at least 30")), rules)
    assert not least.low_open
    assert claim_interval(
        pd.Series(claim(10000, qualifier="upper", quote="as many as 10,000")), rules
    ) == Interval(0, 10000)
    assert claim_interval(pd.Series(claim(6000, 10000, qualifier="range")), rules) == Interval(
        6000, 10000
    )
    assert claim_interval(pd.Series(claim(100, 1000, qualifier="vague")), rules) == Interval(
        100, 1000
    )
    assert (
        claim_interval(
            pd.Series(claim(100, 1000, qualifier="vague")), IntervalRules(vague_mode="exclude")
        )
        is None
    )


def test_rounding_mode_uses_the_unit_the_number_is_rounded_to():
    rules = IntervalRules(approx_mode="rounding")
    assert claim_interval(pd.Series(claim(8000, qualifier="approx")), rules) == Interval(7500, 8500)
    assert claim_interval(pd.Series(claim(8200, qualifier="approx")), rules) == Interval(8150, 8250)
    assert rounding_unit(242418) == 1 and rounding_unit(12000) == 1000


def test_bad_parameters_are_refused_with_their_name():
    with pytest.raises(ValueError, match="approx_mode"):
        IntervalRules(approx_mode="wide")
    with pytest.raises(ValueError, match="hedged_weight"):
        IntervalRules(hedged_weight=2)


# --- statuses and parameters ----------------------------------------------------------------------


def quantity(*claims):
    return pd.DataFrame(list(claims))


def test_agree_single_source_partial_and_conflict():
    row, _ = reconcile_quantity(
        quantity(
            claim(8000, qualifier="approx", article="a"), claim(6000, 10000, "range", article="b")
        ),
        IntervalRules(),
        [],
    )
    assert (row.status, row.estimate) == ("agree", 8000)
    row, _ = reconcile_quantity(
        quantity(claim(8000, article="a"), claim(8100, article="a")), IntervalRules(), []
    )
    assert row.status == "single_source"
    row, rows = reconcile_quantity(
        quantity(claim(8000, article="a"), claim(8000, article="b"), claim(3000, article="c")),
        IntervalRules(),
        [],
    )
    assert row.status == "partial" and row.support.startswith("2 of 3 claims")
    assert [r["role"] for r in rows].count("left_out") == 1
    row, _ = reconcile_quantity(
        quantity(claim(8000, article="a"), claim(3000, article="b")), IntervalRules(), []
    )
    assert row.status == "conflict" and row.readings == "3,000 | 8,000"
    assert row.estimate == 3000 and (row.estimate_low, row.estimate_high) == (3000, 8000)
    assert row.estimate_basis.startswith("the sources conflict")


def test_disputed_when_a_denial_is_given():
    denial = find_denials(
        "The government has denied the numbers, saying no such caravan exists.", "d"
    )
    assert denial and denial[0].denied_by == "The government"
    row, _ = reconcile_quantity(
        quantity(claim(20000, qualifier="lower", article="a")),
        IntervalRules(),
        [asdict(d) for d in denial],
    )
    assert row.status == "disputed" and "The government" in row.explanation


def test_denials_about_border_statistics_or_other_disputes_do_not_count():
    assert find_denials("The White House downplayed the numbers of border crossings.", "d") == []
    assert find_denials("He wants to resolve political disputes in the region.", "d") == []


def test_hedged_weight_parameter():
    members = quantity(claim(8000, article="a"), claim(3000, article="b", hedged=True, cue="could"))
    row, _ = reconcile_quantity(members, IntervalRules(hedged_weight=0.5), [])
    assert (row.status, row.estimate) == ("partial", 8000)
    row, rows = reconcile_quantity(members, IntervalRules(hedged_weight=0), [])
    assert row.status == "single_source" and rows[1]["role"] == "apart"


def test_approx_band_parameter_changes_agreement():
    members = quantity(claim(8000, qualifier="approx", article="a"), claim(9000, article="b"))
    assert (
        reconcile_quantity(members, IntervalRules(approx_relative=0.10), [])[0].status == "conflict"
    )
    assert reconcile_quantity(members, IntervalRules(approx_relative=0.15), [])[0].status == "agree"


def test_estimate_is_the_weighted_median_of_supporting_points():
    members = quantity(
        claim(7000, qualifier="approx", article="a"),
        claim(7500, qualifier="approx", article="b"),
        claim(7800, qualifier="approx", article="c"),
        claim(6000, 9000, "range", article="d"),
    )
    row, _ = reconcile_quantity(members, IntervalRules(approx_relative=0.1), [])
    assert row.status == "agree" and row.estimate == 7500
    hedged = quantity(
        claim(7000, qualifier="approx", article="a", hedged=True, cue="could"),
        claim(7600, qualifier="approx", article="b"),
    )
    row, _ = reconcile_quantity(hedged, IntervalRules(), [])
    assert row.estimate == 7600  # the hedged 7,000 weighs half: an unweighted median says 7,000


def test_weight_by_article_stops_a_repeated_figure_voting_twice():
    members = quantity(
        claim(8000, article="a"),
        claim(8000, article="a", quote="8,000 People"),
        claim(5000, article="b"),
    )
    assert (
        reconcile_quantity(members, IntervalRules(weight_by_article=True), [])[0].status
        == "conflict"
    )
    assert (
        reconcile_quantity(members, IntervalRules(weight_by_article=False), [])[0].status
        == "partial"
    )


# --- the seeds, end to end ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return pipeline.run()


def row_of(tables, quantity_id):
    found = tables.reconciled[tables.reconciled["quantity_id"] == quantity_id]
    assert len(found) == 1, list(tables.reconciled["quantity_id"])
    return found.iloc[0]


def test_december_2023_caravan_agrees_on_8000(seeds):
    row = row_of(seeds, "caravan_2023_12:caravan_size")
    assert (row.status, row.estimate, row.low, row.high) == ("agree", 8000, 8000, 8000)
    ids = row.claim_ids.split(";")
    assert {i.split(":")[0] for i in ids} == {"002_6c94a305d69fa5a3", "004_a9b967e73f6093cf"}
    quotes = set(seeds.claims.set_index("claim_id").loc[ids, "quote"])
    assert {"an estimated 8,000 individuals", "between 6,000 and 10,000 people"} <= quotes
    assert (
        "ICARO Media Group" in row.explanation
        and "Local officials and media reports in Mexico" in row.explanation
    )


def test_november_2023_encounters_and_apprehensions_stay_apart_and_pass_the_check(seeds):
    encounters = row_of(seeds, "us_sw_border:border_encounters_month:2023-11")
    apprehensions = row_of(seeds, "us_sw_border:border_apprehensions_month:2023-11")
    assert encounters.estimate == 242418 and apprehensions.low == 190000
    check = seeds.checks[
        (seeds.checks.quantity_a == apprehensions.quantity_id)
        & (seeds.checks.quantity_b == encounters.quantity_id)
    ]
    assert len(check) == 1 and bool(check.iloc[0].passed)


def test_mother_of_all_caravans_is_disputed(seeds):
    row = row_of(seeds, "caravan_2019_03_mother:caravan_size")
    assert row.status == "disputed" and "Honduran government" in row.explanation


def test_claim_ids_in_reconciled_exist_in_claims(seeds):
    known = set(seeds.claims["claim_id"])
    for ids in seeds.reconciled["claim_ids"]:
        assert set(ids.split(";")) <= known


def test_an_article_saying_around_6000_changes_status_and_explanation(tmp_path: Path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copy(DATA / "events.csv", folder / "events.csv")
    metadata = (DATA / "articles.csv").read_text(encoding="utf-8")
    metadata += "005_wire,Test Wire,,2023-12-26,day,test,caravan_2023_12,written for the test\n"
    (folder / "articles.csv").write_text(metadata, encoding="utf-8")
    (folder / "005_wire.txt").write_text(
        "A caravan of around 6,000 migrants walked north on Tuesday, local police said.\n",
        encoding="utf-8",
    )
    row = row_of(pipeline.run(folder), "caravan_2023_12:caravan_size")
    assert row.status == "conflict"
    assert "Test Wire" in row.explanation and "around 6,000 migrants" in row.explanation
    assert row.readings == "6,000–6,600 | 8,000"


def test_event_view_refuses_an_unknown_event(seeds):
    from caravan_claims import views
    from caravan_claims.errors import InputError

    with pytest.raises(InputError, match=r"event_id 'nope': not in events.csv; expected one of"):
        views.event_view(seeds, "nope")
    view = views.event_view(seeds, "caravan_2023_12")
    # "as thousands of migrants pass through southern Mexico in a mass movement" (a story about
    # a minister's trip) is the flow of migrants at large, a group of its own since the models of
    # 74 splits, as the coverage gold treats "thousands of people" said of caravans in general
    assert view.status_counts() == "agree: 1, single_source: 10"
    assert set(view.main_size["quantity_id"]) == {"caravan_2023_12:caravan_size"}


def test_agreed_readings_from_claim_rows_keep_open_bounds():
    from caravan_claims.reconcile import agreed_readings

    rows = pd.DataFrame(
        [
            {
                "interval_low": 10000.0,
                "interval_high": math.inf,
                "low_open": True,
                "high_open": True,
                "weight": 1.0,
                "role": "tied",
            },
            {
                "interval_low": 0.0,
                "interval_high": 5000.0,
                "low_open": False,
                "high_open": False,
                "weight": 1.0,
                "role": "tied",
            },
            {
                "interval_low": 0.0,
                "interval_high": 9000.0,
                "low_open": False,
                "high_open": False,
                "weight": 0.0,
                "role": "apart",
            },
        ]
    )
    assert agreed_readings(rows) == [Interval(0, 5000), Interval(10000, math.inf, True, True)]


def test_agreed_readings_agree_with_the_reconciled_table(seeds):
    from caravan_claims.reconcile import agreed_readings, interval_label

    for row in seeds.reconciled.itertuples(index=False):
        claims = seeds.quantities[seeds.quantities["quantity_id"] == row.quantity_id]
        assert " | ".join(interval_label(i) for i in agreed_readings(claims)) == row.readings


def dated(value, day, basis, article, qualifier="exact", sentence="The caravan dwindled."):
    return {
        **claim(value, article=article, qualifier=qualifier),
        "as_of": day, "as_of_basis": basis, "sentence": sentence,
    }  # fmt: skip


def test_a_series_ends_at_the_latest_news_not_at_a_restatement():
    """A figure dated only by its article's publication is the latest reading when it is a new
    number; when it repeats an earlier day's number (an opinion piece restating it), the latest
    day a text dates stays the estimate."""
    earlier = [
        dated(3000, "2030-05-01", "text", "a"),
        dated(1200, "2030-05-04", "text", "b"),
    ]
    new = dated(200, "2030-05-06", "published", "c", qualifier="upper")
    row, _ = reconcile_quantity(quantity(*earlier, new), IntervalRules(), [])
    assert row.estimate_basis == "the latest reading (2030-05-06)" and row.estimate <= 200
    restated = dated(3000, "2030-05-06", "published", "d")
    row, _ = reconcile_quantity(quantity(*earlier, restated), IntervalRules(), [])
    assert row.estimate_basis == "the latest reading (2030-05-04)" and row.estimate == 1200
    vague = dated(1000, "2030-05-06", "published", "e", qualifier="vague")
    row, _ = reconcile_quantity(quantity(*earlier, vague), IntervalRules(), [])
    assert row.estimate_basis == "the latest reading (2030-05-04)"


def test_a_later_article_repeating_a_denied_number_is_no_news_of_its_day():
    """A rumoured 20,000, denied on one day, repeated a week later by a letter whose sentence
    names no day, restates the rumour: the latest reading stays the last day a text dates."""
    earlier = [
        dated(3000, "2030-05-01", "text", "a"),
        dated(1200, "2030-05-04", "text", "b"),
        {**dated(20000, "2030-05-03", "text", "c"), "statement": "denial"},
    ]
    restated = dated(20000, "2030-05-10", "published", "d")
    row, _ = reconcile_quantity(quantity(*earlier, restated), IntervalRules(), [])
    assert row.estimate_basis == "the latest reading (2030-05-04)" and row.estimate == 1200
    fresh = dated(900, "2030-05-10", "published", "e")
    row, _ = reconcile_quantity(quantity(*earlier, fresh), IntervalRules(), [])
    assert row.estimate_basis == "the latest reading (2030-05-10)" and row.estimate == 900


def test_a_border_statistic_is_never_named_as_part_of_the_main_group():
    from caravan_claims import group, views

    assert views._group_name(group.BORDER, "caravan_2030") == (
        "U.S. southwest border (official statistics)"
    )
    assert views._group_name("caravan_2030/minors", "caravan_2030") == "the main group / minors"


def test_a_word_of_change_makes_two_days_a_series():
    """Two days apart is too short to assume a group changed, unless the words say it did."""
    first = dated(310, "2030-05-01", "text", "a", sentence="The shelter housed 310 people.")
    plain = dated(340, "2030-05-03", "text", "b", sentence="The shelter housed 340 people.")
    now = dated(340, "2030-05-03", "text", "b", sentence="The shelter now houses 340 people.")
    assert reconcile_quantity(quantity(first, plain), IntervalRules(), [])[0].status == "conflict"
    assert reconcile_quantity(quantity(first, now), IntervalRules(), [])[0].status == "series"


def test_a_shelters_counts_on_different_nights_are_a_series():
    """A shelter's count is of that night's guests, who come and go: two nights' different
    counts are two readings. A group's size a day apart with no word of change stays a
    disagreement."""
    plain = "The shelter housed 210 people."  # no word of change
    first, next_night, same_night = (
        {**dated(value, day, "text", article, sentence=plain), "measure": "shelter_size"}
        for value, day, article in ((180, "2030-05-01", "a"), (210, "2030-05-02", "b"),
                                    (210, "2030-05-01", "b"))
    )  # fmt: skip
    assert reconcile_quantity(quantity(first, next_night), IntervalRules(), [])[0].status == (
        "series"
    )
    assert reconcile_quantity(quantity(first, same_night), IntervalRules(), [])[0].status == (
        "conflict"
    )
    walking = [{**c, "measure": "caravan_size"} for c in (first, next_night)]
    assert reconcile_quantity(quantity(*walking), IntervalRules(), [])[0].status == "conflict"


@pytest.mark.parametrize(
    "sentence",
    [
        "It had 410 people last night, nearly twice as many as on Tuesday.",
        "The shelter held 380 people, more than double the 180 it was built for.",
        "It held about 950 on Wednesday night, more than on any night before.",
        "About 220 people, what is left of the group, reached Puerto Barrios.",
        "The checkpoint reopened with some 150 Guard members, half the force it had last week.",
    ],
)
def test_a_comparison_with_an_earlier_count_makes_two_days_a_series(sentence):
    first = dated(200, "2030-05-01", "text", "a", sentence="The group numbered 200 people.")
    later = dated(400, "2030-05-02", "text", "b", sentence=sentence)
    assert reconcile_quantity(quantity(first, later), IntervalRules(), [])[0].status == "series"


def test_reconciling_reads_only_the_member_columns_it_is_sent(monkeypatch):
    """The claims sent to reconcile each quantity carry ``MEMBER_COLUMNS`` alone: a column read
    beyond them would be missing (``[]``) or silently defaulted (``.get``), so every read of a
    member while the coverage corpus is reconciled is recorded and must be one of them."""
    read: set[str] = set()

    class Recording(dict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            read.add(key)
            return super().get(key, default)

    original = reconcile_module._reconcile_quantities

    def recording(asked, rules, window_days):
        asked = [([Recording(m) for m in members], disputes) for members, disputes in asked]
        return original(asked, rules, window_days)

    monkeypatch.setattr(reconcile_module, "_reconcile_quantities", recording)
    pipeline.run(ROOT / "tests" / "fixtures" / "coverage" / "train")
    assert {"low", "high", "qualifier", "copy_of", "sentence"} <= read
    assert read <= set(reconcile_module.MEMBER_COLUMNS)
