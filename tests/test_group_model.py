"""Figures of other groups clustered by the learned model (group_model, group's
_other_groups_clustered). Every sentence here is invented for the test."""

import math

import numpy as np
import pandas as pd

from caravan_claims import group, group_model


def _row(claim_id: str, subject: str, sentence: str, quote: str, low: float, as_of: str,
         **extra: object) -> dict:  # fmt: skip
    start = sentence.index(quote)
    return {
        "claim_id": claim_id, "subject": subject, "measure": "group_size", "group_kind": "group",
        "as_of": as_of, "sentence": sentence, "start": start, "end": start + len(quote),
        "sentence_start": 0, "low": low, "article_id": claim_id.split(":")[0], "copy_of": "",
        "lead": "", "attributed_to": "", "noun": "", **extra,
    }  # fmt: skip


BUS = "About 300 people who took the bus from Huixtla reached Oaxaca on Friday."
BUS_AGAIN = "The bus group, some 310 people, reached Oaxaca, state officials said."
RUMOUR = "A rumoured second caravan of 6,000 in Ciudad Hidalgo was denied by the mayor."


def test_pair_features_read_names_words_values_and_dates():
    a = group_model.figure(_row("a:0", "ev/other:unnamed", BUS, "About 300 people", 300,
                                "2039-07-10"))  # fmt: skip
    b = group_model.figure(_row("b:0", "ev/other:bus_group", BUS_AGAIN, "some 310 people", 310,
                                "2039-07-10"))  # fmt: skip
    c = group_model.figure(_row("c:0", "ev/other:ciudad_hidalgo", RUMOUR, "6,000", 6000,
                                "2039-07-12"))  # fmt: skip
    values = dict(zip(group_model.FEATURES, group_model.pair_features(a, b), strict=True))
    assert values["one_unnamed"] == 1.0 and values["both_unnamed"] == 0.0
    assert values["key_in_other"] == 1.0  # 'bus' of the key 'bus_group' is a word of BUS
    assert values["value_close"] == 1.0 and values["same_day"] == 1.0
    assert values["near_names_shared"] == 1.0  # Oaxaca near both figures
    far = dict(zip(group_model.FEATURES, group_model.pair_features(a, c), strict=True))
    assert far["value_close"] == 0.0 and math.isclose(far["value_ratio"], math.log10(20) / 3)
    assert far["days"] > 0 and far["same_day"] == 0.0
    assert "huixtla" in a.names and "about" not in a.names  # the first word is no name
    assert values["adjacent"] == 0.0 and values["value_equal"] == 0.0  # two articles
    shifted = {"sentence_start": 150, "start": 150, "end": 166}  # the same words, 150 later
    later = group_model.figure(_row("a:150", "ev/other:unnamed", BUS, "About 300 people", 300,
                                    "2039-07-10", **shifted))  # fmt: skip
    near = dict(zip(group_model.FEATURES, group_model.pair_features(a, later), strict=True))
    assert near["adjacent"] == 1.0 and near["value_equal"] == 1.0 and near["same_sentence"] == 0


def test_a_figure_whose_group_the_sentence_before_names_reads_that_sentence():
    """ "The city opened the Pueblo Nuevo gymnasium as a shelter. Officials said 240 people
    slept there.": the sentence before names the place the other figure is keyed by."""
    lead = "The city opened the municipal gymnasium in Pueblo Nuevo as a shelter on Sunday."
    there = group_model.figure(
        _row(
            "a:0",
            "ev/other:unnamed",
            "Officials said 240 people slept there.",
            "240 people",
            240,
            "2039-07-10",
            lead=lead,
        )
    )
    gym = group_model.figure(
        _row(
            "b:0",
            "ev/shelter:gymnasium",
            "The gymnasium held 380 people in Pueblo Nuevo on Monday.",
            "380 people",
            380,
            "2039-07-11",
        )
    )
    alone = group_model.figure(
        _row(
            "c:0",
            "ev/other:unnamed",
            "Officials said 240 people slept there.",
            "240 people",
            240,
            "2039-07-10",
        )
    )  # no lead
    values = dict(zip(group_model.FEATURES, group_model.pair_features(there, gym), strict=True))
    assert values["key_in_lead"] == 1.0 and values["lead_names_shared"] == 1.0
    assert 0 < values["lead_words"] < 1  # 'gymnasium', 'pueblo', 'nuevo' of the lead, and more
    assert values["key_in_other"] == 0.0  # the figure's own sentence does not name it
    assert values["same_noun"] == 0.0  # no noun given to either row here
    without = dict(zip(group_model.FEATURES, group_model.pair_features(alone, gym), strict=True))
    assert without["key_in_lead"] == 0.0 and without["lead_names_shared"] == 0.0
    assert without["lead_words"] == 0.0


