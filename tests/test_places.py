"""Where a figure's people are, and what that says about which group they form (places.py and
the place rules of roles.py). Every sentence here is invented for the test."""

from pathlib import Path

import pytest

from caravan_claims import pipeline, places

# each test here is one rule on a sentence of its own: the rules alone, not the learned model
pytestmark = pytest.mark.usefixtures("rules_alone")

MAIN = places.main_places(
    {
        "The caravan reached Santa Lucía on Tuesday after leaving Villa Norte.",
        "A second caravan left Puerto Azul on Monday.",
    },
    "Villa Norte caravan, March 2030",
)


def test_main_places_come_from_the_label_and_sentences_naming_the_main_group():
    assert {"Villa Norte", "Santa Lucía"} <= MAIN.towns
    assert "Puerto Azul" not in MAIN.towns  # "a second caravan" is not the main group


def test_months_countries_and_acronyms_are_not_places():
    found = places.of_sentence("In May, about 300 people waited in Mexico and in Spanish at INM.")
    assert not found.towns


def test_a_town_or_venue_where_the_main_group_never_is_is_elsewhere():
    sentence = "In Puerto Azul, meanwhile, some 150 people queued outside the Chilean consulate."
    location = places.of_figure(sentence, sentence[:30], sentence[40:])
    assert places.elsewhere(location, MAIN) == "Puerto Azul"
    assert places.elsewhere(places.Location(towns=frozenset({"Lucía"})), MAIN) == ""


def test_venues_compare_by_kind_and_only_named_ones_mark_an_incident():
    camp = places.main_places(set(), "Riverside levee camp, May 2030")
    on_the_bank = places.Location(venues=frozenset({"riverbank"}))
    in_the_gym = places.Location(venues=frozenset({"municipal gymnasium"}))
    assert places.elsewhere(on_the_bank, camp) == ""  # a levee and a riverbank: the border
    assert places.elsewhere(in_the_gym, camp) == "municipal gymnasium"
    assert places.named_venues("held at the Cerro Verde checkpoint") == ["cerro verde checkpoint"]
    assert places.named_venues("held at a checkpoint") == []


ARTICLES = {
    "a1": (
        "VILLA NORTE — About 2,000 migrants left Villa Norte on Monday in a caravan, organisers "
        "said. In Puerto Azul, about 120 Hondurans who missed the departure stayed in the town "
        "square. Police detained 60 people at the Cerro Verde checkpoint on Monday."
    ),
    "a2": (
        "The caravan reached Santa Lucía on Wednesday with about 2,400 people. Officers detained "
        "45 people at the Loma Alta checkpoint on Wednesday. Some 90 Honduran migrants remain in "
        "Puerto Azul, local officials said. The Casa del Migrante San Rafael shelter held 300."
    ),
    "a3": (
        "The San Rafael shelter said it housed 320 people on Thursday, in a hall built for 150. "
        "Some 80 National Guard members escorted the march. Officials said 75 troops of the "
        "National Guard watched the road."
    ),
}


def one_event(
    folder: Path, event: tuple[str, str, str], articles: dict[str, tuple[str, str]]
) -> pipeline.Tables:
    """The tables of a folder of articles (id → (published, text)) about one event (id, label,
    start), each from its own outlet."""
    event_id, label, start = event
    rows = "".join(
        f"{name},Paper {name},{published},day,{event_id}\n"
        for name, (published, _) in articles.items()
    )
    for name, (_, text) in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "articles.csv").write_text(
        f"article_id,outlet,published,date_precision,event_id\n{rows}", encoding="utf-8"
    )
    (folder / "events.csv").write_text(
        f"event_id,label,start,end,description\n{event_id},{_quoted(label)},{start},,\n",
        encoding="utf-8",
    )
    return pipeline.run(folder)


def _quoted(field: str) -> str:
    return '"' + field.replace('"', '""') + '"'


VILLA_NORTE = ("ev", "Villa Norte caravan", "2030-03-04")
VILLA_NORTE_SHELTERS = (
    "sh", "Combined population of Villa Norte's shelters, March 2030", "2030-03-04"
)  # fmt: skip


def one_article(
    folder: Path, text: str, published: str, event: tuple[str, str, str] = VILLA_NORTE
) -> pipeline.Tables:
    """The tables of one article (id b1) about one event, by default the Villa Norte caravan."""
    return one_event(folder, event, {"b1": (published, text)})


@pytest.fixture(scope="module")
def placed(tmp_path_factory) -> pipeline.Tables:
    dates = {"a1": "2030-03-04", "a2": "2030-03-06", "a3": "2030-03-07"}
    return one_event(
        tmp_path_factory.mktemp("placed"),
        ("ev", "Villa Norte caravan", "2030-03-04"),
        {name: (dates[name], text) for name, text in ARTICLES.items()},
    )


def quantity_of(tables: pipeline.Tables, quote: str) -> str:
    claim = tables.claims[tables.claims["quote"] == quote]
    assert len(claim) == 1, quote
    return tables.quantities.set_index("claim_id").loc[claim.iloc[0]["claim_id"], "quantity_id"]


def test_people_left_in_another_town_are_one_other_group_by_place_and_nationality(placed):
    main = quantity_of(placed, "About 2,000 migrants")
    assert main == quantity_of(placed, "about 2,400 people") == "ev:caravan_size"
    stayed = quantity_of(placed, "about 120 Hondurans")
    assert stayed != main and stayed == quantity_of(placed, "Some 90 Honduran migrants")


