"""Quantity keys: measures, subjects, as-of dates and curated overrides."""

import pandas as pd
import pytest

from caravan_claims import group
from caravan_claims.errors import InputError


def claim(unit, sentence, per="", period=""):
    return pd.Series({"unit": unit, "per": per, "period": period, "sentence": sentence})


@pytest.mark.parametrize(
    ("unit", "sentence", "per", "period", "measure"),
    [
        ("people", "A caravan of 8,000 people set off.", "", "", "caravan_size"),
        ("people", "About 3,000 migrants left Tapachula on Monday.", "", "", "caravan_size"),
        ("people", "Some 2,000 people were walking north toward Oaxaca.", "", "", "caravan_size"),
        ("people", "Local officials estimate that between 6,000 and 10,000 people are making the trip.", "", "", "caravan_size"),
        ("encounters", "There were 242,418 encounters at the border.", "", "2023-11", "border_encounters_month"),
        ("apprehensions", "More than 190,000 apprehensions between ports of entry.", "", "2023-11", "border_apprehensions_month"),
        ("people", "Border Patrol encountered more than 10,000 people on the border.", "day", "2023-12", "border_encounters_day"),
        ("people", "As many as 10,000 migrants were apprehended each day.", "day", "2023-12", "border_apprehensions_day"),
        ("people", "The Border Patrol's Tucson sector caught about 12,900 people in October.", "", "2023-10", "border_apprehensions_month"),
        ("people", "Police caught 12 people smuggling fuel in Tegucigalpa.", "", "", "other_people"),
        ("people", "US officials said they have expelled more than 400,000 people.", "", "2023-05/2023-11", "border_expulsions_period"),
        ("visas", "Mexico will issue 1,000 visas a day.", "day", "", "visas_per_day"),
        ("miles", "The caravan is 1,000 miles south of the border.", "", "", "distance"),
        ("percent", "Tariffs rise to 25%.", "", "", "share"),
        ("people", "Mexico should not allow millions of people to enter.", "", "", "other_people"),
        ("people", "Some 1,450 people slept at the Parque Deportivo by the border bridge.", "", "", "other_people"),
        ("people", "Officials denied that 6,000 migrants were gathered at its main crossing into Arizona.", "", "", "other_people"),
        ("people", "About 6,000 people were crossing the border each day.", "day", "", "border_crossings_day"),
    ],
)  # fmt: skip
def test_measure(unit, sentence, per, period, measure):
    assert group.measure_of(claim(unit, sentence, per, period)) == measure


def test_period_bounds():
    import datetime as dt

    assert group.period_bounds("2023-11") == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))
    assert group.period_bounds("2023-12") == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert group.period_bounds("2023-05/2023-11") == (dt.date(2023, 5, 1), dt.date(2023, 11, 30))
    assert group.period_bounds("2019") == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert group.period_bounds("") is None


def keys(**overrides):
    base = {"claim_id": "a:1", "subject": "ev", "event_id": "ev", "measure": "caravan_size",
            "period": "", "as_of": "2023-12-26", "grouping_note": ""}  # fmt: skip
    return pd.DataFrame([{**base, **overrides}])


def test_overrides_change_a_field_and_say_why():
    overrides = pd.DataFrame(
        [{"claim_id": "a:1", "field": "measure", "value": "border_encounters_day", "reason": "r"}]
    )
    changed = group.apply_overrides(keys(), overrides)
    assert changed.loc[0, "measure"] == "border_encounters_day"
    assert changed.loc[0, "grouping_note"] == "override (measure): r"


def test_override_excluding_a_claim():
    overrides = pd.DataFrame(
        [{"claim_id": "a:1", "field": "exclude", "value": "yes", "reason": "dup"}]
    )
    assert group.apply_overrides(keys(), overrides).loc[0, "measure"] == "excluded"


def test_override_for_an_unknown_claim_is_an_error():
    overrides = pd.DataFrame(
        [{"claim_id": "zz:9", "field": "period", "value": "2023", "reason": "r"}]
    )
    with pytest.raises(InputError, match=r"line 2: claim_id 'zz:9'"):
        group.apply_overrides(keys(), overrides)