def test_two_figures_from_one_source_say_so():
    said = "The diocese counted about 2,000 people in the park, the diocese said."
    diocese = _row("a:0", "ev/other:park", said, "about 2,000", 2000, "2039-07-10",
                   attributed_to="The Diocese", noun="people")  # fmt: skip
    again = _row("b:0", "ev/other:park", said, "about 2,000", 2400, "2039-07-12",
                 attributed_to="the diocese", noun="People")  # fmt: skip
    anyone = _row("c:0", "ev/other:park", said, "about 2,000", 2400, "2039-07-12")
    a, b, c = (group_model.figure(r) for r in (diocese, again, anyone))
    same = dict(zip(group_model.FEATURES, group_model.pair_features(a, b), strict=True))
    assert same["same_source"] == 1.0 and same["same_noun"] == 1.0
    unsaid = dict(zip(group_model.FEATURES, group_model.pair_features(c, c), strict=True))
    assert unsaid["same_source"] == 0.0 and unsaid["same_noun"] == 0.0  # none is not shared
    assert same["other_cue_differs"] == 0.0


def test_a_figure_marked_as_another_group_says_so():
    first = _row("a:0", "ev/other:unnamed", BUS, "About 300 people", 300, "2039-07-10")
    marked = "A separate group of about 320 people reached Oaxaca on Friday."
    second = _row("b:0", "ev/other:unnamed", marked, "about 320 people", 320, "2039-07-11")
    a, b = group_model.figure(first), group_model.figure(second)
    assert b.other_cue and not a.other_cue
    values = dict(zip(group_model.FEATURES, group_model.pair_features(a, b), strict=True))
    assert values["other_cue_differs"] == 1.0


def _model(join_at: float) -> group_model.Model:
    """Two figures are one group when their values are close, and never otherwise."""
    weights = np.zeros(len(group_model.FEATURES))
    weights[group_model.FEATURES.index("value_close")] = 8.0
    return group_model.Model(weights, -4.0, join_at)


def test_clusters_join_close_values_in_date_order_and_stay_within_the_window():
    rows = [
        _row("a:0", "ev/other:unnamed", BUS, "About 300 people", 300, "2039-07-10"),
        _row("b:0", "ev/other:bus_group", BUS_AGAIN, "some 310 people", 310, "2039-07-11"),
        _row("c:0", "ev/other:unnamed", RUMOUR, "6,000", 6000, "2039-07-12"),
        _row("d:0", "ev/other:unnamed", BUS, "About 300 people", 305, "2039-12-20"),
    ]
    figures = [group_model.figure(r) for r in rows]
    model = _model(0.5)
    clusters, joined = group_model.cluster(figures, model.probability, model.join_at)
    assert clusters == [[0, 1], [2], [3]]  # d is 163 days after the bus group's last figure
    assert math.isnan(joined[0]) and joined[1] > 0.9