def test_detentions_at_named_places_are_separate_incidents(placed):
    first, second = quantity_of(placed, "60 people"), quantity_of(placed, "45 people")
    assert first != second
    assert first.endswith(":detained") and "cerro_verde" in first


def test_a_shelter_named_in_full_and_in_short_is_one_shelter(placed):
    assert quantity_of(placed, "300") == quantity_of(placed, "320 people")


def test_actors_of_one_organisation_are_one_quantity_whatever_they_are_called(placed):
    assert quantity_of(placed, "Some 80 National Guard members") == quantity_of(placed, "75 troops")


def test_people_apprehended_where_the_camp_is_not_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 1,500 migrants camped beside the Puente Azul bridge in Riverton on Monday. "
        "Border Patrol agents apprehended 70 people near Fairview late Monday, the agency said. "
        "Officials detained 45 people from the camp on Tuesday."
    )
    tables = one_article(
        tmp_path, text, "2030-05-07", ("cam", "Riverton bridge camp", "2030-05-06")
    )
    apprehended = quantity_of(tables, "70 people")
    assert apprehended.startswith("cam/other:fairview") and apprehended.endswith("_size")
    assert quantity_of(tables, "45 people") == "cam:detained"  # taken from the camp itself


def test_in_a_shelter_event_one_named_shelter_is_not_the_citys_total(tmp_path: Path):
    text = (
        "The city counted 2,900 people in its shelters on Monday. At the Casa Esperanza shelter "
        "there were 310 people on Monday night. On the plaza outside the cathedral, about 80 "
        "people slept in the open. The municipal shelter on Avenida Central held 900 people. "
        "The city's own shelter, at Avenida Central 200, was down to 700 by Monday night."
    )
    tables = one_event(
        tmp_path, ("sh", "Northville shelters", "2030-02-01"), {"s1": ("2030-02-04", text)}
    )
    assert quantity_of(tables, "2,900 people") == "sh:shelter_size"
    assert quantity_of(tables, "310 people").startswith("sh/shelter:casa_esperanza")
    assert quantity_of(tables, "about 80 people") != "sh:shelter_size"  # a venue elsewhere
    municipal = quantity_of(tables, "900 people")
    assert (
        municipal.startswith("sh/shelter:avenida_central")
        and quantity_of(tables, "700") == municipal
    )


def test_a_venue_that_reports_is_a_source_not_where_people_are():
    counted = "The municipal office counted 3,400 people in the city's shelters."
    filled = "The municipal gymnasium had filled to 350 people by Thursday."
    assert not places.of_figure(counted, counted[:29], counted[34:]).venues
    assert places.of_figure(filled, filled[:40], filled[43:]).venues == {"municipal gymnasium"}


def test_there_points_back_to_the_other_group_just_named(tmp_path: Path):
    text = (
        "The shelters of Northville held 2,900 people on Monday. In Southport, about 300 "
        "Cubans camped by the road on Monday. Police counted about 250 there on Tuesday. "
        "There were 2,800 people in the shelters on Tuesday."
    )
    tables = one_event(
        tmp_path, ("sh", "Northville shelters", "2030-02-01"), {"p1": ("2030-02-05", text)}
    )
    southport = quantity_of(tables, "about 300 Cubans")
    assert southport != "sh:shelter_size" and quantity_of(tables, "about 250") == southport
    assert quantity_of(tables, "2,800 people") == quantity_of(tables, "2,900 people")


def test_a_named_crossing_is_a_venue_and_one_place_named_two_ways_is_one_identity():
    assert places.of_sentence("The camp at the Paso Verde crossing grew.").venues == {
        "paso verde crossing"
    }
    assert not places.of_sentence("They rested in the city after crossing the river.").venues
    bridge, crossing = (places.venue_identity(f"paso verde {n}") for n in ("bridge", "crossing"))
    assert bridge and bridge == crossing
    assert places.venue_identity("paso verde gymnasium") != bridge  # another kind of place


def test_a_bare_count_listed_after_a_detention_keeps_its_own_place(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Agents detained 140 "
        "people at the Cerro Verde checkpoint on Thursday and 85 at El Cedro on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    first, second = quantity_of(tables, "140 people"), quantity_of(tables, "85")
    assert "cerro_verde" in first and "el_cedro" in second
    assert first.endswith(":detained") and second.endswith(":detained")


def test_a_place_in_the_next_clause_does_not_move_a_figure(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. By Saturday they had "
        "roughly halved, to about 1,000, and kept dwindling after the consulate in Puerto Azul "
        "published a notice."
    )
    tables = one_article(tmp_path, text, "2030-03-11")
    assert quantity_of(tables, "about 1,000") == "ev:caravan_size"


def test_shelters_counted_in_another_town_are_another_group(tmp_path: Path):
    text = (
        "The shelters of Villa Norte held 2,000 people on Monday, the city said. In Puerto Azul, "
        "to the east, the city's two shelters held about 500 people on Wednesday."
    )
    tables = one_article(tmp_path, text, "2030-01-09", ("sh", "Villa Norte shelters", "2030-01-06"))
    assert quantity_of(tables, "2,000 people") == "sh:shelter_size"
    assert quantity_of(tables, "about 500 people").startswith("sh/other:puerto_azul")


def test_two_countries_joined_by_a_hyphen_are_no_town():
    assert places.as_town("Costa Rica-Panama") == ""
    assert places.as_town("Guatemala-Mexico") == ""
    assert places.as_town("Ciudad Hidalgo") == "Ciudad Hidalgo"