def test_bad_override_file_names_the_line(tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text("claim_id,field,value,reason\na:1,colour,red,because\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2 .*'field'"):
        group.load_overrides(path)


def test_a_group_s_size_on_different_days_stays_one_quantity():
    """Sizes a week apart are one quantity (a series for reconciliation), not split by day."""
    claims = pd.DataFrame(
        [
            {"claim_id": "a:0", "article_id": "a", "start": 0, "end": 20, "quote": "About 1,500 migrants",
             "low": 1500.0, "high": 1500.0, "qualifier": "approx", "unit": "people", "noun": "migrants",
             "per": "", "period": "2024-10-08", "period_text": "on Tuesday", "sentence_start": 0,
             "sentence": "About 1,500 migrants left San Pedro Sula on Tuesday.", "statement": "observation"},
            {"claim_id": "b:0", "article_id": "b", "start": 0, "end": 20, "quote": "About 4,000 migrants",
             "low": 4000.0, "high": 4000.0, "qualifier": "approx", "unit": "people", "noun": "migrants",
             "per": "", "period": "2024-10-15", "period_text": "on Tuesday", "sentence_start": 0,
             "sentence": "About 4,000 migrants walked north toward Tapachula on Tuesday.", "statement": "observation"},
        ]
    )  # fmt: skip
    corpus = pd.DataFrame(
        {"article_id": ["a", "b"], "event_id": ["ev", "ev"],
         "published": pd.to_datetime(["2024-10-08", "2024-10-15"])}
    )  # fmt: skip
    events = pd.DataFrame(
        [{"event_id": "ev", "label": "A caravan", "start": "2024-10-08", "end": ""}]
    )
    keys = group.assign(claims, corpus, events)
    assert list(keys["quantity_id"]) == ["ev:caravan_size", "ev:caravan_size"]
    assert list(keys["as_of"]) == ["2024-10-08", "2024-10-15"]
    assert list(keys["role_in_group"]) == ["total", "total"]


def test_a_months_count_is_no_days_count_when_a_count_is_checked_against_its_day():
    """The check that sets apart a count far below its day's others reads only day counts: two
    monthly figures merged into the main group must not make a day's 1,500 look small."""
    ids = ["a:1", "a:2", "a:3", "a:4"]
    claims = pd.DataFrame({
        "claim_id": ids, "low": [1500.0, 1600.0, 11764.0, 9412.0],
        "high": [1500.0, 1600.0, 11764.0, 9412.0], "qualifier": ["exact"] * 4,
        "statement": ["observation"] * 4, "copy_of": [""] * 4,
        "period": ["", "", "2038-06", "2038-05"],
    })  # fmt: skip
    grouped = pd.DataFrame({
        "claim_id": ids, "subject": ["ev"] * 4, "event_id": ["ev"] * 4,
        "measure": ["caravan_size"] * 4, "role_in_group": ["total"] * 4,
        "as_of": ["2038-07-04"] * 4, "grouping_note": [""] * 4,
    })  # fmt: skip
    kept = group._far_below_the_days_other_counts(grouped, claims)
    assert list(kept["subject"]) == ["ev"] * 4
    claims.loc[1, "low"] = claims.loc[1, "high"] = 9000.0
    claims.loc[2:3, "period"] = ""
    moved = group._far_below_the_days_other_counts(grouped, claims)
    assert list(moved["subject"]) == ["ev/other:unnamed", "ev", "ev", "ev"]


def test_a_pool_of_processes_groups_as_one_process_does(monkeypatch):
    """On a large corpus the articles are read for roles, and the events' other groups
    clustered, by a pool of processes, in runs of consecutive articles and blocks; the keys are
    the same, in the same order, as in one process."""
    from pathlib import Path

    from caravan_claims import pipeline

    split = Path(__file__).parent / "fixtures" / "coverage" / "dev47"
    tables = pipeline.run(split, workers=1)
    claims, corpus = tables.claims, tables.corpus.drop(columns=["text"], errors="ignore")
    alone = group.assign(claims, corpus, tables.events)
    monkeypatch.setattr(group, "PARALLEL_FROM", 0)  # this small split: in the pool all the same
    pooled = group.assign(claims, corpus, tables.events, workers=2)
    pd.testing.assert_frame_equal(pooled, alone)
    assert (pooled["grouping_note"].str.contains("the learned model puts it")).any()


def test_work_is_cut_into_runs_of_about_the_same_size_in_order():
    from caravan_claims import processes

    items = [5, 1, 1, 1, 4, 4]
    runs = processes.runs(items, 3, lambda n: n)
    assert runs == [[5, 1], [1, 1, 4], [4]]
    assert processes.runs([], 3, len) == [[]] and processes.runs([7], 3, int) == [[7]]


def test_a_pool_of_processes_reconciles_as_one_process_does(monkeypatch):
    """Past ``PARALLEL_FROM`` claims grouping reads the articles in a pool of processes, then
    reconciliation runs in this one. Every table is the same as in one process."""
    from pathlib import Path

    from caravan_claims import pipeline

    split = Path(__file__).parent / "fixtures" / "coverage" / "dev47"
    alone = pipeline.run(split, workers=1)
    monkeypatch.setattr(group, "PARALLEL_FROM", 0)  # this small split: in the pool all the same
    pooled = pipeline.run(split, workers=2)
    for name in ("quantities", "reconciled", "checks"):
        pd.testing.assert_frame_equal(getattr(pooled, name), getattr(alone, name), obj=name)
    assert len(pooled.reconciled) > 10


def test_a_sector_count_without_its_month_takes_the_month_its_number_was_given_for():
    """ "About 13,900 — Border Patrol apprehensions in the Tucson sector in July." read with no
    period is the sector's July figure when its articles give that number for one month only."""
    sector = "ev/other:tucson_sector"
    rows = [
        ("a", sector, "border_apprehensions_month", "2029-07"),
        ("b", sector, "border_apprehensions_period", ""),
        ("c", sector, "border_apprehensions_period", ""),  # a number given for no month
        ("d", sector, "border_encounters_period", ""),  # the same number, another count
    ]
    grouped = pd.DataFrame(rows, columns=["claim_id", "subject", "measure", "period"]).assign(
        event_id="ev", role_in_group="other_group", grouping_note="a sector"
    )
    value_of = {"a": (13_900, 13_900), "b": (13_900, 13_900), "c": (500, 500),
                "d": (13_900, 13_900)}  # fmt: skip
    repeated = group._sector_figures_repeated(grouped, value_of)
    assert list(repeated["period"]) == ["2029-07", "2029-07", "", ""]
    assert repeated["measure"][1] == "border_apprehensions_month"
    assert repeated["grouping_note"][1].endswith("the same number its articles give for 2029-07")
    assert list(repeated["measure"][2:]) == list(grouped["measure"][2:])