def test_a_figure_joins_on_its_closest_members_not_the_whole_cluster():
    """A group's earlier figures may read unlike its latest ones; the three that match decide."""
    rows = [_row(f"f{n}:0", "ev/other:unnamed", BUS, "About 300 people", 300, f"2039-07-1{n}")
            for n in range(7)]  # fmt: skip
    figures = [group_model.figure(r) for r in rows]

    def probability(a: group_model.Figure, b: group_model.Figure) -> float:
        newest = {a.claim_id, b.claim_id} & {"f6:0"}
        matching = {a.claim_id, b.claim_id} & {"f3:0", "f4:0", "f5:0"}
        return 0.9 if not newest or matching else 0.1

    clusters, joined = group_model.cluster(figures, probability, 0.6)
    assert clusters == [list(range(7))]  # the mean over all six would be 0.5
    assert math.isclose(joined[6], 0.9)


def test_other_groups_take_one_subject_per_cluster(monkeypatch):
    rows = [
        _row("a:0", "ev/other:unnamed", BUS, "About 300 people", 300, "2039-07-10"),
        _row(
            "b:0",
            "ev/other:bus_group",
            BUS_AGAIN,
            "some 310 people",
            310,
            "2039-07-11",
            measure="caravan_size",
        ),
        _row("c:0", "ev/other:unnamed", RUMOUR, "6,000", 6000, "2039-07-12"),
    ]
    frame = pd.DataFrame(rows)
    grouped = frame[["claim_id", "subject", "measure", "group_kind", "as_of"]].assign(
        event_id="ev", role_in_group="other_group", period="", grouping_note="rules"
    )
    claims = frame[["claim_id", *group._CLAIM_COLUMNS]]
    clustered = group._other_groups_clustered(grouped, claims, {"other_group": _model(0.5)})
    assert list(clustered["subject"]) == ["ev/other:bus_group", "ev/other:bus_group",
                                          "ev/other:unnamed"]  # fmt: skip
    assert list(clustered["measure"]) == ["caravan_size", "caravan_size", "group_size"]
    assert (
        "the learned model puts it with the figures of ev/other:bus_group"
        in (clustered["grouping_note"].iloc[0])
    )
    assert clustered["grouping_note"].iloc[2] == "rules"  # its subject did not change
    monkeypatch.setattr(group_model, "models", lambda: {})
    assert group._other_groups_clustered(grouped, claims).equals(grouped)  # no weights: the rules


def test_clusters_that_would_share_a_name_are_told_apart():
    taken: set[str] = set()
    assert group._cluster_subject(["ev/other:unnamed"], taken) == "ev/other:unnamed"
    assert group._cluster_subject(["ev/other:unnamed"], taken) == "ev/other:unnamed_2"
    assert group._cluster_subject(["ev/other:unspecified"], taken) == "ev/other:unspecified"
    assert group._cluster_subject(["ev/other:x", "ev/other:unnamed"], taken) == "ev/other:x"
    assert group._cluster_subject(["ev/other:x"], taken) == "ev/other:x_2"


def test_the_committed_group_models_load_with_every_feature():
    models = group_model.models()
    assert set(models) == set(group_model.KINDS)
    for model in models.values():
        assert len(model.weights) == len(group_model.FEATURES) and 0 < model.join_at < 1


def test_weights_of_each_kind_are_written_and_read_back(tmp_path):
    path = tmp_path / "weights.csv"
    weights = {k: (np.arange(len(group_model.FEATURES)) / 10 + n, -n - 1.0)
               for n, k in enumerate(group_model.KINDS)}  # fmt: skip
    group_model.write_weights(path, weights)
    loaded = group_model.load(path, {"other_group": 0.3, "other_measure": 0.6})
    assert loaded["other_measure"].bias == -2.0 and loaded["other_measure"].join_at == 0.6
    assert np.allclose(loaded["other_group"].weights, weights["other_group"][0])
    assert group.clustered_by_the_model("other_measure", "detained") == "other_measure"
    assert group.clustered_by_the_model("other_group", "border_encounters_month") == ""
    assert group.clustered_by_the_model("total", "caravan_size") == ""


