"""The learned second opinion on roles (role_model, roles._second_opinion). Every sentence here is
invented for the test."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from test_places import VILLA_NORTE_SHELTERS, one_article, quantity_of

from caravan_claims import role_model, roles


def _claim(sentence: str, quote: str, **columns: object) -> dict:
    start = sentence.index(quote)
    return {
        "sentence": sentence, "sentence_start": 100, "start": 100 + start,
        "end": 100 + start + len(quote), "quote": quote, "low": 380.0, "noun": "",
        "qualifier": "approx", "unit": "people", "dimension": "count",
        "statement": "observation", **columns,
    }  # fmt: skip


def test_features_are_the_rules_answer_the_columns_and_the_words_around_the_figure():
    sentence = "Early on Tuesday morning the state police detained about 380 of them by the river."
    claim = _claim(sentence, "about 380", attributed_to="police")
    found = role_model.features(claim, "total", "size", "", "caravan")
    assert "rule=total" in found and "kind=caravan" in found and "attributed_to?" in found
    assert "hedged?" not in found  # not given
    assert {"L:police", "L:detained", "R:of", "R:river", "Q:about"} <= set(found)
    assert "S:NAME" in found and "S:tuesday" not in found  # a capitalised word is a name
    assert "S:early" in found and "mag=2" in found  # but not the sentence's first word
    assert "L:on" not in found  # more than five words before the figure
    assert {"L2:police_detained", "R2:of_them", "R2:by_the"} <= set(found)  # pairs of words
    assert "L2:detained_about" not in found  # a pair does not reach into the figure
    other = role_model.features(claim, "other_measure", "detained", "", "")
    assert "rule=other_measure:detained" in other
    in_a_camp = role_model.features(claim, "total", "size", "", "", "", "camp", 3800.0)
    assert "event=camp" in in_a_camp and "rel=-2" in in_a_camp  # a tenth of the usual count
    assert not [f for f in found if f.startswith("rel=")]  # no usual count given


def test_a_feature_is_told_in_words():
    assert role_model.describe("R:detained") == "'detained' just after it"
    assert role_model.describe("S:separate") == "'separate' in its sentence"
    assert role_model.describe("L2:up_from") == "'up from' just before the figure"
    assert role_model.describe("rule=total") == "the rules' answer (total)"
    assert role_model.describe("mag=3") == "a figure of 4 digits"
    assert role_model.describe("hedged?") == "a hedged given"
    assert role_model.describe("noun=") == "no noun"


def _tiny(path: Path) -> role_model.Model:
    labels = ["other_group", "other_measure:detained", "total"]
    weights = np.array([[0.0, 4.0, 0.0], [3.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    role_model.write_weights(path, labels, ["R:detained", "S:radio", "rule=total"], weights,
                             np.array([0.0, 0.0, 0.5]))  # fmt: skip
    return role_model.load(path)


def test_weights_written_and_read_back_give_the_softmax_of_the_summed_rows(tmp_path: Path):
    model = _tiny(tmp_path / "weights.csv")
    assert model.labels == ("other_group", "other_measure:detained", "total")
    assert not list(tmp_path.glob("*.tmp"))  # written beside, then renamed
    opinion = model.opinion(["rule=total", "R:detained", "L:unknown"], "total")
    scores = np.array([0.0, 4.0, 1.5])
    expected = np.exp(scores) / np.exp(scores).sum()
    assert opinion.label == "other_measure:detained"
    assert math.isclose(opinion.probability, expected[1])
    assert math.isclose(opinion.rules_probability, expected[2])
    # 'rule=total' pulls the other way; a feature the model does not know is no reason
    assert model.reasons(["rule=total", "R:detained", "L:unknown"], opinion.label, "total") == (
        "R:detained",
    )
    alone = model.opinion(["rule=total"], "total")
    assert alone.label == "total" and model.reasons(["rule=total"], "total", "total") == ()


def test_the_model_revises_a_role_only_when_confident(tmp_path: Path, monkeypatch):
    model = _tiny(tmp_path / "weights.csv")
    monkeypatch.setattr(role_model, "model", lambda: model)
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday about 600 "
        "people gathered at the bridge, the radio said."
    )
    (tmp_path / "kept").mkdir()
    (tmp_path / "revised").mkdir()
    monkeypatch.setattr(role_model, "revise_at", lambda: 0.9)
    kept = one_article(tmp_path / "kept", text, "2030-03-08")
    monkeypatch.setattr(role_model, "revise_at", lambda: 0.5)
    revised = one_article(tmp_path / "revised", text, "2030-03-08")
    assert quantity_of(kept, "about 600 people") == quantity_of(kept, "About 2,000 migrants")
    other = quantity_of(revised, "about 600 people")
    assert other.startswith("ev/other:") and other != quantity_of(revised, "About 2,000 migrants")
    frame = roles.assign_roles(revised.claims, revised.corpus, revised.events)
    claim_id = revised.claims.set_index("quote").loc["about 600 people", "claim_id"]
    row = frame.set_index("claim_id").loc[claim_id]
    assert row["role"] == "other_group"
    assert row["role_note"].startswith("learned model: other_group (probability 0.")
    assert "'radio' in its sentence" in row["role_note"]


def test_without_weights_the_rules_stand_alone(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(role_model, "model", lambda: None)
    text = "About 2,000 migrants left Villa Norte on Monday in a caravan."
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_the_committed_model_is_not_stale():
    """The weights are trained from the gold, the fixtures and the code that computes the
    features; any of them changed means `make models` must run again."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "bench"))
    import train_models

    assert train_models.stale() == ""
    meta = json.loads(role_model.META_PATH.read_text(encoding="utf-8"))
    assert "test" not in meta["trained_on"]  # the held-back split is never learned from
    assert meta["held_out"]["revised_role_accuracy"] > meta["held_out"]["rules_role_accuracy"]
    assert role_model.revise_at() == meta["revise_at"]


@pytest.mark.parametrize("label", ["total", "other_measure:detained"])
def test_labels_name_a_role_and_another_measures_kind(label: str):
    role, _, measure = label.partition(":")
    assert role_model.label_of(role, measure or "size") == label


def test_a_revised_role_says_so_in_the_quantities_table():
    """The model's note (its label, probabilities and the rules' answer) reaches
    ``claim_quantities.csv``'s ``role_note``, and its label is the row's role."""
    from caravan_claims import pipeline

    split = Path(__file__).parent / "fixtures" / "coverage" / "dev47"
    quantities = pipeline.run(split, workers=1).quantities
    revised = quantities[quantities["role_note"].str.startswith("learned model: ")]
    assert not revised.empty
    for row in revised.itertuples():
        label = row.role_note.removeprefix("learned model: ").split(" ", 1)[0]
        assert label.split(":")[0] == row.role_in_group
        assert "the rules" in row.role_note
    assert (quantities["role_note"] != "").mean() > 0.9  # nearly every figure says why


def test_people_in_the_citys_shelters_are_a_shelter_events_own_group_whatever_the_model_says(
    tmp_path: Path,
):
    """The learned model, trained on shelter events whose figures often count one shelter, read
    this count of the shelters together as another group (probability 0.51 when this test was
    written); the words right after the figure say whose it is."""
    text = (
        "Freight trains stopped carrying migrants north from Villa Norte on 28 February. On "
        "Thursday night the municipal Social Development Directorate counted 1,150 people in the "
        "city's shelters, up from about 700 on Monday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "1,150 people") == "sh:shelter_size"