def test_actors_are_clustered_like_other_groups():
    assert "other_actor" in group_model.KINDS
    assert group.clustered_by_the_model("other_actor", "deployed") == "other_actor"
    guard = "About 400 National Guard troops waited at the Tonalá toll booth on Monday."
    other = "Some 150 National Guard members escorted the group out of Acapetahua on Friday."
    rows = [
        _row("a:0", "ev/actor:national_guard", guard, "About 400", 400, "2039-07-10"),
        _row("b:0", "ev/actor:national_guard", other, "Some 150", 150, "2039-07-14"),
    ]
    frame = pd.DataFrame(rows).assign(measure="deployed")
    grouped = frame[["claim_id", "subject", "measure", "group_kind", "as_of"]].assign(
        event_id="ev", role_in_group="other_actor", period="", grouping_note="rules"
    )
    claims = frame[["claim_id", *group._CLAIM_COLUMNS]]
    clustered = group._other_groups_clustered(grouped, claims, {"other_actor": _model(0.5)})
    # two deployments at two places, far apart in size: two quantities, the second renamed
    assert list(clustered["subject"]) == ["ev/actor:national_guard", "ev/actor:national_guard_2"]
    assert list(clustered["measure"]) == ["deployed", "deployed"]


def test_parts_move_with_the_group_the_model_moved():
    """The minors among a group's detained stay with those detained, wherever the clustering
    puts them; a part whose group did not move keeps its key."""
    grouped = pd.DataFrame(
        [
            ("d:0", "ev", "detained", "other_measure", "", ""),
            ("d:1", "ev/minors", "detained", "part", "minors", "d:0"),
            ("e:0", "ev/other:unnamed", "group_size", "other_group", "", ""),
            ("e:1", "ev/other:unnamed/women", "group_size", "part", "women", "e:0"),
        ],
        columns=["claim_id", "subject", "measure", "role_in_group", "part_kind", "part_of_claim"],
    )
    pairs = zip(grouped["subject"], grouped["measure"], strict=True)
    keyed = dict(zip(grouped["claim_id"], pairs, strict=True))
    moved = grouped.copy()
    moved.loc[0, "subject"] = "ev/at:el_zapotal_checkpoint"  # clustered away from "ev"
    followed = group._parts_follow_their_groups(moved, keyed)
    assert followed.loc[1, "subject"] == "ev/at:el_zapotal_checkpoint/minors"
    assert followed.loc[1, "measure"] == "detained"
    assert followed.loc[3, "subject"] == "ev/other:unnamed/women"  # its group stayed
    moved.loc[2, ["subject", "measure"]] = ["ev/other:bus_group", "caravan_size"]
    followed = group._parts_follow_their_groups(moved, keyed)
    assert list(followed.loc[3, ["subject", "measure"]]) == ["ev/other:bus_group/women",
                                                           "caravan_size"]  # fmt: skip


def test_two_figures_read_the_names_of_their_articles():
    """ "30 municipal officers escort the walkers to the city limits" names no town, but its
    article names Ixtepec; a report of 40 municipal officers from an article naming Acayucan
    shares no name with it. The names come from every figure's sentence of the article."""
    escort = "30 municipal officers escort the walkers to the city limits."
    assigned = "The director said 40 municipal officers have been assigned."
    claims = pd.DataFrame(
        [
            {"article_id": "ix", "sentence": escort},
            {"article_id": "ix", "sentence": "In Ixtepec, 2,000 people slept in the square."},
            {"article_id": "ac", "sentence": assigned},
            {"article_id": "ac", "sentence": "About 1,800 reached Acayucan on Friday."},
        ]
    )
    names = group._article_names(claims, {"ix", "ac"})
    assert names == {"ix": {"ixtepec"}, "ac": {"acayucan", "friday"}}
    a = group_model.figure(_row("ix:0", "ev/actor:police", escort, "30 municipal officers", 30,
                                "2039-07-10", article_names=names["ix"]))  # fmt: skip
    b = group_model.figure(_row("ac:0", "ev/actor:police", assigned, "40 municipal officers", 40,
                                "2039-07-15", article_names=names["ac"]))  # fmt: skip
    copied = group_model.figure(_row("ix2:0", "ev/actor:police", escort, "30 municipal officers",
                                     30, "2039-07-10", article_names=names["ix"]))  # fmt: skip
    again = group_model.figure(_row("ix:90", "ev/actor:police", escort, "30 municipal officers",
                                    30, "2039-07-10", article_names=names["ix"]))  # fmt: skip
    values = dict(zip(group_model.FEATURES, group_model.pair_features(a, b), strict=True))
    shared = dict(zip(group_model.FEATURES, group_model.pair_features(a, copied), strict=True))
    same = dict(zip(group_model.FEATURES, group_model.pair_features(a, again), strict=True))
    assert values["article_names"] == 0.0 and shared["article_names"] == 1.0
    assert same["article_names"] == 0.0  # one article: read by same_article instead


def _counts_of(rows: list[dict], measure: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` as the grouped table (every one a count of ``measure`` of one event, keyed by
    the rules) and the claims table that the clustering reads."""
    frame = pd.DataFrame(rows).assign(measure=measure)
    grouped = frame[["claim_id", "subject", "measure", "group_kind", "as_of", "period"]].assign(
        event_id="ev", role_in_group="other_measure", grouping_note="rules"
    )
    return grouped, frame[["claim_id", *group._CLAIM_COLUMNS]]


def _same_measure_joins() -> group_model.Model:
    weights = np.zeros(len(group_model.FEATURES))
    weights[group_model.FEATURES.index("same_measure")] = 8.0  # every count of one measure: one
    return group_model.Model(weights, -4.0, 0.5)


JOINS_ALL = _same_measure_joins()
NEVER_JOINS = group_model.Model(np.zeros(len(group_model.FEATURES)), -4.0, 0.5)


def test_an_incident_retold_later_with_its_number_keeps_its_first_day():
    """A count of the hurt given again days later with the same number ("43 treated" in a later
    story) is that day's incident; another number on the later day stays a count of its own."""
    bridge = "About 43 people were hurt when the footbridge at Mapastepec gave way on Tuesday."
    later = "The clinic in Mapastepec says it treated 43 after the footbridge collapse."
    other = "Twelve more walkers were treated for heat stroke near Pijijiapan on Thursday."
    rows = [
        _row("a:0", "ev", bridge, "About 43 people", 43, "2039-07-10", period="2039-07-10"),
        _row("b:0", "ev", later, "43", 43, "2039-07-12", period="2039-07-12"),
        _row("c:0", "ev", other, "Twelve", 12, "2039-07-12", period="2039-07-12"),
    ]
    grouped, claims = _counts_of(rows, "injured")
    clustered = group._other_groups_clustered(grouped, claims, {"other_measure": JOINS_ALL})
    assert list(clustered["period"]) == ["2039-07-10", "2039-07-10", "2039-07-12"]
    assert "the same injured count as on 2039-07-10, told again" in clustered["grouping_note"][1]
    assert clustered["grouping_note"][2] == "rules"
    apart = group._other_groups_clustered(grouped, claims, {"other_measure": NEVER_JOINS})
    assert list(apart["period"]) == list(grouped["period"])  # not put together: each its day


def test_an_undated_toll_the_model_puts_with_one_incidents_dated_count_takes_its_day():
    """ "The toll rose to four" without a day, clustered with "three dead" in Sunday's crash, is
    that crash's running count: one quantity, not an undated one beside the dated."""
    crash = "Three migrants died when the truck overturned near Polotitlán on Sunday."
    toll = "The toll rose to four, the state prosecutor said."
    rows = [
        _row("a:0", "ev", crash, "Three migrants", 3, "2039-07-10", period="2039-07-10"),
        _row("b:0", "ev", toll, "four", 4, "2039-07-12", period=""),
    ]
    grouped, claims = _counts_of(rows, "dead")
    clustered = group._other_groups_clustered(grouped, claims, {"other_measure": JOINS_ALL})
    assert list(clustered["period"]) == ["2039-07-10", "2039-07-10"]
    assert "the running count of the incident of 2039-07-10" in clustered["grouping_note"][1]
    apart = group._other_groups_clustered(grouped, claims, {"other_measure": NEVER_JOINS})
    assert list(apart["period"]) == ["2039-07-10", ""]
