"""Roles that depend on the figure before: 'up from' and 'of them' (roles._article_roles). Every
sentence here is invented for the test."""

from pathlib import Path

import pytest
from test_places import VILLA_NORTE_SHELTERS, one_article, quantity_of

from caravan_claims import group, roles

# each test here is one rule on a sentence of its own: the rules alone, not the learned model
pytestmark = pytest.mark.usefixtures("rules_alone")


def test_up_from_counts_what_the_figure_before_counts(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Friday the refugee "
        "agency said it had received 780 asylum applications in the city since Monday, up from "
        "410 on Wednesday. The caravan now carries at least 500 minors, up from a few hundred "
        "in Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "410") == quantity_of(tables, "780 asylum applications")
    assert quantity_of(tables, "a few hundred") == quantity_of(tables, "at least 500 minors")
    assert quantity_of(tables, "a few hundred") != quantity_of(tables, "About 2,000 migrants")


def test_of_them_is_a_part_of_the_people_just_counted(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. By Thursday police had "
        "sent 1,300 people back to the border on buses. At least 240 of them were children."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    children = quantity_of(tables, "At least 240")
    returned = quantity_of(tables, "1,300 people")
    assert returned.startswith("ev:") and children.startswith("ev/minors")
    assert returned.split(":")[-1] == children.split(":")[-1]  # a part of those sent back


def test_of_them_then_the_part_itself_with_no_verb_is_a_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday nine people "
        "were taken to hospital, eight of them children. The child protection office registered "
        "540 minors in the caravan, 31 of them travelling without a parent. Paramedics treated "
        "19 migrants and took four of them to the clinic."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    hospitalised, children = quantity_of(tables, "nine people"), quantity_of(tables, "eight")
    assert children.startswith("ev/minors") and hospitalised.startswith("ev")
    assert children.split(":")[-1] == hospitalised.split(":")[-1]  # a part of those admitted
    # a part of the 540 minors is a part of their whole, the caravan, not of the minors
    assert quantity_of(tables, "31").startswith("ev/unaccompanied_minors:caravan_size")
    assert quantity_of(tables, "540 minors").startswith("ev/minors:caravan_size")
    # "took four of them to the clinic": a verb between, so a measure, as before
    assert quantity_of(tables, "four").split("/")[0].startswith("ev")
    assert "minors" not in quantity_of(tables, "four")


def test_appointments_are_never_a_border_statistic_and_the_guard_is_the_national_guard(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "CBP says it has given 2,900 CBP One appointments at the port since Monday, and the "
        "Border Patrol has sent more agents since the apprehension of 230 people near Fairview. "
        "About 300 National Guard members watched the plaza on Tuesday. On Wednesday some 350 "
        "Guard members watched the plaza."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "2,900") == "cam:asylum_applied"
    guard = quantity_of(tables, "About 300 National Guard members")
    assert guard == quantity_of(tables, "some 350 Guard members")


def test_people_named_by_where_they_went_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Of those who took the "
        "road to Puerto Azul on Tuesday, about 420 reached the border on Wednesday. Of those "
        "who stayed in Villa Norte, about 300 slept in the square."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 420").startswith("ev/other:puerto_azul")
    assert not quantity_of(tables, "about 300").startswith("ev/other:villa_norte")


def test_a_new_reading_of_the_number_and_actors_listed_by_organisation(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. By Thursday the state "
        "had bused 780 people to Sabinas. A church network puts the number at about 1,000. "
        "Some 200 elements of the National Guard and 250 of Fuerza Norte watch the road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 1,000") == quantity_of(tables, "780 people")
    fuerza = quantity_of(tables, "250")
    assert "actor" in fuerza and "fuerza_norte" in fuerza


def test_a_border_patrol_sector_counts_its_own_people_not_the_whole_border(tmp_path: Path):
    text = (
        "About 1,200 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "Border Patrol's Sandoval sector said agents apprehended 210 people who crossed the river "
        "east of the port late Monday. The sector recorded about 9,300 apprehensions in April. "
        "Its agents apprehended about 210 people west of the port on Monday, a spokesperson said. "
        "Nationwide, Border Patrol recorded about 128,000 apprehensions in April."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    night = quantity_of(tables, "210 people")
    assert night.startswith("cam/other:sandoval_sector:border_apprehensions_period")
    april = quantity_of(tables, "about 9,300 apprehensions")
    assert april == "cam/other:sandoval_sector:border_apprehensions_month:2030-04"
    assert quantity_of(tables, "about 128,000 apprehensions").startswith("us_sw_border:")
    assert quantity_of(tables, "about 210 people") == night  # a day near the event: the sector's
    roles_of = tables.quantities.set_index("quantity_id")["role_in_group"]
    assert set(roles_of[[night, april]]) == {"other_group"}


def test_a_nationality_ranked_or_in_apposition_sizes_its_part_of_the_group(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. The organiser said that "
        "Guatemalans make up nearly a third of the column, some 750 by her count. The Peruvian "
        "families, roughly 120 persons, walked behind the banner."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    assert quantity_of(tables, "some 750") == "ev/guatemalans:caravan_size"
    assert quantity_of(tables, "roughly 120 persons") == "ev/peruvians:caravan_size"


def test_a_parish_hall_that_takes_people_in_is_a_shelter(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. On Tuesday night the "
        "caravan slept in Puerto Azul, where the parish hall that held 310 people on Tuesday "
        "still held about 90 on Thursday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    hall = quantity_of(tables, "310 people")
    assert hall.startswith("ev/shelter:") and hall == quantity_of(tables, "about 90")


def test_people_who_came_on_buses_are_a_group_named_also_by_where_they_left(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. A second group of about "
        "600 left Puerto Azul on Tuesday in chartered buses. At the football ground in Las Lomas "
        "are the ones who came on the buses, some 500. On Friday the people who came on the "
        "buses from Puerto Azul were fewer than 200."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    buses = quantity_of(tables, "some 500")
    assert buses.startswith("ev/other:") and buses == quantity_of(tables, "fewer than 200")
    assert buses == quantity_of(tables, "about 600")


def test_people_found_in_a_truck_not_from_the_caravan_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. Were there more arrests? "
        "Yes, but not from the caravan: on Tuesday agents found 96 people in a trailer on the "
        "coastal road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    assert quantity_of(tables, "96 people").startswith("ev/other:")


def test_a_sentence_about_a_second_caravan_sizes_it_wherever_the_figure_stands(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. In the capital, the "
        "second caravan that activists had promised for April does not exist, according to the "
        "ministry, which on Friday rejected the figure of 6,000 people shared online."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    assert quantity_of(tables, "6,000 people").startswith("ev/other:")


def test_the_number_of_people_injured_names_the_measure_from_far_before_the_figure(
    tmp_path: Path,
):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. The number of people "
        "injured when a delivery truck struck walkers on the coastal road outside Puerto Azul on "
        "Tuesday night has risen to 17, the health ministry said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "17").startswith("ev:injured")


def test_a_breakdown_in_parentheses_lists_parts(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. By Friday 900 had been "
        "sent back on buses (610 Guatemalans, taken to the border bridge; 290 Peruvians, flown "
        "from the capital)."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,400 migrants") == "ev:caravan_size"
    assert quantity_of(tables, "610 Guatemalans").startswith("ev/guatemalans")
    assert quantity_of(tables, "290 Peruvians").startswith("ev/peruvians")


def test_actors_hurt_are_a_measure_of_them_and_actors_who_treat_are_deployed(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. The police said about 400 "
        "officers blocked the road and that five officers were hurt by stones. Our 40 volunteer "
        "medics have treated 90 people since Monday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    roles_of = tables.quantities.set_index("claim_id")["role_in_group"]
    claim_of = dict(zip(tables.claims["quote"], tables.claims["claim_id"], strict=True))
    assert roles_of[claim_of["five officers"]] == "other_measure"
    assert quantity_of(tables, "five officers").split(":")[-2] == "injured"
    assert roles_of[claim_of["about 400 officers"]] == "other_actor"
    assert roles_of[claim_of["40 volunteer medics"]] == "other_actor"


def test_an_organisation_and_its_verb_may_have_an_adverb_between(tmp_path: Path):
    text = (
        "About 2,400 migrants left Villa Norte on Monday in a caravan. Some 200 elements of the "
        "National Guard and 150 of Fuerza Norte watch the road. Fuerza Norte now keeps 60 "
        "officers at the bridge."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "60 officers") == quantity_of(tables, "150")


def test_a_region_named_with_a_possessive_is_no_town_of_another_group(tmp_path: Path):
    text = (
        "PUERTO AZUL, Mexico (AP) — About 1,900 migrants rested on Tuesday in this fishing town "
        "in Mexico's Pacific coast state of Costa, a day after leaving Villa Norte in a caravan."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 1,900 migrants") == "ev:caravan_size"


def test_people_who_climb_onto_the_roofs_of_a_freight_train_are_their_own_group(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Some 400 migrants of the "
        "caravan climbed this Friday onto the roofs of a freight train in Puerto Azul. Roughly "
        "350 climbed onto the freight cars on Saturday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    riders = quantity_of(tables, "Some 400 migrants")
    assert riders != "ev:caravan_size" and riders == quantity_of(tables, "Roughly 350")


def test_transferred_to_hospital_counts_the_sick_and_buses_with_people_move_them(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the rail yard in Villa Norte on Monday. Four persons "
        "presented symptoms of dehydration and were transferred to the General Hospital of Villa "
        "Norte. On Saturday the state sent five buses to Puerto Azul with 210 people from the "
        "rail yard who had asked to go to shelters there."
    )
    tables = one_article(
        tmp_path, text, "2030-03-08", ("cam", "Villa Norte rail yard camp", "2030-03-06")
    )
    assert ":injured" in quantity_of(tables, "Four persons")
    assert quantity_of(tables, "210 people").endswith(":detained")


def test_a_venue_that_calls_a_figure_absurd_denies_it_and_is_not_where_people_are(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants camped at the rail yard in Villa Norte on Monday. The mayor's office "
        'called "absurd" videos that claimed 7,000 people were waiting in the city to cross.'
    )
    tables = one_article(
        tmp_path, text, "2030-03-08", ("cam", "Villa Norte rail yard camp", "2030-03-06")
    )
    claim = tables.claims[tables.claims["quote"] == "7,000 people"].iloc[0]
    assert claim["statement"] == "denial"
    assert quantity_of(tables, "7,000 people") == quantity_of(tables, "About 2,000 migrants")


def test_it_was_in_a_parenthesis_reads_the_count_just_named_again(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Of the 180 detained at the "
        "Cerro Verde toll booth on Friday (the organisers say it was closer to 250), 95 were "
        "returned on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "closer to 250") == quantity_of(tables, "180")


def test_a_town_after_as_is_where_others_were_and_after_who_where_the_counted_are(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Organizers said the group "
        "had grown to 3,000 overnight as migrants who had been waiting in Puerto Azul caught up "
        "with it. Some 130 Hondurans who stayed in Cerro Verde asked for visas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "3,000") == "ev:caravan_size"
    assert "cerro_verde" in quantity_of(tables, "Some 130 Hondurans")


def test_the_freight_train_must_be_in_the_figures_own_words(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Some 400 migrants of the "
        "caravan that left Villa Norte on Monday climbed this Friday onto the roofs of a freight "
        "train in Puerto Azul, while about 1,600 persons walked on toward Cerro Verde."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Some 400 migrants") != "ev:caravan_size"
    assert quantity_of(tables, "about 1,600 persons") == "ev:caravan_size"


def test_a_nationality_listed_among_the_marchers_is_a_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The organiser says his "
        "lists show about 800 Hondurans, some 500 women and more than 300 children among the "
        "marchers."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 800 Hondurans").startswith("ev/hondurans")


def test_people_found_in_a_trailer_none_of_them_from_the_caravan_are_their_own_group(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. That night the National "
        "Guard found 112 migrants, none of them members of the caravan, locked in a trailer near "
        "Puerto Azul. Agents carried out the inspection of a tractor-trailer near Cerro Verde, in "
        "whose box travelled 64 persons."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "112 migrants") != "ev:caravan_size"
    assert quantity_of(tables, "64 persons") != "ev:caravan_size"


def test_a_count_of_buses_does_not_cut_off_the_verb_of_the_people_before_it(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Before sunrise on "
        "Thursday some 450 people boarded 11 buses the immigration office sent for them. By "
        "Friday the state had moved more than 900 people to the capital on 20 buses."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "some 450 people").endswith(":detained")
    assert quantity_of(tables, "more than 900 people").endswith(":detained")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_a_nationality_listed_beside_a_part_or_named_after_an_aside_is_a_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The organiser's lists "
        "show about 500 Salvadorans and some 300 women travelling. Seven hundred of "
        "those who set out on Monday, she noted, are Guatemalans."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 500 Salvadorans").startswith("ev/salvadorans")
    assert quantity_of(tables, "Seven hundred").startswith("ev/guatemalans")


def test_people_found_in_a_warehouse_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday night state "
        "police found 85 people shut inside a warehouse on the edge of Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "85 people").startswith("ev/other:")


def test_each_item_of_a_list_after_a_part_is_a_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. By country, 700 are "
        "Salvadoran, 520 Guatemalan and 300 Nicaraguan, the organisers said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "520").startswith("ev/guatemalans")
    assert quantity_of(tables, "300").startswith("ev/nicaraguans")


def test_a_bare_number_after_against_counts_what_the_figure_before_counts(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Prosecutors have opened "
        "31 robbery investigations since March 1, against 12 on March 5. The shelter held 640 "
        "people against 380 beds."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "12") == role_of(tables, "31 robbery investigations") == "not_people"
    assert quantity_of(tables, "380 beds") != quantity_of(tables, "640 people")


def role_of(tables, quote: str) -> str:
    return quantity_field(tables, quote, "role_in_group")


def quantity_field(tables, quote: str, column: str) -> str:
    """``column`` of the quantities table for the one claim quoted ``quote``."""
    claim_id = tables.claims.loc[tables.claims["quote"] == quote, "claim_id"].item()
    return tables.quantities.set_index("claim_id").loc[claim_id, column]


def test_a_count_before_a_later_denial_in_its_sentence_is_not_denied_and_an_aside_restates_it(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Wednesday agents "
        "detained 140 people at the Cerro Verde checkpoint (the organisers say 190) and "
        "rejected a figure of 9,000 that circulated online."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    statement = dict(zip(tables.claims["quote"], tables.claims["statement"], strict=True))
    assert statement["140 people"] == statement["190"] == "observation"
    assert statement["9,000"] == "denial"
    assert quantity_of(tables, "190") == quantity_of(tables, "140 people")
    assert quantity_of(tables, "140 people").endswith(":detained")


def test_people_taken_to_a_detention_centre_at_the_end_of_a_long_relative_clause(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. At the Cerro Verde post, "
        "agents reviewed the papers of 95 persons who could not prove a legal stay, who were "
        "then transferred to the Las Palmas Migratory Station for processing."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "95 persons").endswith(":detained")


CAMP = (
    "ev",
    "Camp at the Riverton port of entry in Villa Sur (across from Fairview, Texas), March 2030",
    "2030-03-02",
)


def test_a_camp_at_a_port_of_entry_is_where_its_label_puts_it(tmp_path: Path):
    text = (
        "Some 1,800 migrants remained camped on Friday on the esplanade of the Riverton port of "
        "entry, according to the municipal count."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "Some 1,800 migrants") == "ev:camp_size"


def test_the_other_side_named_in_a_label_or_opening_a_sentence_is_another_group(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday, the "
        "municipality said. In Fairview, Border Patrol agents apprehended 300 people on Monday "
        "night. Across the line, agents apprehended a group of 150 people who climbed the wall."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "About 1,200 people") == "ev:camp_size"
    assert quantity_of(tables, "300 people").startswith("ev/other:")
    assert quantity_of(tables, "150 people").startswith("ev/other:")


def test_the_month_may_is_no_modal_and_counts_by_nationality_listed_together_are_parts(
    tmp_path: Path,
):
    text = (
        "How many people are there? The figures so far:\n"
        "• Tuesday 8 May: about 900 (municipality) and 1,500 (the collective).\n"
        "The census of 12 May found 1,020 Mexicans, 640 Venezuelans, 390 Hondurans and 190 "
        "Haitians."
    )
    tables = one_article(tmp_path, text, "2030-05-15", ("ev", CAMP[1], "2030-05-02"))
    assert quantity_of(tables, "about 900") == quantity_of(tables, "1,500") == "ev:camp_size"
    for quote in ("1,020 Mexicans", "640 Venezuelans", "390 Hondurans", "190 Haitians"):
        assert role_of(tables, quote) == "part", quote


def test_people_found_or_rescued_in_a_house_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. State police said they "
        "had found nearly 100 foreigners locked in a house in Cerro Verde early on Monday. The "
        "institute rescued 60 foreign persons who were found in a domicile of Las Lomas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "nearly 100 foreigners") == "other_group"
    assert role_of(tables, "60 foreign persons") == "other_group"


def test_a_white_house_is_no_hiding_place(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A White House spokesman "
        "said agents had detained 300 people from the caravan at the river."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "300 people") == "other_measure"


def test_assisted_returns_and_medical_attention_are_measures(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday 64 persons "
        "requested assisted return to their country. About 30 people received medical "
        "attention for blisters, and 12 walkers suffered heat stroke."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "64 persons").endswith(":returned")
    assert quantity_of(tables, "About 30 people").startswith("ev:injured")
    assert quantity_of(tables, "12 walkers").startswith("ev:injured")


def test_where_a_denied_figure_went_round_is_not_where_people_are(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday, the "
        "municipality said. The municipality rejected the figure of 7,000 migrants spread by a "
        "radio station in Fairview."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "7,000 migrants") == "ev:camp_size"


def test_deputies_and_public_servants_are_actors(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The county sent 12 extra "
        "deputies to the river, and the institute's module is staffed by 45 public servants."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "12 extra deputies") == "other_actor"
    assert role_of(tables, "45 public servants") == "other_actor"


def test_they_took_n_of_ours_and_n_took_someones_buses_are_moved(tmp_path: Path):
    text = (
        'About 2,000 migrants left Villa Norte on Monday in a caravan. "At the checkpoint they '
        "took 210 of ours,\" the organiser said. Some 250 have taken the institute's buses to "
        "the capital since Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "210").endswith(":detained")
    assert quantity_of(tables, "Some 250").endswith(":detained")


def test_cases_of_an_illness_rising_to_a_figure_count_people_ill(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Red Cross says "
        "respiratory cases among the walkers rose to 92 by Thursday. It treated 64 people, most "
        "for respiratory infections, and said more than 700 children were among the walkers."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "92").startswith("ev:injured")
    assert role_of(tables, "more than 700 children") == "part"


def test_people_carried_by_buses_or_who_left_on_them_are_moved(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday. The first "
        "five state buses left for the capital, carrying 210 people who accepted shelter there. "
        "More than 1,100 people have left on the state's buses since Monday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "210 people").endswith(":detained")
    assert quantity_of(tables, "More than 1,100 people").endswith(":detained")


def test_the_group_from_another_town_is_another_group_not_from_a_country(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The group from Cerro "
        "Verde, about 320 people, reached Las Lomas last night. The group from Honduras, about "
        "1,900 people, rested in Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 320 people") == "ev/other:cerro_verde:caravan_size"
    assert quantity_of(tables, "about 1,900 people") == "ev:caravan_size"


def test_remains_patients_detentions_and_people_presented_to_an_authority_are_measures(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The medical examiner said "
        "the remains of nine people had been recovered west of Las Lomas. The general hospital "
        "says it admitted 14 caravan members with heat stroke; the Red Cross spoke of 15 "
        "patients. At the Cerro Verde post, 95 persons who could not prove a legal stay were "
        "presented before the migration authority."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "nine people").startswith("ev:dead")
    assert quantity_of(tables, "14 caravan members").startswith("ev:hospitalised")
    assert quantity_of(tables, "15 patients").startswith("ev:injured")
    assert quantity_of(tables, "95 persons").endswith(":detained")


def test_figures_that_are_disputed_between_sources_are_not_denied(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The detentions are "
        "disputed too: 210 at the Cerro Verde checkpoint by the institute's count, 350 by the "
        "organisers'. The institute disputed the figure of 9,000."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    statement = dict(zip(tables.claims["quote"], tables.claims["statement"], strict=True))
    assert statement["210"] == statement["350"] == "observation"
    assert statement["9,000"] == "denial"


SHELTERS = ("ev", "Shelters of Villa Sur (across from Fairview, Texas), August 2030", "2030-08-02")


def test_a_figure_in_another_clause_from_the_main_group_can_be_elsewhere(tmp_path: Path):
    text = (
        "The shelters of Villa Sur held about 2,000 people on Monday. On Tuesday night the state "
        "counted fewer than 900 people in the shelters, and fewer than 40 slept in the plaza."
    )
    tables = one_article(tmp_path, text, "2030-08-08", SHELTERS)
    assert quantity_of(tables, "fewer than 900 people") == "ev:shelter_size"
    assert quantity_of(tables, "fewer than 40").startswith("ev/other:")


def test_a_truck_stopped_with_people_inside_carries_a_group_of_its_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. At the Cerro Verde "
        "checkpoint a truck carrying about 120 people was stopped."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "about 120 people") == "other_group"


def test_a_sidebar_line_s_label_after_the_dash_says_what_its_figure_counts(tmp_path: Path):
    text = (
        "The shelters of Villa Sur held about 2,000 people on Monday.\n\nBY THE NUMBERS\n"
        "280 — people on the state's first buses out of Villa Sur, on Thursday morning.\n"
        "More than 700 — people the state had bused to the capital by Friday night.\n"
        "12 — remains of migrants recovered in the desert since 1 August.\n"
    )
    tables = one_article(tmp_path, text, "2030-08-08", SHELTERS)
    assert quantity_of(tables, "280").endswith(":detained")
    assert quantity_of(tables, "More than 700").endswith(":detained")
    assert quantity_of(tables, "12").startswith("ev:dead")


def test_buses_that_carried_people_move_them(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute's buses out "
        "of Las Lomas carried some 450 people on Saturday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "some 450 people").endswith(":detained")


def test_a_nationality_before_a_place_noun_is_no_town(tmp_path: Path):
    text = (
        "Thousands camp at Mexican border crossing on false asylum rumour\n\nSome 2,000 migrants "
        "remained camped on Friday on the esplanade of the Riverton port of entry."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "Thousands") == "ev:camp_size"


def test_people_who_came_from_shelters_are_not_sheltered_and_that_number_restates(
    tmp_path: Path,
):
    text = (
        "Officials estimated the caravan at some 1,900 people on Tuesday. Organizers said it had "
        "passed 3,000, swollen by people who caught up from shelters in Villa Norte. Police "
        "detained 140 people at the checkpoint. Organizers put that number at more than 250."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "3,000") == "ev:caravan_size"
    assert quantity_of(tables, "more than 250") == quantity_of(tables, "140 people")


def test_more_ways_of_saying_people_were_moved_or_presented_to_an_authority(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute presented "
        "140 persons of the contingent before the migratory authority. On this date 415 persons "
        "accepted voluntarily their transfer to the capital. The state's buses have now taken "
        "about 1,050 people to the coast. Some 1,240 people have ridden its 31 buses."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ("140 persons", "415 persons", "about 1,050 people", "Some 1,240 people"):
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_on_the_us_side_opens_a_sentence_about_another_group(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday. On the U.S. "
        "side, agents apprehended a single group of 143 people late Monday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "143 people").startswith("ev/other:")


def test_train_riders_treatment_cards_issued_and_the_group_that_left_another_town(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. In Las Lomas, about 300 of "
        "the train riders climbed down at the rail yard. The card is one of more than 1,700 the "
        "institute says it has issued. The group that left Cerro Verde a week ago is down to "
        "some 200 people. About 40 walkers needed treatment for blisters."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 300").startswith("ev/other:freight_train")
    assert quantity_of(tables, "more than 1,700").endswith(":visas")
    assert quantity_of(tables, "some 200 people") == "ev/other:cerro_verde:caravan_size"
    assert quantity_of(tables, "About 40 walkers").startswith("ev:injured")


def test_a_nationality_of_the_place_and_a_verb_of_waiting_leave_the_main_group_whole(
    tmp_path: Path,
):
    text = (
        "Thousands of migrants are waiting in the Guatemalan river town of Villa Sur for a "
        "seat on the boats. Hundreds of migrants remained stuck on a Mexican beach. The "
        "tens of thousands who wait along this border for a lawful way in will not go away."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "Thousands of migrants") == "ev:camp_size"
    assert quantity_of(tables, "Hundreds of migrants") == "ev:camp_size"
    assert quantity_of(tables, "tens of thousands").startswith("ev/other:")


def test_people_taken_to_hospital_are_a_measure_apart_from_those_treated(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Red Cross treated 46 "
        "people for heat exhaustion on Tuesday, and nine of them had to be taken to the hospital. "
        "A pickup injured 11 walkers on Tuesday near Las Lomas; they were taken to the hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    treated = quantity_of(tables, "46 people")
    assert ":injured" in treated
    assert ":hospitalised" in quantity_of(tables, "nine")
    assert ":injured" in quantity_of(tables, "11 walkers")  # hurt first: the injury counts


def test_table_rows_by_nationality_the_main_column_and_spanish_quotes(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Police said about 1,600 "
        "people were still with the main column when it stopped for the night. The organisers "
        'insist "a few hundred" are still on the road. «Detuvimos a 140 personas» ("We '
        'detained 140 people"), said an officer. The gym «tiene capacidad para 500 personas».\n\n'
        "REGISTER BY NATIONALITY\n\n"
        "   Nationality            Registered\n"
        "   Venezuelan                    402\n"
        "   Haitian                       121\n"
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 1,600 people") == "ev:caravan_size"
    assert quantity_of(tables, "a few hundred") == "ev:caravan_size"
    assert quantity_of(tables, "140 personas").endswith(":detained")
    assert quantity_of(tables, "500 personas").endswith(":capacity")
    assert quantity_of(tables, "402") == "ev/venezuelans:caravan_size"
    assert quantity_of(tables, "121") == "ev/haitians:caravan_size"


def test_medical_cases_are_people_treated_and_we_could_be_is_a_forecast(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Red Cross cases in the "
        "caravan reached 97 by Sunday, 12 of whom were hospitalised. A court in Las Lomas heard "
        '40 cases. "We could be 6,000 by the time we reach the coast," a spokesman said.'
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "97").startswith("ev:injured")
    assert quantity_of(tables, "12").startswith("ev:hospitalised")
    assert not quantity_of(tables, "40 cases").startswith(("ev:injured", "ev:caravan_size"))
    claims = tables.claims.set_index("quote")
    assert claims.loc["6,000", "statement"] == "forecast"
    assert quantity_of(tables, "6,000") == "ev:caravan_size"


def test_an_answer_is_read_with_its_question(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday.\n\n"
        "Q: How many people slept in Casa Esperanza last night?\n\n"
        "A: 312. We were built for 100.\n\n"
        "Q: And how many volunteers do you have?\n\nA: 35, with four ambulances.\n\n"
        "Q: How many tickets were sold?\n\nA: About 900.\n\n"
        "Q: There are messages about a second caravan of 6,000 people from Cerro Verde. True?\n\n"
        "A: No.\n\nQ: How many of you are there today?\n\nA: We are 1,100."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "312").startswith("ev/shelter:casa_esperanza")
    assert quantity_of(tables, "35").startswith("ev/actor:volunteers")
    assert tables.claims.set_index("quote").loc["About 900", "unit"] == "tickets"
    assert quantity_of(tables, "1,100") == "ev:camp_size"  # "there" in the question is no place


def test_a_camped_label_a_crossing_between_two_countries_and_the_next_thing_said(
    tmp_path: Path,
):
    text = (
        "About 1,800 migrants were camped beside the rail yard on Friday. Some 2,000 migrants "
        "crossed from Nicaragua into Honduras on Sunday at the Las Manos border post, police "
        "said. The organisers said they numbered more than 5,000 and that more people would "
        "join on the road."
    )
    tables = one_article(
        tmp_path,
        text,
        "2030-03-08",
        ("ev", "Migrants camped beside the rail yard of Villa Sur", "2030-03-04"),
    )
    assert quantity_of(tables, "About 1,800 migrants") == "ev:camp_size"
    assert quantity_of(tables, "Some 2,000 migrants") == "ev:camp_size"
    assert quantity_of(tables, "more than 5,000") == "ev:camp_size"


def test_members_deployed_by_a_force_named_before_and_buses_in_a_list(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday. The "
        "National Guard has detained 112 people since Tuesday and deployed about 200 members "
        "around the plaza. The Guard said it now has 300 members there. The club has 400 "
        "members.\n\n- State buses to Las Lomas: 1,950 passengers since Monday.\n\n"
        "The institute says 2,310 people have travelled to Cerro Verde in 51 buses since Friday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "about 200 members").startswith("ev/actor:national_guard")
    assert quantity_of(tables, "300 members").startswith("ev/actor:national_guard")
    assert not quantity_of(tables, "400 members").startswith("ev/actor")
    assert quantity_of(tables, "1,950 passengers").endswith(":detained")
    assert quantity_of(tables, "2,310 people").endswith(":detained")


def test_a_nationality_alone_is_a_part_and_no_basis_is_a_denial_by_the_speaker(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. We have 1,500 Ecuadorians "
        'alone. "The figure of 8,000 does not correspond to reality," the institute said. The '
        'state office said the figure of 4,000 "has no basis".'
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,500 Ecuadorians") == "ev/ecuadorians:caravan_size"
    claims = tables.claims.set_index("quote")
    assert claims.loc["8,000", "statement"] == "denial"
    assert "8,000" not in claims.loc["8,000", "denied_by"]
    assert claims.loc["4,000", "statement"] == "denial"
    assert claims.loc["4,000", "denied_by"] == "The state office"


def test_a_death_toll_in_words_counts_the_dead_and_a_toll_booth_does_not(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A pickup hit walkers "
        "near Las Lomas on Tuesday. The toll rose to three on Sunday, when a woman died in "
        "hospital. About 180 were detained at the Cerro Verde toll booth."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "three").startswith("ev:dead")
    assert quantity_of(tables, "About 180").endswith(":detained")


def test_arrests_and_deportations_away_from_the_border_are_no_border_statistic(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Police have arrested 11 "
        "people for migrant smuggling since Sunday. The institute deported 64 people to "
        "Honduras on Tuesday. Agents arrested 300 people near the border in March."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "11 people").startswith("ev:")
    assert quantity_of(tables, "64 people").startswith("ev:")
    near_the_border = {
        "unit": "people",
        "per": "",
        "period": "2030-03",
        "sentence": "Agents arrested 300 people near the border in March.",
    }
    assert group.measure_of(near_the_border) == "border_apprehensions_month"
    smuggling = {**near_the_border, "sentence": "Police arrested 300 people for smuggling."}
    assert not group.measure_of(smuggling).startswith("border_")


def test_a_capacity_after_its_word_and_a_shelter_named_by_its_pronoun(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday.\n\n"
        "- Casa del Caminante (parish of San José): 410 guests on Monday night; capacity 150.\n\n"
        "Our parish house of San Roque, meant for 120, held 300 on Monday. Last night it held "
        "180. The Albergue Manos said it still housed 470 people on Sunday night."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "150").endswith(":capacity")
    assert quantity_of(tables, "180") == quantity_of(tables, "300")
    assert quantity_of(tables, "470 people").startswith("ev/shelter:albergue_manos")


def test_a_building_for_a_number_is_a_capacity_and_buses_that_took_people_moved_them(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Wednesday the Casa "
        "Esperanza shelter had 410 people, in a building for 120. On Thursday the state buses "
        "took 320 people to Las Lomas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "120").endswith(":capacity")
    assert quantity_of(tables, "320 people").endswith(":detained")


def test_a_figure_right_after_expects_is_a_forecast(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute expects "
        "fewer than 200 to remain by the weekend. More than expected, 1,500 people walked on."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["fewer than 200", "statement"] == "forecast"
    assert claims.loc["1,500 people", "statement"] == "observation"


def test_a_sidebar_of_figures_by_nationality_and_people_treated(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday.\n\n"
        "The numbers:\n\n"
        "1,730 — people counted in the camp by the census on Friday.\n"
        "690 — Venezuelans in that census, the largest group.\n"
        "480 — Hondurans.\n"
        "46 — people treated by the Red Cross during the storm.\n"
        "About 280 — kilometres of mountain road to Las Lomas.\n"
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "480") == "ev/hondurans:camp_size"
    assert quantity_of(tables, "690") == "ev/venezuelans:camp_size"
    assert quantity_of(tables, "46").startswith("ev:injured")
    assert tables.claims.set_index("quote").loc["About 280", "unit"] == "km"


def test_a_communique_s_entries_detentions_injured_agents_and_refugee_requests(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday, at the border "
        "post, the institute registered the regular entry of 1,460 persons. The police proceeded "
        "to the detention of 142 persons on Wednesday. Eleven agents of the PNC suffered "
        "injuries. A total of 23 persons have requested recognition of refugee status."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,460 persons").endswith(":arrived")
    assert quantity_of(tables, "142 persons").endswith(":detained")
    assert quantity_of(tables, "Eleven agents").startswith("ev/actor:agents:pnc:injured")
    assert quantity_of(tables, "23 persons").endswith(":asylum_applied")


def test_a_fact_check_s_negated_figure_and_a_rating_of_false_are_denials(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday. OUR RATING: "
        "FALSE. Ten thousand migrants are not camped in Villa Sur, and never were. The video "
        "that claimed 9,000 migrants in town is still going around, although fact-checkers "
        "rated it false on Monday. About 300 people are not allowed to enter."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    claims = tables.claims.set_index("quote")
    assert claims.loc["Ten thousand migrants", "statement"] == "denial"
    assert claims.loc["9,000 migrants", "statement"] == "denial"
    assert claims.loc["9,000 migrants", "denied_by"] == "fact-checkers"
    assert claims.loc["About 300 people", "statement"] == "observation"


def test_a_bare_number_after_a_capacity_is_no_capacity(tmp_path: Path):
    text = (
        "About 1,200 people were camped at the port of entry in Villa Sur on Monday. The city "
        "reports 240 people at the Casa del Migrante San Felipe, which was built for 150, and "
        "about 330 in the municipal gym, which opened last night as an emergency shelter."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "150").endswith(":capacity")
    assert not quantity_of(tables, "about 330").endswith(":capacity")


def test_a_named_shelter_listed_after_a_colon_is_one_shelter_not_the_total(tmp_path: Path):
    text = (
        "The city reports 640 people in the shelters this morning: 240 at the Casa del Migrante "
        "San Felipe and 400 at the Betesda church hall."
    )
    tables = one_article(
        tmp_path, text, "2030-03-08", ("ev", "Shelters of Villa Sur", "2030-03-04")
    )
    assert quantity_of(tables, "640 people") == "ev:shelter_size"
    assert quantity_of(tables, "240").startswith("ev/shelter:casa_del_migrante_san_felipe")


def test_an_answer_takes_its_measure_from_the_question(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\n"
        "Q: How many people has the Red Cross treated so far?\n\nA: Since Sunday, 140 people.\n\n"
        "Q: How many were taken to the hospital?\n\nA: Nine.\n\n"
        "Q: How many are still walking?\n\nA: About 1,500."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "140 people").startswith("ev:injured")
    assert quantity_of(tables, "About 1,500") == "ev:caravan_size"


def test_people_who_would_continue_are_a_forecast(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Organisers said about 800 "
        "people would continue toward Las Lomas on Sunday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert tables.claims.set_index("quote").loc["about 800 people", "statement"] == "forecast"


def test_a_nationality_among_those_still_there_is_a_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. About 120 Venezuelans "
        "were among those still at the site on Friday, according to the organisers."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 120 Venezuelans") == "ev/venezuelans:caravan_size"


def test_people_registered_at_a_border_post_arrived(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute said it had "
        "registered 2,140 people at the post by 6 p.m. The shelter registered 300 people at its "
        "door."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "2,140 people").endswith(":arrived")
    assert not quantity_of(tables, "300 people").endswith(":arrived")


def test_the_part_just_before_its_verb_is_the_subject(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The organizers said about "
        "600 of the travelers are children and that Nicaraguans alone number some 700."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "some 700") == "ev/nicaraguans:caravan_size"


def test_people_who_arrived_at_a_reception_station_are_arrivals(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The service said 1,020 "
        "people arrived at its Cerro Verde reception station on Monday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,020 people").endswith(":arrived")


def test_a_group_a_day_behind_and_people_on_the_roofs_of_the_wagons(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\n"
        "ORTIZ: And the Salvadoran group that was a day behind?\n\n"
        "SALGADO: They are down to about 200, and most say they will take the buses.\n\n"
        "Railway police counted 380 people on the roofs of the wagons when it pulled in."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 200").startswith("ev/other:")
    assert quantity_of(tables, "380 people").startswith("ev/other:freight_train")


def test_a_census_row_labelled_by_its_country_and_a_capacity_that_is_stated(tmp_path: Path):
    text = (
        "About 3,000 people were camped at the port of entry in Villa Sur on Monday.\n\n"
        "Nationality      People\n"
        "Venezuela         1,510\n"
        "Honduras            880\n\n"
        "Q: How full did the shelter get?\n\n"
        "A: Our capacity is 1,000. On Saturday night we had 1,180 people sleeping here.\n\n"
        "Most were sent back to Honduras, 300 people in all."
    )
    tables = one_article(tmp_path, text, "2030-03-08", CAMP)
    assert quantity_of(tables, "1,510") == "ev/venezuelans:camp_size"
    assert quantity_of(tables, "880") == "ev/hondurans:camp_size"
    assert quantity_of(tables, "1,000").endswith(":capacity")
    assert "hondurans" not in quantity_of(tables, "300 people")


def test_people_found_in_minibuses_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. In the early hours of "
        "today, agents located 87 foreign persons travelling in four minibuses on the Siltepec "
        "road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "87 foreign persons").startswith("ev/other:")


def test_a_denial_pointing_back_denies_the_figure_before_it(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Our producer asks about "
        "the 12,000. The INM called that figure false on Saturday. Police counted 1,800 people "
        "on Sunday. Honduras denied that the group was forming."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["12,000", "statement"] == "denial"
    assert claims.loc["12,000", "denied_by"] == "The INM"
    assert claims.loc["1,800 people", "statement"] == "observation"


def test_a_group_named_in_the_sentence_before_is_the_group_counted(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Cubans who are "
        "waiting for papers decided to follow a day later. About 400 slept in the square last "
        "night.\n\nThe main column has left the river town. Police counted 1,700 walkers on "
        "the road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 400").startswith("ev/other:")
    # "the main column" names the main group, not another one
    assert quantity_of(tables, "1,700 walkers") == quantity_of(tables, "About 2,000 migrants")


def test_a_table_row_counts_what_the_heading_of_its_table_names(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\n"
        "2. DETENTIONS AT THE RIVER CHECKPOINT, 4 MARCH\n\n"
        "   Category      Persons\n   Men               120\n   Women              50\n"
        "   Total             170\n\n"
        "3. RETURNS BY BUS (CUMULATIVE)\n\n"
        "   Date          Persons\n   5 March            90\n   6 March           140\n\n"
        "Table 4. Border Patrol apprehensions, Rio sector (monthly data)\n\n"
        "   Month         Apprehensions\n   February 2030     19,700\n"
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    total = quantity_of(tables, "170")
    assert total.startswith("ev:") and total.endswith("detained")
    men = quantity_of(tables, "120")
    assert men.startswith("ev/men") and men.endswith("detained")
    assert quantity_of(tables, "90").endswith("returned")
    assert quantity_of(tables, "90") == quantity_of(tables, "140")  # a series of returns
    assert "border_apprehensions_month" in quantity_of(tables, "19,700")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_people_moved_on_buses_killed_hospitalised_or_arrived_are_those_measures(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. The state "
        "has moved more than 900 people to Monterrey on its buses since Monday. The city offered "
        "free buses to shelters in other states, and 410 people had accepted by Tuesday. Four "
        "were taken to Riverton General Hospital. A truck overturned on the highway, killing two "
        "passengers. The shelter network said 700 people had arrived in Puerto Azul since 1 May."
    )
    event = ("cam", "Riverton plaza camp", "2030-05-06")
    tables = one_article(tmp_path, text, "2030-05-08", event)
    assert quantity_of(tables, "more than 900 people") == "cam:detained"
    assert quantity_of(tables, "410 people") == "cam:detained"
    assert quantity_of(tables, "Four").startswith("cam:hospitalised")  # an incident: its day
    assert ":dead" in quantity_of(tables, "two passengers")
    assert ":arrived" in quantity_of(tables, "700 people")
    assert quantity_of(tables, "About 2,000 migrants") == "cam:camp_size"


def test_people_found_in_a_vehicle_are_a_group_only_when_their_own_words_say_so(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Agents found 131 migrants "
        "crammed into the trailer of a truck at the river checkpoint. The caravan of 1,900 filed "
        "past the checkpoint on Tuesday, hours after agents had found 40 people in a van there. "
        "Agents carried out the inspection of a tractor-trailer at the height of the town of "
        "Santa Rosa, on the coastal highway, in whose box travelled 112 persons. Agents located "
        "87 persons travelling in four minibuses on the mountain road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "131 migrants") != main
    assert quantity_of(tables, "1,900") == main
    assert quantity_of(tables, "112 persons") != main
    assert quantity_of(tables, "87 persons") != main


def test_a_vague_count_is_the_main_group_when_the_sentence_before_names_it(tmp_path: Path):
    text = (
        "The benches of the park were still wet when the first walkers of the caravan stood up "
        "at dawn. Several hundred people had spent the night there.\n\nCaravans have formed "
        "several times a year. Tens of thousands of migrants cross the jungle every year."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Several hundred people") == "ev:caravan_size"
    # caravans in general name no main group
    assert "unspecified" in quantity_of(tables, "Tens of thousands of migrants")


def test_a_row_of_a_table_with_bars_is_the_part_its_nationality_names(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday.\n\n"
        "Nationality | People\nMexican | 1,480\nHaitian | 520\n"
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "1,480").startswith("cam/mexicans")
    assert quantity_of(tables, "520").startswith("cam/haitians")


def test_a_name_cut_by_the_reach_of_a_figure_s_words_is_read_whole(tmp_path: Path):
    # the 90 characters after the figure end inside "Costa Rica", a country, not a town
    text = (
        "About 2,000 migrants heading home after failing to reach the United States were stuck "
        "on Wednesday at Costa Rica's southern border."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_people_who_stayed_instead_of_walking_on_are_another_group(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday the fire "
        "brigade counted 310 people from the caravan who stayed in Villa Norte instead of "
        "walking on. Q: How many are left in town? A: Fewer than 150."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "310 people") != main
    assert quantity_of(tables, "Fewer than 150") != main


def test_a_fact_check_verdict_line_denies_the_claim_it_follows(tmp_path: Path):
    text = (
        "FACT CHECK: two viral claims about the caravan\n\n"
        'CLAIM: "15,000 migrants are walking with the caravan."\nRATING: FALSE.\n'
        "Police counted about 1,800 people on Sunday.\n\n"
        'CLAIM: "Nobody has been detained."\nVerdict: true. Police detained 40 people.\n'
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["15,000 migrants", "statement"] == "denial"
    assert claims.loc["about 1,800 people", "statement"] == "observation"
    assert claims.loc["40 people", "statement"] == "observation"
    assert "RATING: FALSE." in set(tables.denials["sentence"])


def test_bodies_recovered_are_the_dead_and_a_sidebar_line_of_people_carried_is_moved(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. Civil "
        "protection recovered two bodies downstream of the bridge on Tuesday.\n\n"
        "By the numbers\n- 2,310: people the state had carried to Monterrey by Thursday.\n"
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert ":dead" in quantity_of(tables, "two bodies")
    assert quantity_of(tables, "2,310") == "cam:detained"


def test_people_put_on_the_buses_named_in_the_sentence_before_are_moved(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday.\n\n"
        "The first state buses left the plaza on Friday afternoon. The migration council said "
        "320 people boarded them on the first day.\n\n"
        "The buses. More than 1,000 people went to Sabinas between Thursday and Sunday.\n\n"
        "The mayor visited the plaza. Police counted 1,500 people there on Sunday.\n\n"
        "The state offered free buses to shelters in Monclova, 60 km away, on Monday. By evening "
        "180 people had boarded, an official said."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "320 people") == "cam:detained"
    assert quantity_of(tables, "180 people").startswith("cam:detained")
    assert quantity_of(tables, "More than 1,000 people") == "cam:detained"
    assert quantity_of(tables, "1,500 people") == "cam:camp_size"


def test_a_hall_with_room_for_some_or_sheltering_people_is_a_shelter_of_its_own(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The town's auditorium, "
        "which has room for 800, held 430 people on Tuesday night. A parish in Puerto Azul was "
        "already sheltering 35 Hondurans. The state will run buses with room for up to 600 "
        "people a day. The mayor is preparing for up to 2,000 people when the walkers arrive."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "430 people").startswith("ev/shelter:")
    assert quantity_of(tables, "35 Hondurans").startswith("ev/shelter:")
    claims = tables.claims.set_index("quote")
    assert claims.loc["up to 2,000 people", "statement"] == "forecast"
    assert main == "ev:caravan_size"


def test_a_vague_count_placed_where_the_main_group_is_is_the_main_group(tmp_path: Path):
    text = (
        "About 2,000 migrants were on the beach in Riverton on Monday.\n\nA storm strands "
        "thousands in Riverton. Hundreds of people are waiting in Puerto Azul."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton beach camp", "2030-05-06"))
    assert quantity_of(tables, "thousands") == "cam:camp_size"
    assert quantity_of(tables, "Hundreds of people") != "cam:camp_size"


def test_putting_a_nationality_at_a_number_sizes_that_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The organiser puts the "
        "Cubans alone at about 1,500. Police put the caravan at about 1,900."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 1,500").startswith("ev/cubans")
    assert quantity_of(tables, "about 1,900") == "ev:caravan_size"


def test_a_bare_answer_to_how_many_of_a_part_is_that_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\nQ: And how many of "
        "those are children?\nA: Close to 700.\n\nA councillor asked how many unaccompanied "
        "minors travel with the caravan. The DIF had identified 38 and would take them in."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Close to 700").startswith("ev/minors")
    assert quantity_of(tables, "38").startswith("ev/unaccompanied_minors")


def test_a_denied_figure_repeated_later_in_the_article_is_denied_again(tmp_path: Path):
    text = (
        'CLAIM: "15,000 migrants are walking with the caravan."\nRATING: FALSE.\n'
        "Police counted about 1,800 people on Sunday. The post with the 15,000 figure has been "
        "shared 20,000 times."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["15,000", "statement"] == "denial"
    assert claims.loc["about 1,800 people", "statement"] == "observation"


def test_a_count_of_shelters_does_not_cut_the_words_of_the_people_in_them(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. The "
        "city's census found 3,260 people in its 14 shelters."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "3,260 people").startswith("cam/shelter:")


def test_people_camped_are_the_camp_and_the_rest_of_the_column_is_the_caravan(
    tmp_path: Path,
):
    camp = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. Officials "
        "opened a gym as an emergency shelter after rain soaked thousands of migrants camped "
        "outside the plaza."
    )
    tables = one_article(tmp_path, camp, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "thousands of migrants") == "cam:camp_size"
    caravan = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The rest of the column, "
        "about 850 people, reached Puerto Azul and camped on the grounds of the stadium."
    )
    (tmp_path / "c").mkdir()
    tables = one_article(tmp_path / "c", caravan, "2030-03-08")
    assert quantity_of(tables, "about 850 people") == "ev:caravan_size"


def test_a_group_that_separated_from_the_caravan_and_a_hall_that_sheltered_some(
    tmp_path: Path,
):
    text = (
        "The walkers of the caravan reached our doors on Friday. Our parish hall was built for "
        "200 people. On Friday night it sheltered 540. A group of about 300 persons separated "
        "from the contingent and boarded buses. The caravan counted about 2,000 migrants."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "about 2,000 migrants")
    assert quantity_of(tables, "about 300 persons") != main
    assert quantity_of(tables, "540").startswith("ev/shelter:")


def test_a_figure_for_the_whole_country_is_not_the_event_s_group(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. The "
        "refugee office took 640 applications from the plaza. Nationally, it received about "
        "8,600 in February, up from roughly 7,100 in January."
    )
    tables = one_article(tmp_path, text, "2030-03-08", ("cam", "Riverton plaza camp", "2030-03-02"))
    national = quantity_of(tables, "about 8,600")
    assert national.startswith("cam/other:national")
    assert quantity_of(tables, "roughly 7,100") == national


def test_a_count_said_to_be_on_the_state_s_buses_is_moved(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. More than "
        "600 since Tuesday morning, on the state's buses."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "More than 600") == "cam:detained"


def test_people_the_buses_could_carry_are_moved(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday. The state "
        "said it would start running free buses to Monterrey on Thursday and could move up to "
        "600 people on the first day."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "up to 600 people") == "cam:detained"


def test_people_who_do_it_every_year_are_no_group_of_the_event(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Tens of thousands of "
        "Hondurans leave the country every year without any caravan at all."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert "unspecified" in quantity_of(tables, "Tens of thousands of Hondurans")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_people_taken_asking_for_refuge_or_to_be_moved_are_those_measures(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Police detained 74 at "
        "the checkpoint. The organisers said more than 200 had been taken. Only 14 have asked "
        "for refuge in the country. The state expects to move about 500 people on the first day."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":detained" in quantity_of(tables, "more than 200")
    assert quantity_of(tables, "14") == "ev:asylum_applied"
    assert ":detained" in quantity_of(tables, "about 500 people")


def test_a_vague_count_after_there_were_or_it_was_is_the_main_group(tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the bridge in Riverton on Monday.\n\n"
        "Q: How does it compare?\nA: A week ago it was several thousand. On Tuesday, when we "
        "first came here, there were several hundred."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "several thousand") == "cam:camp_size"
    assert quantity_of(tables, "several hundred") == "cam:camp_size"


def test_an_incident_recalled_without_its_day_is_the_incident_dated_before(tmp_path: Path):
    from test_places import VILLA_NORTE, one_event

    articles = {
        "a1": ("2030-03-05", "Two migrants died on Monday when a truck overturned near Villa "
               "Norte."),
        "a2": ("2030-03-09", "The caravan reached Cerro Verde. Two walkers dead and three "
               "people dead in another crash: that is what the trek has cost."),
    }  # fmt: skip
    tables = one_event(tmp_path, VILLA_NORTE, articles)
    recalled, other = quantity_of(tables, "Two walkers"), quantity_of(tables, "three people")
    assert recalled == quantity_of(tables, "Two migrants") == "ev:dead:2030-03-04"
    assert other == "ev:dead:2030-03-09"  # no dated incident with its number: its own


def test_a_group_named_by_the_town_it_left_is_another_group(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A group of about 300 "
        "people who left Santa Rita on Tuesday walked into town behind it. On Thursday the "
        "Santa Rita group, by now fewer than 200 people, reached the river. About 150 stay "
        "behind in Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    santa_rita = quantity_of(tables, "about 300 people")
    assert santa_rita != main and santa_rita == quantity_of(tables, "fewer than 200 people")
    assert quantity_of(tables, "About 150") not in {main, santa_rita}


def test_measures_named_by_their_own_clause_and_by_new_cue_words(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Three migrants were "
        "killed and 22 were injured when a truck overturned on Tuesday. The state said it "
        "expected about 800 people to accept its offer of buses. Since Thursday 63 people in "
        "the caravan have come down with fever. Derailment kills 4 caravan migrants."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":dead" in quantity_of(tables, "Three migrants")
    assert ":injured" in quantity_of(tables, "22")
    assert ":detained" in quantity_of(tables, "about 800 people")  # moved, as buses are counted
    assert ":injured" in quantity_of(tables, "63 people")
    assert ":dead" in quantity_of(tables, "4 caravan migrants")


def test_one_site_of_a_citys_shelters_is_not_their_combined_population(tmp_path: Path):
    shelters = (
        "sh",
        "Combined population of Villa Norte's shelters (the Casa Lumbre church shelter and "
        "the municipal gymnasium), March 2030",
        "2030-03-04",
    )
    text = (
        "The city counted 1,640 people on Wednesday night across the three sites it runs: the "
        "gymnasium, Casa Lumbre and the plaza. The gymnasium, which can take 1,050 people on "
        "cots, held 720 on Wednesday. At Casa Lumbre, which has 160 beds, the priest said 290 "
        "people slept there. The plaza held about 630."
    )
    tables = one_article(tmp_path, text, "2030-03-08", shelters)
    combined = quantity_of(tables, "1,640 people")
    assert combined == "sh:shelter_size"
    sites = {quantity_of(tables, q) for q in ("720", "290 people", "about 630")}
    assert combined not in sites and len(sites) == 3


def test_each_figure_of_a_list_of_sites_counts_the_site_named_after_it(tmp_path: Path):
    """ "520 people at the Casa Lumbre in Norte Alto, 310 at the Refugio San Blas ...": each
    site is its own shelter, not the first place the sentence names, and the city's total
    stays the main group's."""
    text = (
        "The city's shelters held 1,100 people on Wednesday night, the welfare office said. "
        "Its count found 520 people at the Casa Lumbre in Norte Alto, 310 at the Refugio San "
        "Blas in the old market district and 270 at the Hogar Santa Rita in Las Lomas."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    sites = [quantity_of(tables, q) for q in ("520 people", "310", "270")]
    assert sites == [
        "sh/shelter:casa_lumbre:shelter_size",
        "sh/shelter:refugio_san_blas:shelter_size",
        "sh/shelter:hogar_santa_rita:shelter_size",
    ]
    assert quantity_of(tables, "1,100 people") == "sh:shelter_size"


def test_a_bare_figure_a_number_of_people_reaches_counts_those_people():
    from caravan_claims.extract import extract_text

    text = (
        "The number of migrants in the shelters has almost tripled since the authorities "
        "suspended asylum appointments on Monday, reaching 3,180 on Friday."
    )
    claims, _ = extract_text(text, "a")
    assert [(c.quote, c.unit) for c in claims] == [("3,180", "people")]


def test_an_interview_answer_counts_the_site_its_question_asks_about(tmp_path: Path):
    text = (
        "The city's shelters held about 2,300 people on Friday.\n\n"
        "How many people are sleeping at the Refugio tonight?\n\n"
        "412. I count them at the door myself.\n\n"
        "In a house built for how many?\n\n"
        "For 150.\n\n"
        "And the municipal gym?\n\n"
        "About 560 tonight.\n\n"
        "And the bridge?\n\n"
        "About 90 tonight."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    combined = quantity_of(tables, "about 2,300 people")
    assert quantity_of(tables, "412") == "sh/shelter:refugio:shelter_size"
    assert quantity_of(tables, "150").endswith(":capacity")
    assert quantity_of(tables, "About 560") == "sh/shelter:municipal_gym:shelter_size"
    assert "shelter:" not in quantity_of(tables, "About 90")  # a bridge is no shelter
    assert combined == "sh:shelter_size"


def test_the_shelters_together_whatever_is_named_between(tmp_path: Path):
    text = (
        "The number of migrants in Villa Norte's shelters has almost tripled since the U.S. "
        "suspended appointments at the Cerro Verde crossing on Monday, reaching 3,180 on Friday. "
        "The city's three shelters, the Casa Lumbre, the Albergue San Roque and the municipal "
        "gym, had held about 800 people between them a week earlier."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "3,180") == "sh:shelter_size"
    assert quantity_of(tables, "about 800 people") == "sh:shelter_size"


def test_a_list_items_label_before_its_figure_names_the_part(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Census of Tuesday: "
        "Hondurans 1,380; Salvadorans who joined at the border 420; Venezuelans from Caracas "
        "and the south 200; Haitians 150. "
        "Minors: 640, of whom 85 travel alone."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,380").startswith("ev/hondurans")
    assert quantity_of(tables, "420").startswith("ev/salvadorans")
    assert quantity_of(tables, "200").startswith("ev/venezuelans")
    assert quantity_of(tables, "150").startswith("ev/haitians")
    assert quantity_of(tables, "640").startswith("ev/minors")


def test_a_group_introduced_in_the_sentence_before_and_placed_on_its_route(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. They are not the first "
        "this year. A group that left the same square earlier has reached Saltillo. About 600 "
        "people are still together there."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 600 people") == "ev/other:saltillo:caravan_size"


def test_a_records_baseline_year_is_not_the_figures_period():
    import pandas as pd

    from caravan_claims.extract import extract_corpus

    text = (
        "In March, agents of the Del Rio Sector made 12,418 apprehensions, the highest monthly "
        "total in the sector since 2031."
    )
    corpus = pd.DataFrame(
        [{"article_id": "a", "text": text, "outlet": "", "date_precision": "day",
          "published": pd.Timestamp("2033-04-05")}]
    )  # fmt: skip
    claims, _ = extract_corpus(corpus)
    assert claims.loc[0, "period"] == "2033-03"


def test_a_border_figure_repeating_a_named_sectors_figure_is_that_sectors(tmp_path: Path):
    from test_places import VILLA_NORTE, one_event

    articles = {
        "a1": ("2030-10-10", "The caravan of about 2,000 people reached Villa Norte. Border "
               "Patrol agents in the Rio Grande Valley sector made about 9,700 apprehensions in "
               "September, agency data show."),
        "a2": ("2030-10-12", "The caravan rested in Villa Norte. Across the river, the Border "
               "Patrol made about 9,700 apprehensions in September alone."),
    }  # fmt: skip
    tables = one_event(tmp_path, VILLA_NORTE, articles)
    claims = tables.claims[tables.claims["quote"].str.startswith("about 9,700")]
    quantities = tables.quantities.set_index("claim_id").loc[claims["claim_id"], "quantity_id"]
    assert quantities.nunique() == 1 and "rio_grande_valley_sector" in quantities.iloc[0]


def test_a_bare_count_after_a_sentence_about_a_sub_population_counts_it(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Children are a large "
        "share of it. The family agency counted more than 700 on Thursday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "more than 700").startswith("ev/minors")


def test_a_days_detentions_told_with_and_without_their_place_are_one_incident(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday the institute "
        "detained 180 people at its Cerro Verde checkpoint. The organisers said more than 300 "
        "had been detained on Tuesday. On Thursday agents detained 45 people at Las Lomas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    checkpoint = quantity_of(tables, "180 people")
    assert "cerro_verde" in checkpoint and quantity_of(tables, "more than 300") == checkpoint
    assert quantity_of(tables, "45 people") != checkpoint  # another day, another place


def test_a_place_named_short_and_in_full_is_one_place_of_detention(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday agents "
        "detained 214 people at the Cerro Verde checkpoint. The institute told the court it "
        "detained 214 foreign nationals at Cerro Verde on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "214 people") == quantity_of(tables, "214 foreign nationals")


def test_answers_about_the_house_and_about_a_group_that_went_elsewhere(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\n"
        "Q: Sister, how many people slept in the house last night?\n"
        "A: We counted 240.\n\n"
        "Q: What about the group that went toward Puerto Barrios?\n"
        "A: Our colleagues say about 250 are at the bus terminal there this morning."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert "shelter:" in quantity_of(tables, "240")
    assert quantity_of(tables, "about 250") == "ev/other:puerto_barrios:caravan_size"


def test_people_on_buses_named_in_the_sentence_or_question_before(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\n"
        "RAMÓN: The state sent buses, twenty of them, to the state line. By Thursday night about "
        "600 people had climbed aboard.\n\n"
        "Q: Are the buses to Cerro Verde making a difference?\n"
        "A: They have carried more than 1,100 people since Tuesday.\n\n"
        "The buses take people to shelters inland. By Friday about 1,300 people had travelled on "
        "them. The gym could hold 500."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ("about 600 people", "more than 1,100 people", "about 1,300 people"):
        assert quantity_of(tables, quote).endswith(":detained"), quote
    assert quantity_of(tables, "500").endswith(":capacity")


def test_taken_to_the_towns_hospital_counts_the_hospitalised(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Red Cross said it had "
        "treated 38 people for heat exhaustion since Sunday, and that nine of them had been "
        "taken to the town's general hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "nine").startswith("ev:hospitalised")


def test_a_caravan_in_a_shelter_event_is_another_group(tmp_path: Path):
    text = (
        "The city's shelters held about 2,300 people on Friday. The INM denied reports of a "
        "caravan of 15,000 people heading for the city."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "about 2,300 people") == "sh:shelter_size"
    assert quantity_of(tables, "15,000 people").startswith("sh/other:caravan")


def test_a_small_number_of_dead_in_words_and_a_rising_toll_of_one_incident(tmp_path: Path):
    from caravan_claims.extract import extract_text

    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Two die as a truck "
        "overturns near Las Lomas on Tuesday. The toll rose to three on Sunday, when a woman died "
        "in hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-11")
    incident = quantity_of(tables, "Two")
    assert incident == "ev:dead:2030-03-05"
    assert quantity_of(tables, "three") == incident
    claims, _ = extract_text("Senafront has confirmed four dead; it first spoke of three.", "a")
    assert [c.quote for c in claims] == ["four"]


def test_a_site_said_to_hold_people_and_arrivals_registered_at_the_door(tmp_path: Path):
    text = (
        "The city's shelters held about 2,300 people on Friday.\n\n"
        "Q: The municipality says the gym holds 1,100 people this morning.\n"
        "A: Since Sunday we have registered 1,540 people at the door."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "1,100 people") == "sh/shelter:gym:shelter_size"
    assert quantity_of(tables, "1,540 people").startswith("sh:arrived")


def test_people_from_the_caravan_still_in_a_town_are_left_behind(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Here in Villa Norte, some "
        "150 people from the caravan are still in the central park, down from about 400 on "
        "Wednesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    left = quantity_of(tables, "some 150 people")
    assert left != quantity_of(tables, "About 2,000 migrants")
    assert left == quantity_of(tables, "about 400")


def test_put_the_number_at_after_a_sentence_that_counts_the_caravan(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A second group of about "
        "400 walked behind it. In Cerro Verde, civil protection counted the caravan members who "
        "had reached the city by Thursday night. It put the number at 1,350."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,350") == quantity_of(tables, "About 2,000 migrants")


def test_a_second_caravan_denied_in_a_clause_of_its_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The government calls a "
        "figure of 8,000 migrants false, and Honduras denies that a second caravan of 6,000 is "
        "forming."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "8,000 migrants") == quantity_of(tables, "About 2,000 migrants")
    assert "second" in quantity_of(tables, "6,000")


def test_a_forecast_of_the_population_is_the_camps(tmp_path: Path):
    camp = ("cp", "Camp at the Villa Norte bridge, March 2030", "2030-03-04")
    text = (
        "About 2,000 migrants were camped at the bridge on Monday. If the cap holds, we expect "
        "the population to pass 8,000 by Sunday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", camp)
    assert quantity_of(tables, "8,000") == quantity_of(tables, "About 2,000 migrants")


def test_places_in_a_shelter_are_its_capacity(tmp_path: Path):
    text = (
        "The Casa Lumbre, with 250 places, registered 590 persons. The shelters, which have 1,500 "
        "places between them, would then be full."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "250 places").endswith(":capacity")
    assert quantity_of(tables, "1,500 places").endswith(":capacity")


def test_it_held_after_a_named_shelters_capacity_is_that_shelter(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The largest shelter, the "
        "Casa Lumbre, was built for 250 people. It held 610 on Wednesday, its director said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "610") == "ev/shelter:casa_lumbre:shelter_size"
    text = text.replace("It held 610 on Wednesday", "On Wednesday night it held 610")
    (tmp_path / "a time first").mkdir()
    tables = one_article(tmp_path / "a time first", text, "2030-03-08")
    assert quantity_of(tables, "610") == "ev/shelter:casa_lumbre:shelter_size"


def test_now_there_are_continues_a_count_of_actors(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. In March the shelter had "
        "25 volunteers; now there are 60, and it still isn't enough."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "60") == quantity_of(tables, "25 volunteers")


def test_people_sleeping_in_the_street_are_not_in_the_shelters(tmp_path: Path):
    text = (
        "The city's shelters held about 2,300 people on Friday. Municipal staff counted about "
        "200 people sleeping on the pavement along the canal that night."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "about 2,300 people") == "sh:shelter_size"
    assert quantity_of(tables, "about 200 people").startswith("sh/other:street")


def test_one_report_of_a_number_that_changed_is_a_series_dated_a_week_apart(tmp_path: Path):
    text = (
        "About 900 migrants waited in the plaza by the Riverton port of entry on Tuesday. In "
        "Fairview, the Casa Alba respite center received about 70 people released by the Border "
        "Patrol on Wednesday, up from 25 on the same day last week."
    )
    tables = one_article(tmp_path, text, "2030-05-09", ("cam", "Riverton plaza camp", "2030-05-06"))
    respite = quantity_of(tables, "about 70 people")
    assert respite == quantity_of(tables, "25")
    assert quantity_field(tables, "25", "as_of") == "2030-05-01"  # the Wednesday a week before
    row = tables.reconciled.set_index("quantity_id").loc[respite]
    assert row["status"] == "series" and row["estimate"] == 70


WAITING = ("wt", "Migrants waiting in Riverton for appointments at the port of entry", "2030-05-06")


def test_people_waiting_in_a_city_whose_coverage_counts_its_shelters_are_the_shelters(
    tmp_path: Path,
):
    text = (
        "Riverton's three shelters held 1,400 people on Monday, the city said. On Wednesday the "
        "shelters held about 1,700, and the city's migrant office expects them to reach 2,000 "
        "people by the weekend."
    )
    tables = one_article(tmp_path, text, "2030-05-08", WAITING)
    assert quantity_of(tables, "1,400 people") == "wt:shelter_size"
    assert quantity_of(tables, "about 1,700") == "wt:shelter_size"


def test_people_waiting_in_a_city_whose_coverage_counts_a_camp_stay_a_camp(tmp_path: Path):
    text = (
        "About 1,400 people camped by the port of entry in Riverton on Monday, in 300 tents. "
        "By Wednesday the camp held about 1,700, and one of the city's shelters took in 80."
    )
    tables = one_article(tmp_path, text, "2030-05-08", WAITING)
    assert quantity_of(tables, "About 1,400 people") == "wt:camp_size"


def test_a_comedor_that_feeds_migrants_is_a_site_of_a_citys_shelters(tmp_path: Path):
    text = (
        "Riverton's shelters held 2,400 people on Tuesday, the city said. About 1,180 people "
        "slept at the comedor on Tuesday night."
    )
    event = ("sh", "Combined population of Riverton's shelters, May 2030", "2030-05-06")
    tables = one_article(tmp_path, text, "2030-05-08", event)
    assert quantity_of(tables, "2,400 people") == "sh:shelter_size"
    assert quantity_of(tables, "About 1,180 people") != "sh:shelter_size"


def test_a_bulleted_label_names_the_part_its_figure_counts(tmp_path: Path):
    text = (
        "The municipality reports the following figures for Thursday:\n"
        "• Persons staying in the Riverton plaza camp: 1,720\n"
        "• Minors among them: 530\n"
    )
    tables = one_article(tmp_path, text, "2030-05-10", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "530") == "cam/minors:camp_size"


def test_caravan_members_sleeping_in_a_gym_are_that_shelters_count(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. About 900 people spent "
        "last night at the Unidad Deportiva in Cerro Verde."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 900 people").startswith("ev/shelter:")


def test_people_out_of_the_jungle_arrived_and_an_offer_of_buses_accepted_moves_them(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute said 310 "
        "migrants had accepted its offer of buses to the capital. The border service said 9,640 "
        "migrants had come out of the jungle since July 1."
    )
    tables = one_article(tmp_path, text, "2030-07-08")
    assert quantity_of(tables, "310 migrants").endswith(":detained")
    assert quantity_of(tables, "9,640 migrants").endswith(":arrived")


def test_of_the_186_counts_again_the_186_counted_before(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. At the Cerro Verde "
        "checkpoint, state police detained 186 people on Tuesday. Of the 186, 94 were "
        "Venezuelans and 92 Cubans."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "186") == quantity_of(tables, "186 people")
    assert quantity_of(tables, "186").endswith(":detained")


def test_putting_the_figure_at_reads_again_the_count_before_whatever_follows(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. State police detained "
        "186 people at the Cerro Verde checkpoint on Tuesday. Organizers put the figure at more "
        "than 300 and accused officers of pulling families off the road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "more than 300") == quantity_of(tables, "186 people")


def test_people_walking_ahead_of_the_caravan_are_another_group(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Roughly 350 people walked "
        "out of town before dark, half a day ahead of the caravan."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Roughly 350 people") != quantity_of(tables, "About 2,000 migrants")


def test_a_court_ruling_words_for_detention_and_a_future_transfer_by_bus(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The institute stated that "
        'its agents "rescued" 236 foreign persons at the Cerro Verde inspection point. The '
        "complainant maintains that the number of persons deprived of their liberty that day "
        "exceeded 400. The institute reports that 37 remained at the provisional migration "
        "station. It is estimated that at least 900 persons will accept transfer by bus."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ("236 foreign persons", "exceeded 400", "37", "at least 900 persons"):
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_the_total_carried_after_a_sentence_about_the_buses_is_the_people_moved(
    tmp_path: Path,
):
    text = (
        "About 1,700 people stayed in the Riverton plaza camp on Monday. The state government, "
        "which runs the buses, said 655 left on Wednesday. The city's count brings the total "
        "carried to Saltillo and Monterrey to 1,540."
    )
    tables = one_article(tmp_path, text, "2030-05-10", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert quantity_of(tables, "1,540").endswith(":detained")


def test_passengers_who_remain_at_the_hospital_are_hospitalised(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Four people have now died "
        "after the bus crash. Nine passengers remain at the general hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":hospitalised" in quantity_of(tables, "Nine passengers")


def test_people_who_chose_to_stay_named_before_their_count_are_left_behind(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\nNot everyone went. "
        "Families with small children chose to stay in the town's park. About 300 people were "
        "still there on Tuesday, city officials said.\n\nBack in Villa Norte, the people who did "
        "not leave with the caravan have moved into the parish hall. On Wednesday there were 190."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "About 300 people") != main
    assert quantity_of(tables, "190") != main


def test_a_rumoured_caravan_from_a_town_the_caravan_never_was_in_is_another_group(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Is a caravan of 10,000 "
        "people coming from Puerto Azul? The institute said on Friday that no caravan of 5,000 "
        "people had left Cerro Verde, as rumours had claimed. People on WhatsApp say 10,000 more "
        "are leaving Puerto Azul to join us."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "10,000 people") == "ev/other:puerto_azul:caravan_size"
    assert quantity_of(tables, "10,000") == "ev/other:puerto_azul:caravan_size"
    assert quantity_of(tables, "5,000 people") == "ev/other:cerro_verde:caravan_size"


def test_how_many_are_expected_to_arrive_is_a_forecast_of_the_caravan_not_arrivals(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. State officials said on "
        "Sunday that fewer than 400 are expected to arrive in the capital on Wednesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "fewer than 400") == "ev:caravan_size"


def test_one_man_who_died_is_a_toll_of_one_even_after_his_age(tmp_path: Path):
    from caravan_claims.extract import extract_text

    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. One man, a 52-year-old "
        "Honduran, died of heatstroke on Tuesday near Las Lomas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "One man").startswith("ev:dead")
    claims, _ = extract_text("One of the migrants said he was tired. One man drowned.", "a")
    assert [c.quote for c in claims] == ["One man"]


def test_a_man_named_by_an_article_and_his_nationality_is_a_toll_of_one(tmp_path: Path):
    from caravan_claims.extract import extract_text

    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A Honduran man, 52, was "
        "struck and killed by a truck near Las Lomas on Tuesday, police said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "A Honduran man").startswith("ev:dead")
    claims, _ = extract_text(
        "A Honduran man said he was tired. A Nicaraguan woman, 34, died of heat stroke. "
        "One Guatemalan man collapsed and died. A man from the caravan was struck by a truck.",
        "a",
    )
    assert [(c.quote, c.low, c.unit) for c in claims] == [
        ("A Nicaraguan woman", 1, "people"),
        ("34", 34, "age"),
        ("One Guatemalan man", 1, "people"),
    ]


def test_one_person_nouns_are_one_list_for_tolls_ages_and_counted_nouns():
    from caravan_claims.extract import extract_text

    claims, _ = extract_text(
        "A Honduran father was killed on the highway. A driver, 41, was hurt. One passenger "
        "drowned. Two passenger vans and 40 child seats were lost.",
        "a",
    )
    assert [(c.quote, c.low, c.unit) for c in claims] == [
        ("A Honduran father", 1, "people"),
        ("A driver", 1, "people"),
        ("41", 41, "age"),
        ("One passenger", 1, "people"),
        ("Two passenger vans", 2, "vans"),
        ("40 child seats", 40, "seats"),
    ]


def test_the_writers_own_people_are_its_own_actors(tmp_path: Path):
    text = (
        "About 2,000 migrants reached Villa Norte on Monday in a caravan. Six of our staff "
        "handed out water at the plaza, and 40 municipal police watched the road."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Six").startswith("ev/actor:staff:own_")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"


def test_a_count_that_includes_those_in_shelters_is_not_the_shelters_count(tmp_path: Path):
    from caravan_claims.extract import extract_text

    stranded = ("st", "Migrants stranded in Villa Norte after the trains stop", "2030-05-04")
    text = (
        "Civil protection counted about 1,600 migrants in Villa Norte on Tuesday morning, "
        "including those in shelters. On Thursday it counted about 1,900 migrants in the town."
    )
    tables = one_article(tmp_path, text, "2030-05-09", stranded)
    assert quantity_of(tables, "about 1,600 migrants") == quantity_of(
        tables, "about 1,900 migrants"
    )
    claims, _ = extract_text("The La 72 migrant shelter said there were more than 2,200.", "a")
    assert [c.quote for c in claims] == ["more than 2,200"]


def test_families_who_refused_to_go_further_counted_in_the_next_sentence(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\nSince Tuesday, when the "
        "caravan crossed the river, a number of families have refused to go any further and have "
        "stayed in the village. On Friday evening our municipal team counted 380."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    assert quantity_of(tables, "380") != quantity_of(tables, "About 2,000 migrants")


def test_people_sleeping_in_the_open_or_on_cardboard_are_not_in_the_shelters(tmp_path: Path):
    text = (
        "The city's shelters held about 1,480 people on Friday. Outreach brigades located more "
        "than 400 persons sleeping in the open near the bridge. On Sunday police counted about "
        "120 people sleeping on cardboard along the avenue."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    main = quantity_of(tables, "about 1,480 people")
    assert quantity_of(tables, "more than 400 persons") != main
    assert quantity_of(tables, "about 120 people") != main


def test_a_report_line_transported_to_hospital_counts_the_hospitalised(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. A bus carrying caravan "
        "members caught fire on Tuesday.\n\nTransported to hospital: 11.\n"
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":hospitalised" in quantity_of(tables, "11")


def test_where_most_of_a_caravan_camps_and_those_who_stayed_and_free_rides(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday the caravan of "
        "about 2,100 reached Las Lomas. Civil protection counted some 2,600 people in Las Lomas "
        "on Wednesday, most of them camped around the city's park. "
        "The INM said more than 700 people had accepted its free rides to the capital. About "
        "450 people who stayed in Villa Norte to wait for their papers were still there."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "some 2,600 people") == main
    assert quantity_of(tables, "more than 700 people").endswith(":detained")
    assert quantity_of(tables, "About 450 people") != main


def test_people_pulled_from_the_river_are_rescued_not_the_camp(tmp_path: Path):
    camp = ("cam", "Riverbank camp in Riverton after the flood", "2035-07-01")
    text = (
        "About 1,050 people lived in the riverbank camp in Riverton on Monday. Firefighters "
        "pulled 46 people from the river on Monday night, the city said."
    )
    tables = one_article(tmp_path, text, "2035-07-08", camp)
    assert ":rescued" in quantity_of(tables, "46 people")


def test_people_taken_from_the_caravan_and_still_held_there_are_detained(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The ombudsman asked the "
        'court about "about 250 persons" taken from the caravan at the checkpoint. The judge '
        "found 45 persons still held there."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "about 250 persons").endswith(":detained")
    assert quantity_of(tables, "45 persons").endswith(":detained")


def test_some_who_never_left_are_left_behind(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan.\n\nSome never left. About "
        "150 people still sleep in the town's park, waiting for appointments."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    assert quantity_of(tables, "About 150 people") != quantity_of(tables, "About 2,000 migrants")


def test_people_who_did_not_join_the_caravan_or_never_boarded_are_left_behind(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. In Villa Norte, about 300 "
        "persons who did not join the caravan remained near the agency's offices. The parish "
        "still feeds some 180 who never boarded the trucks."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "about 300 persons") != main
    assert quantity_of(tables, "some 180") != main


def test_people_put_on_planes_are_returned_not_the_caravan(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Ninety-six were put on "
        "planes to Puerto Azul on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    assert quantity_of(tables, "Ninety-six") == "ev:returned"


SITE = ("site", "Groups crossing near Villa Norte and the open-air processing site", "2030-05-06")


def test_a_group_that_crossed_as_one_is_not_the_people_at_the_processing_site(tmp_path: Path):
    text = (
        "About 700 people waited at the open-air processing site on Monday. At dawn on Tuesday "
        "a single group of 640 crossed just east of the port, the agency said. Nearly 900 "
        "migrants crossed in one group near Villa Norte on Thursday."
    )
    tables = one_article(tmp_path, text, "2030-05-09", SITE)
    main = quantity_of(tables, "About 700 people")
    assert main == "site:camp_size"
    assert quantity_of(tables, "640") != main
    assert quantity_of(tables, "Nearly 900 migrants") != main


def test_there_after_a_sentence_naming_the_camp_is_the_camp(tmp_path: Path):
    text = (
        "About 700 people waited at the open-air processing site on Monday. Agents counted "
        "880 people in the group, which crossed west of Villa Norte before sunrise.\n\nThe "
        "crossing swelled the processing site in the desert east of town. The agency said "
        "about 1,100 people were there on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-05-09", SITE)
    assert quantity_of(tables, "about 1,100 people") == quantity_of(tables, "About 700 people")


def test_monthly_crossings_into_a_countrys_territory_are_a_border_statistic(tmp_path: Path):
    camp = ("cam", "Migrants waiting in Villa Norte for boats, April 2030", "2030-04-06")
    text = (
        "About 5,200 people were waiting on the beach in Villa Norte on Thursday. The migration "
        "service said 41,300 people crossed the Darién into its territory in March."
    )
    tables = one_article(tmp_path, text, "2030-04-09", camp)
    assert "border_crossings_month" in quantity_of(tables, "41,300 people")


def test_riding_trains_is_the_main_group_when_the_event_is_about_riding_them(tmp_path: Path):
    wave = ("wv", "Wave of migrants riding freight trains north from Villa Norte", "2030-09-07")
    text = (
        "About 2,400 people boarded trains in Villa Norte on Monday, according to civil "
        "protection. The collective, which has been organising the migrants since late August, "
        "says it counted more than 6,000."
    )
    tables = one_article(tmp_path, text, "2030-09-09", wave)
    main = quantity_of(tables, "About 2,400 people")
    assert main == "wv:caravan_size" == quantity_of(tables, "more than 6,000")


def test_people_on_board_a_train_or_on_the_roofs_of_wagons_are_the_train_riders(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Several hundred migrants "
        "from the caravan climbed onto a northbound freight train at the rail yard on Tuesday. "
        "Police said about 300 people were on board when the train pulled out, riding on the "
        "roofs of grain wagons."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    riders = quantity_of(tables, "Several hundred migrants")
    assert riders != quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "about 300 people") == riders


def test_the_number_admitted_and_people_sent_to_hospital_are_hospitalised(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Nine people were taken to "
        "the general hospital that night; by Saturday the number admitted had risen to 11. "
        "Cold night sends eight migrants to hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    assert quantity_of(tables, "11").startswith("ev:hospitalised")
    assert quantity_of(tables, "eight migrants").startswith("ev:hospitalised")


def test_people_pulled_off_the_highway_or_lost_at_a_checkpoint_are_detained(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Organizers said more than "
        "400 of their members had been pulled off the highway and put into vans. Caravan loses "
        "257 at Mexican checkpoint. The INM's coaches took 1,240 people out of Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    main = quantity_of(tables, "About 2,000 migrants")
    for quote in ("more than 400", "257", "1,240 people"):
        assert quantity_of(tables, quote) != main
        assert quantity_of(tables, quote).startswith("ev:detained"), quote


def test_people_who_would_not_go_on_or_took_buses_rather_than_walk_are_apart(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The parish counted 420 "
        "people who decided not to go on with the caravan. In Villa Norte, 180 of those who "
        "stayed are still at the parish. About 280 Cubans bought bus tickets to Puerto Azul "
        "rather than walk."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    main = quantity_of(tables, "About 2,000 migrants")
    for quote in ("420 people", "180", "About 280 Cubans"):
        assert quantity_of(tables, quote) != main, quote


def test_people_taken_for_processing_or_still_held_are_detained(tmp_path: Path):
    camp = ("cam", "Camp on the riverbed at Villa Norte, February 2030", "2030-02-03")
    text = (
        "About 2,000 people were camped on the riverbed on Monday. Border Patrol has taken more "
        "than 1,400 people off the riverbed for processing since Feb. 3. The court asked about "
        "the 83 persons still held."
    )
    tables = one_article(tmp_path, text, "2030-02-09", camp)
    assert quantity_of(tables, "more than 1,400 people").startswith("cam:detained")
    assert quantity_of(tables, "83 persons").startswith("cam:detained")


def test_people_who_forced_their_way_past_the_police_line_are_apart(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Thursday several "
        "hundred migrants forced their way past a line of police at the border crossing. "
        "Police said about 350 people broke through the line."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    main = quantity_of(tables, "About 2,000 migrants")
    assert quantity_of(tables, "several hundred migrants") != main
    assert quantity_of(tables, "about 350 people") != main


def test_an_office_that_gives_a_figure_is_its_source_not_a_place(tmp_path: Path):
    camp = ("cam", "Migrants waiting in Villa Norte for boats, April 2030", "2030-04-06")
    text = (
        "The migration agency counted about 5,200 people waiting in the town on Wednesday. The "
        "mayor's office gave a lower figure of 4,600."
    )
    tables = one_article(tmp_path, text, "2030-04-09", camp)
    assert quantity_of(tables, "4,600") == quantity_of(tables, "about 5,200 people")


def test_the_people_of_a_boat_that_capsized_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday night an "
        "unlicensed boat carrying 31 people overturned off Puerto Azul."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    boat = quantity_of(tables, "31 people")
    assert boat != quantity_of(tables, "About 2,000 migrants") and "boat" in boat


def test_a_rising_count_of_people_in_hospital_is_the_one_incidents(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday night a "
        "pickup hit walkers near Puerto Azul.\n\nNine people were taken to the general hospital "
        "in Puerto Azul on Tuesday night.\n\nBy Saturday afternoon the number admitted at the "
        "hospital had risen to 11, four children among them."
    )
    tables = one_article(tmp_path, text, "2030-03-09")
    assert quantity_of(tables, "11") == quantity_of(tables, "Nine people")


def test_a_months_crossings_up_from_the_month_before_are_two_months(tmp_path: Path):
    camp = ("cam", "Migrants waiting in Villa Norte for boats, July 2030", "2030-07-06")
    text = (
        "About 5,200 people were waiting on the beach in Villa Norte on Thursday. In June, 31,200 "
        "people crossed the Darién, according to the migration service, up from 24,600 in May."
    )
    tables = one_article(tmp_path, text, "2030-07-09", camp)
    june, may = quantity_of(tables, "31,200 people"), quantity_of(tables, "24,600")
    assert june != may and "2030-06" in june and "2030-05" in may


def test_a_count_far_below_the_days_other_counts_is_another_group(tmp_path: Path):
    text = (
        "About 2,300 migrants left Villa Norte on Monday in a caravan, police said. The "
        "organisers counted more than 6,000 on Monday, and the Red Cross about 2,500. A parish "
        "volunteer counted 230 on Monday in the square."
    )
    tables = one_article(tmp_path, text, "2030-03-05")
    main = quantity_of(tables, "About 2,300 migrants")
    assert quantity_of(tables, "more than 6,000") == main  # organisers high: disputed, not apart
    assert quantity_of(tables, "230") != main
    row = tables.quantities.set_index("quantity_id").loc[quantity_of(tables, "230")]
    assert "less than a fifth" in row["grouping_note"]


def test_a_part_in_the_sentence_after_a_count_of_the_detained_is_theirs(tmp_path: Path):
    """Nationalities given in the sentence after a count of people detained are of those
    detained; a part whose sentence names the group is the group's."""
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday agents "
        "detained 180 people at a checkpoint near Las Lomas. According to the institute, 96 are "
        "Honduran nationals and 49 Guatemalans. Police detained 300 more on Wednesday. Among "
        "the caravan were about 500 minors."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "96").endswith("/hondurans:detained")
    assert quantity_of(tables, "49 Guatemalans").endswith("/guatemalans:detained")
    assert quantity_of(tables, "about 500 minors") == "ev/minors:caravan_size"


def test_a_reply_with_no_day_of_its_own_speaks_for_the_day_of_the_figure_before(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Civil protection counted "
        "fewer than 900 people entering Río Claro on Tuesday. The organisers said 2,500. The "
        "town's shelter already houses 400 people.\n\n"
        "On Wednesday police detained 60 people at the Cerro Verde checkpoint. Of them, 12 were "
        "minors."
    )
    tables = one_article(tmp_path, text, "2030-03-08")

    def day(quote: str) -> str:
        return quantity_field(tables, quote, "as_of")

    assert day("2,500") == day("fewer than 900 people") == "2030-03-05"
    assert day("400 people") == "2030-03-08"  # the present tense: the publication day
    assert day("60 people") == "2030-03-06"


def test_small_tolls_in_words_are_figures_and_their_incident_s_counts(tmp_path: Path):
    """ "four more were found dead", "One death:", "one passenger was injured": a toll told in a
    number word is a count of the dead or the injured; "one of them", "the two nations" and
    "one more day" are not."""
    from caravan_claims.extract import extract_text

    def quotes(text: str) -> list[str]:
        return [c.quote for c in extract_text(text, "a")[0]]

    assert quotes("Two had died on the road, and four more were found dead in a trailer.") == [
        "Two", "four"
    ]  # fmt: skip
    assert quotes("One death: a Honduran man who drowned in the river.") == ["One"]
    assert quotes("Three people died and one passenger was injured.") == [
        "Three people", "one passenger"
    ]  # fmt: skip
    assert quotes("One of them was injured. The two nations met. It was one more day.") == []
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday a pickup hit "
        "walkers near Las Lomas: one passenger was injured, the Red Cross said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "one passenger").startswith("ev:injured")


def test_a_count_of_people_treated_by_a_day_or_so_far_is_a_running_count_not_one_day(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. By 7 March the Red Cross "
        "had treated 131 people for heat exhaustion. On Tuesday 14 people were hurt in a fall. "
        "Paramedics in the next town have treated 23 people for dehydration."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "131 people") == "ev:injured"  # no day: a running count
    assert quantity_of(tables, "23 people") == "ev:injured"
    assert quantity_of(tables, "14 people") == "ev:injured:2030-03-05"  # one day's incident


def test_the_events_caravan_sized_right_after_its_noun_is_its_size_whatever_the_model(
    tmp_path: Path,
):
    """The learned model once moved the seeds' "A migrant caravan comprising an estimated 8,000
    individuals from Central and South America" to another group ('from NAME' after it)."""
    text = (
        "A migrant caravan comprising an estimated 8,000 individuals from Central and South "
        "America is making its way through Villa Norte. Last October a caravan of 3,000 people "
        "from Puerto Azul and Las Lomas stopped here. A second caravan of 600 people left from "
        "Esquipulas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "an estimated 8,000 individuals") == "total"
    assert quantity_field(tables, "an estimated 8,000 individuals", "role_note") == (
        roles.SIZED_BY_KIND
    )
    for other in ("3,000 people", "600 people"):  # dated, or another of its kind: not certain
        assert quantity_field(tables, other, "role_note") != roles.SIZED_BY_KIND
    assert role_of(tables, "600 people") == "other_group"


def test_people_pulled_out_driven_back_or_gone_on_the_buses_are_measures_of_the_caravan(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Immigration agents pulled "
        "176 people out of the caravan at a checkpoint. Of them, 110 were driven back to the "
        "Guatemalan border on Thursday. The state sent six buses on Friday. By nightfall 120 "
        "people had left on them. More than 300 people have left the plaza on the state's free "
        "buses. The immigration department has issued 640 transit passes since Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "176 people").startswith("ev:detained")
    assert quantity_of(tables, "110").startswith("ev:returned")  # not Guatemalans of it
    assert quantity_of(tables, "120 people").startswith("ev:detained")  # bused, as detained
    assert quantity_of(tables, "More than 300 people").startswith("ev:detained")
    assert quantity_of(tables, "640 transit passes").startswith("ev:visas")


def test_cases_of_an_illness_are_people_taken_ill_and_flights_from_a_city_are_deportations(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Red Cross recorded "
        "more than 120 heat cases by Wednesday. The clinic confirmed 14 cases of dengue. Lawyers "
        "documented 23 cases in which police removed tents. Twenty-seven Ecuadorians were flown "
        "from Puerto Azul to Guayaquil on Tuesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "more than 120 heat cases").startswith("ev:injured")
    assert quantity_of(tables, "14 cases").startswith("ev:injured")  # of dengue
    assert role_of(tables, "23 cases") == "not_people"  # cases of abuse, not of illness
    assert quantity_of(tables, "Twenty-seven Ecuadorians").startswith("ev:deported")


def test_a_bare_figure_after_an_opening_actor_and_a_comma_counts_that_actor(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Her volunteers, about 60 "
        "in all, have counted some 150 children. In Las Lomas, about 500 rested."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "about 60") == "other_actor"
    assert role_of(tables, "about 500") != "other_actor"  # a place, not an actor


def test_cots_and_mats_for_a_number_of_people_are_a_capacity(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The ejido lent its "
        "meeting hall, which has sleeping mats for 400. In the arena civil protection set up "
        "cots for 900 people."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "400").endswith(":capacity")
    assert quantity_of(tables, "900 people").endswith(":capacity")


def test_cots_a_place_has_are_its_capacity_and_cots_bought_or_asked_for_are_goods(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The parish hall has 60 "
        "cots, and the city set up 150 cots in a gymnasium. The mayor asked the state for six "
        "more buses and 300 cots. A charity bought 500 blankets and 200 sleeping mats, and a "
        "bakery sent 80 donated mattresses."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "60 cots").endswith(":capacity")
    assert quantity_of(tables, "150 cots").endswith(":capacity")
    for goods in ["300 cots", "200 sleeping mats", "80 donated mattresses"]:
        assert role_of(tables, goods) == "not_people", goods


def test_people_who_slept_there_after_a_places_capacity_are_that_places_own_group(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The ejido lent its "
        "meeting hall, which has sleeping mats for 400. About 650 people slept there on "
        "Wednesday night, the commissioner said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    slept = quantity_of(tables, "About 650 people")
    assert slept != quantity_of(tables, "About 2,000 migrants") and "shelter" in slept


def test_nationalities_in_spanish_are_parts_of_the_group(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. El DIF contó 1,960 "
        "personas en el campamento: 720 hondureños, 540 mexicanos, 410 guatemaltecos y 290 "
        "venezolanas."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote, part in [("720 hondureños", "hondurans"), ("540 mexicanos", "mexicans"),
                        ("290 venezolanas", "venezuelans")]:  # fmt: skip
        assert f"/{part}" in quantity_of(tables, quote), quote


def test_a_part_of_the_people_its_sentence_names_as_detained_is_a_part_of_the_detained(
    tmp_path: Path,
):
    """Between the detention and its breakdown the article counts the injured of a crash; the
    breakdown still belongs to those detained, as its own sentence says."""
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Agents detained 168 "
        "people at the Cerro Verde checkpoint on Wednesday. On Thursday a truck hit walkers; "
        "eleven were taken to hospital. The institute gave its list of the people detained at "
        "Cerro Verde on Wednesday: 91 men, 44 women and 33 minors."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ("91 men", "44 women", "33 minors"):
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_a_building_licensed_for_a_number_of_occupants_is_a_capacity(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The hotel's 1,025 rooms "
        "are licensed for 1,800 occupants, the city said."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "1,800 occupants").endswith(":capacity")


def test_technicians_veterinarians_lawyers_and_donors_are_actors(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Twelve technicians keep "
        "the phone network running, six veterinarians treat the walkers' dogs and 1,240 donors "
        "paid for the food."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["Twelve technicians", "six veterinarians", "1,240 donors"]:
        assert role_of(tables, quote) == "other_actor", quote


def test_checkpoints_that_hold_take_off_or_cost_a_caravan_people_detain_them(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday the caravan "
        "lost 156 people to a police and migration checkpoint at Cerro Verde. On Wednesday police "
        "took 60 people off one of the buses to the coast. Police hold 90 at the Loma Alta "
        "checkpoint, the ministry said on Thursday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["156 people", "60 people", "90"]:
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_a_sub_population_among_those_detained_is_a_part_of_the_detained(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Agents detained 156 "
        "people at the Cerro Verde checkpoint on Tuesday. The ministry said 13 children "
        "travelling without a parent were among those detained."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "13 children") == "part"
    parent = quantity_field(tables, "13 children", "part_of")
    assert parent == quantity_of(tables, "156 people")


def test_admissions_reaching_a_number_and_guests_taken_to_a_named_hospital_are_hospitalised(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The Red Cross treated 40 "
        "people since Monday, and hospital admissions reached 9 by Saturday. At night EMS took "
        "2 guests from the late bus to Villa Norte's General Hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":hospitalised" in quantity_of(tables, "9")
    assert ":hospitalised" in quantity_of(tables, "2 guests")


def test_migrants_bused_in_from_elsewhere_and_sheltered_here_are_not_a_count_of_detained(
    tmp_path: Path,
):
    text = (
        "More than 1,500 migrants bused from Texas were staying in Villa Norte's shelters on "
        "Saturday, city officials said."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert role_of(tables, "More than 1,500 migrants") == "total"


def test_entries_a_migration_agency_registers_are_arrivals(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Friday the migration "
        "agency registered the entry into the country of 1,420 members of the march, and a day "
        "later it registered 300 more people entering at the bridge."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert ":arrived" in quantity_of(tables, "1,420 members")
    assert ":arrived" in quantity_of(tables, "300 more people")


def test_names_on_a_caravans_list_are_people_and_rangers_and_librarians_are_actors(
    tmp_path: Path,
):
    text = (
        "Migrants gathered in Villa Norte on Sunday to leave in a caravan. By midnight the "
        "organisers' list held 1,230 names. Twelve rangers and six librarians handed out water."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "1,230 names") == "total"
    assert role_of(tables, "Twelve rangers") == "other_actor"
    assert role_of(tables, "six librarians") == "other_actor"


def test_a_checkpoint_that_takes_people_from_the_caravan_detains_them_and_walkers_in_hospital(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Cerro Verde checkpoint "
        "takes 138 from caravan; four walkers in hospital."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "138").endswith(":detained")
    assert ":hospitalised" in quantity_of(tables, "four walkers")


def test_people_border_patrol_released_into_a_city_are_arrivals_of_its_shelters(
    tmp_path: Path,
):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. Border Patrol said it had "
        "released about 2,300 people in Villa Norte since Feb. 2, and the city manager said the "
        "agency's own total was about 3,900 releases."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert ":arrived" in quantity_of(tables, "about 2,300 people")
    assert ":arrived" in quantity_of(tables, "about 3,900 releases")


def test_a_fire_codes_occupant_load_is_a_capacity(tmp_path: Path):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. Posted occupant load "
        "(assembly, tables and chairs removed): 1,000 persons. The approved occupant load of "
        "the hall for sleeping use is 300 persons."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "1,000 persons").endswith(":capacity")
    assert quantity_of(tables, "300 persons").endswith(":capacity")


def test_the_number_organisers_expected_at_a_later_town_is_a_forecast_of_the_caravan(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Organizers said Monday "
        "they expected 6,000 people in Gómez Palacio by the end of the month."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["6,000 people", "statement"] == "forecast"
    assert quantity_of(tables, "6,000 people") == quantity_of(tables, "About 2,000 migrants")


def test_buses_travelled_hands_back_lodging_and_people_taken_out_of_a_shelter(tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. The migration service "
        "said 740 persons have already travelled on buses to the border. The neighbouring "
        "country handed 380 people back to the police at the bridge. The municipal gymnasium "
        "can lodge 600 persons. A neighbour said ICE took 200 people out of the welcome center. "
        "Seventeen operators kept the radio net running."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "740 persons").endswith(":detained")
    assert ":returned" in quantity_of(tables, "380 people")
    assert quantity_of(tables, "600 persons").endswith(":capacity")
    assert quantity_of(tables, "200 people").endswith(":detained")
    assert role_of(tables, "Seventeen operators") == "other_actor"


def test_headlines_that_hold_people_from_a_caravan_and_people_taken_off_buses_are_detained(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Honduras holds 143 from "
        "storm-displaced migrant caravan. Cerro Verde checkpoint: 90 held, caravan counted at "
        "1,700. Police took 70 people off two of the buses from the coast."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["143", "90", "70 people"]:
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_people_released_or_dropped_off_in_a_city_are_arrivals_and_guards_and_cooks_actors(
    tmp_path: Path,
):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. The city says about 600 "
        "people had been released downtown by Border Patrol in three days. Releases in the city "
        "have reached about 2,100 since Nov. 26. About 4,800 people have been dropped off since "
        "the fall. A dozen security guards and 26 cooks work each shift."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    for quote in ["about 600 people", "about 2,100", "About 4,800 people"]:
        assert ":arrived" in quantity_of(tables, quote), quote
    assert role_of(tables, "26 cooks") == "other_actor"


def test_members_lost_at_a_checkpoint_pulled_out_or_on_free_buses_are_detained(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. On Tuesday it lost 158 "
        "of its members at an immigration checkpoint. The organisers said 250 people had been "
        "pulled out of the march. Since Wednesday, 220 people have taken the INM's free buses "
        "north."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["158", "250 people", "220 people"]:
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_a_checkpoint_that_holds_people_and_people_loaded_onto_buses_are_detained(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Cerro Verde checkpoint "
        "holds 148; caravan keeps climbing. Villa Norte holds 90 at the Loma bridge. The "
        "organisers said more than 260 had been loaded onto immigration buses."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["148", "90", "more than 260"]:
        assert quantity_of(tables, quote).endswith(":detained"), quote


def test_people_who_have_come_since_a_day_are_arrivals_and_minors_among_the_detained_a_part(
    tmp_path: Path,
):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. About 2,400 people have come "
        "to the city since April 20, the city said. Since April 20, about 3,300 people have "
        "arrived in Villa Norte. Police detained 162 people at a checkpoint; thirty-eight minors "
        "were among the detained."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    for quote in ["About 2,400 people", "about 3,300 people"]:
        assert ":arrived" in quantity_of(tables, quote), quote
    assert role_of(tables, "thirty-eight minors") == "part"
    assert "/minors:detained" in quantity_of(tables, "thirty-eight minors")


def test_a_hall_rated_for_people_or_whose_capacity_is_set_and_trades_are_actors(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. About 1,900 slept at the "
        "fairground, in pavilions rated for 1,500. Civil protection set the gym's capacity at "
        "800 people. The utility sent 22 electricians, 14 mappers traced the tents, 30 bus "
        "drivers waited and 12 psychologists and 9 inspectors came."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    for quote in ["1,500", "800 people"]:
        assert quantity_of(tables, quote).endswith(":capacity"), quote
    for quote in ["22 electricians", "14 mappers", "30 bus drivers", "12 psychologists"]:
        assert role_of(tables, quote) == "other_actor", quote
    assert role_of(tables, "9 inspectors") == "other_actor"


def test_an_age_limit_is_not_a_count_and_sleepers_are_people(tmp_path: Path):
    text = (
        "A caravan of 3,000 people left Villa Norte on Monday. About 350 are under 18. Some 90 "
        "are over the age of 65. Brigades tallied 1,160 sleepers at the terminal. The "
        "caravan has dwindled to under 50 people."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    claims = tables.claims.set_index("quote")
    assert claims.loc["under 18", "unit"] == "age"
    assert claims.loc["65", "unit"] == "age"
    assert role_of(tables, "About 350") == "part"
    assert claims.loc["1,160 sleepers", "unit"] == "people"
    assert claims.loc["under 50 people", "unit"] == "people"


def test_people_handed_to_migration_officers_held_by_marines_or_holding_appointments(
    tmp_path: Path,
):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. On Thursday 64 of them were "
        "handed over to Nicaraguan migration officers. Marines hold 174 at Sabancuy. About 380 "
        "of the people in the camp hold appointments at the port of entry. Nine dispatchers "
        "worked each shift and 14 deckhands helped."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "64").endswith(":deported")
    assert quantity_of(tables, "174").endswith(":detained")
    assert quantity_of(tables, "About 380").endswith(":asylum_applied")
    assert role_of(tables, "Nine dispatchers") == role_of(tables, "14 deckhands") == "other_actor"


def test_people_come_or_brought_since_a_day_or_arrived_by_one_are_arrivals(tmp_path: Path):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. Bus drivers said about 900 "
        "migrants had come up the peninsula since Nov. 30. Drivers said they had brought about "
        "350 migrants to the city since Monday. Since Sept. 28, about 1,100 people have arrived "
        "on 24 buses. By 13 October, when the buses stopped, 2,870 persons had arrived."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    for quote in [
        "about 900 migrants",
        "about 350 migrants",
        "about 1,100 people",
        "2,870 persons",
    ]:
        assert ":arrived" in quantity_of(tables, quote), quote


def test_a_reply_in_the_past_takes_the_day_and_officials_who_expect_a_number_forecast(
    tmp_path: Path,
):
    text = (
        "The caravan left Villa Norte on Monday morning with fewer than 700 people, by the "
        "state's count. Its organisers insisted they were still 2,000. State officials expect "
        "fewer than 500 to get to Saltillo."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    keyed = tables.quantities.set_index("claim_id")
    claims = tables.claims.set_index("quote")
    monday = keyed.loc[claims.loc["fewer than 700 people", "claim_id"], "as_of"]
    assert keyed.loc[claims.loc["2,000", "claim_id"], "as_of"] == monday != "2030-03-08"
    assert claims.loc["fewer than 500", "statement"] == "forecast"


def test_a_cap_counted_in_families_is_a_capacity_and_guests_since_a_day_arrivals(
    tmp_path: Path,
):
    text = (
        "Villa Norte's shelters held 4,210 people on Thursday night, just under the regional "
        "cap of 1,250 families. More than 600 of you have slept in this gym since we opened. "
        "The mission accredited 46 observers."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "1,250 families").endswith(":capacity")
    assert ":arrived" in quantity_of(tables, "More than 600")
    assert role_of(tables, "46 observers") == "other_actor"


def test_people_who_help_are_actors_and_a_part_whose_verb_is_said_once_is_a_part(
    tmp_path: Path,
):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. Women make up roughly 600 of the "
        "walkers and children about 390, the council said. Forty-one members took turns "
        "cooking in the community kitchen. Eighteen residents of Roseville Court have signed up "
        "with the Newcomers Network to help. Four cashiers came from the city branches, and "
        "six flaggers worked the gate. Team: four nutritionists. Civil protection put the Guard "
        "troops at the checkpoint on Thursday at about 250. Two archivists came. The river saw "
        "three drownings on Sunday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_field(tables, "about 390", "part_kind") == "minors"
    for quote in ["Forty-one members", "Eighteen residents", "Four cashiers", "six flaggers",
                  "four nutritionists", "about 250", "Two archivists"]:  # fmt: skip
        assert role_of(tables, quote) == "other_actor", quote
    assert "forty" not in quantity_of(tables, "Forty-one members")  # no organisation "Forty-one"
    assert ":dead" in quantity_of(tables, "three drownings")


def test_a_hall_that_took_in_people_after_its_capacity_holds_them_and_soldiers_held_detain(
    tmp_path: Path,
):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. Soldiers and migration agents at "
        "a checkpoint outside Pasaquina held 214 migrants on Wednesday. The organisers said more "
        "than 400 were taken. The directorate said all 214 were foreigners. The parish hall of "
        "San Roque, which has room for 150, took in 230 mothers and children on Thursday night. "
        "The city counted 1,850 migrants at four sites on Friday, up from 420 in the park on "
        "Tuesday. The exchange rate was 17.42. Police at a checkpoint on the Roaring Creek "
        "bridge stopped 247 migrants on Friday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "214 migrants").endswith(":detained")
    assert quantity_of(tables, "more than 400").endswith(":detained")
    assert quantity_of(tables, "214") == quantity_of(tables, "214 migrants")
    assert role_of(tables, "230 mothers") == "other_group"
    assert ":shelter" in quantity_of(tables, "230 mothers")
    assert quantity_of(tables, "420") == quantity_of(tables, "1,850 migrants")
    assert role_of(tables, "17.42") == "not_people"
    assert quantity_of(tables, "247 migrants").endswith(":detained")


def test_an_armory_or_a_former_school_opened_as_shelters_are_their_own_groups(tmp_path: Path):
    text = (
        "Villa Norte's shelters held 1,500 people on Sunday night. The Roseville Armory, which "
        "has 900 cots, held about 1,050 people. The former Lockwood Street School held 238 on "
        "Sunday."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert "roseville_armory" in quantity_of(tables, "about 1,050 people")
    assert "lockwood_street_school" in quantity_of(tables, "238")


def test_people_released_from_detention_arrive_and_those_who_left_by_bus_or_plane_depart(
    tmp_path: Path,
):
    text = (
        "Villa Norte's shelters held 2,100 people on Sunday night. About 310 more have been "
        "released from the immigration detention center in Lumpkin. About 540 have left the "
        "shelters by bus or plane for other cities. The school held 330 people on Monday night, "
        "more than its 250 mats. The hotel is licensed by the fire marshal for 650 occupants. "
        "Since Monday, about 870 have left on flights from the airport."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "About 310").endswith(":arrived")
    assert quantity_of(tables, "About 540").endswith(":detained")  # departures, as bus transfers
    assert quantity_of(tables, "250 mats").endswith(":capacity")
    assert quantity_of(tables, "650 occupants").endswith(":capacity")
    assert quantity_of(tables, "about 870").endswith(":detained")  # left on flights


def test_a_checkpoint_named_before_a_comma_still_holds_the_people_it_held(tmp_path: Path):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. National Guard troops and "
        "immigration agents at a checkpoint at El Naranjo, south of Iguala, held 312 migrants on "
        "Wednesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "312 migrants").endswith(":detained")


def test_a_checkpoint_named_far_before_held_and_a_caravan_counted_at_two_sites(tmp_path: Path):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. Police and migration agents at a "
        "checkpoint on the old bridge over the Río Blanco south of San Isidro held 286 migrants "
        "on Wednesday. On Thursday night civil protection counted about 1,550 people in the "
        "church atrium and the streets around the parish shelter; the collective said it counted "
        "3,600. Eight interviewers and two supervisors worked the crowd."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "286 migrants").endswith(":detained")
    main = quantity_of(tables, "2,000 people")
    assert quantity_of(tables, "about 1,550 people") == main
    assert quantity_of(tables, "3,600") == main
    assert role_of(tables, "Eight interviewers") == "other_actor"
    assert role_of(tables, "two supervisors") == "other_actor"


def test_another_sources_count_after_a_semicolon_is_the_clauses_first_count(tmp_path: Path):
    text = (
        "A caravan of 2,000 people left Villa Norte on Monday. On Tuesday night civil protection "
        "counted about 1,700 people in the town, in the Albergue San Lucas and at the fairground, "
        "where 480 slept; the collective said 3,300. Our 12 ticket sellers handed out water."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    main = quantity_of(tables, "2,000 people")
    assert quantity_of(tables, "about 1,700 people") == main
    assert quantity_of(tables, "3,300") == main  # not the 480 just before it
    assert role_of(tables, "12 ticket sellers") == "other_actor"


def test_each_shelter_of_a_listing_sentence_keeps_its_own_count(tmp_path: Path):
    listed = (
        "sh",
        "Population of Villa Norte's shelters: the Plaza Welcome Center, the Pinos Recreation "
        "Center, Iglesia Fuente de Vida and a garage on Poole Road, March 2030",
        "2030-03-04",
    )
    text = (
        "The city counted 2,140 migrants in its shelters on Sunday night. About 560 people slept "
        "at the Plaza Welcome Center, built for 350, and about 650 at a former bus garage on "
        "Poole Road. The Pinos Recreation Center held about 420, Iglesia Fuente de Vida about "
        "230 and the Oak Mennonite Fellowship about 180."
    )
    tables = one_article(tmp_path, text, "2030-03-08", listed)
    sites = [
        quantity_of(tables, quote)
        for quote in ("About 560 people", "about 650", "about 420", "about 230", "about 180")
    ]
    assert len(set(sites)) == 5
    assert all("/shelter:" in site for site in sites)
    assert quantity_of(tables, "2,140 migrants") == "sh:shelter_size"


def test_people_who_went_ahead_by_van_are_a_group_of_their_own(tmp_path: Path):
    text = (
        "About 2,000 migrants walked south from Villa Norte on Monday. About 300 Cubans who went "
        "ahead by van on Friday are waiting for them. About 260 Ecuadorians who left in hired "
        "microbuses on Sunday have reached the plaza."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 2,000 migrants") == "ev:caravan_size"
    assert quantity_of(tables, "About 300 Cubans") != "ev:caravan_size"
    assert quantity_of(tables, "About 260 Ecuadorians") != "ev:caravan_size"


def test_members_taken_and_soldiers_treated_are_measures_not_sizes(tmp_path: Path):
    text = (
        "About 2,000 migrants walked north from Villa Norte on Monday. The organisers said more "
        "than 350 of its members were taken. Two of our soldiers were treated for heat stroke."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "more than 350").startswith("ev:detained")
    assert ":injured" in quantity_of(tables, "Two")


def test_people_treated_by_a_national_red_cross_are_a_measure_not_a_nationality(tmp_path: Path):
    text = (
        "About 2,000 migrants walked north from Villa Norte on Monday. The Nicaraguan Red Cross "
        "has attended 236 members of the caravan since 9 March; seven have been hospitalised. "
        "The collective said more than 400 of its members were held."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "236 members").startswith("ev:injured")
    assert quantity_of(tables, "more than 400").startswith("ev:detained")


def test_one_man_killed_is_never_a_part_even_in_a_list(tmp_path: Path):
    text = (
        "About 2,000 migrants walked north from Villa Norte on Monday. Also: the liaison says a "
        "Honduran man was hit and killed by a pickup on the highway tonight."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "a Honduran man").startswith("ev:dead")


def test_people_who_joined_the_walkers_arrived_and_those_who_never_joined_did_not(
    tmp_path: Path,
):
    text = (
        "About 2,000 migrants walked north from Villa Norte on Monday. About 120 people from Las "
        "Lomas and the villages along the highway joined the walkers, the collective said. About "
        "90 people came up from Santa Rosa by bus on Monday to join the march."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "About 120 people").startswith("ev:arrived")
    assert quantity_of(tables, "About 90 people").startswith("ev:arrived")
    (tmp_path / "never").mkdir()
    claims = one_article(
        tmp_path / "never",
        "About 2,000 migrants walked north on Monday. About 280 people who never joined the "
        "caravan remain at the Casa del Peregrino.",
        "2030-03-08",
    )
    assert not quantity_of(claims, "About 280 people").startswith("ev:arrived")


def test_the_number_of_a_sub_population_is_a_part(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants reached Villa Norte on Monday in a caravan. The number of children "
        "in the caravan rose to 640, the DIF said. The DIF puts the women in the caravan at about "
        "300. The number of people in the caravan rose to 2,400."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "640") == "part"
    assert "minors" in quantity_of(tables, "640")
    assert role_of(tables, "about 300") == "part"
    assert role_of(tables, "2,400") == "total"


def test_a_forecasts_highs_and_lows_are_temperatures_not_names():
    from caravan_claims.extract import extract_text

    claims, _ = extract_text(
        "Highs 89 to 93, close to daily records. Heat index values near 100 in the urban core. "
        "Lows around 72 downtown, then a warm-up to about 63 by Wednesday. Route 66 was shut.",
        "a",
    )
    assert [(c.quote, c.unit) for c in claims] == [
        ("89 to 93", "degrees"),
        ("100", "degrees"),
        ("around 72", "degrees"),
        ("about 63", "degrees"),
    ]


def test_spanish_verbs_are_not_what_a_number_counts_and_crew_are_people():
    from caravan_claims.extract import extract_text

    claims, _ = extract_text("«Somos 2.900 y seguimos caminando.» Our 12 crew ran it.", "a")
    assert [(c.quote, c.unit) for c in claims] == [("2.900", "count"), ("12 crew", "people")]


def test_shelter_residents_gone_on_to_other_cities_follow_the_bus_transfer_convention(
    rules_alone, tmp_path: Path
):
    text = (
        "About 1,200 migrants were in the Villa Norte shelters on Monday. About 290 of them have "
        "already left for other cities by bus or train. In all, 610 people have left the "
        "shelters for other cities, on tickets bought by relatives."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert quantity_of(tables, "610 people").endswith(":detained")
    assert role_of(tables, "610 people") == "other_measure"


def test_a_camp_counted_over_several_sites_is_the_whole_camp(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "Civil protection counted 1,930 migrants on Thursday night at three sites near the "
        "Riverton port of entry. On Saturday the count was 2,510 people across the rail yard, "
        "the Las Palmas ballfield and the Casa del Pescador."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert role_of(tables, "1,930 migrants") == "total"
    assert role_of(tables, "2,510 people") == "total"


def test_a_count_by_nationality_names_its_parts_by_country(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants reached Villa Norte on Monday in a caravan. By nationality, 820 "
        "were from Honduras and 690 from El Salvador. About 300 were returned to Honduras. A "
        "census registered 1,950 people: 910 from Guatemala and 740 from Nicaragua."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert "guatemalans" in quantity_of(tables, "910")
    assert "hondurans" in quantity_of(tables, "820")
    assert "salvadorans" in quantity_of(tables, "690")
    assert role_of(tables, "About 300") == "other_measure"


def test_an_armory_names_a_shelter_of_its_own(rules_alone, tmp_path: Path):
    text = (
        "About 1,200 migrants were in the Villa Norte shelters on Monday. Algonquin Armory (800 "
        "cots): 780. Riverside Community Center (180 cots): 240."
    )
    tables = one_article(tmp_path, text, "2030-03-08", VILLA_NORTE_SHELTERS)
    assert "algonquin_armory" in quantity_of(tables, "780")
    assert role_of(tables, "780") == "other_group"


def test_a_camp_split_over_sites_counts_each_site_apart(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "About 1,250 people were in the car park of a closed cinema near the bridge and about "
        "690 on a municipal ballfield."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert "car_park" in quantity_of(tables, "About 1,250 people")
    assert "ballfield" in quantity_of(tables, "about 690")
    assert role_of(tables, "about 690") == "other_group"
    assert role_of(tables, "About 2,000 migrants") == "total"


def test_a_ratio_to_a_thing_is_no_count_of_people(rules_alone, tmp_path: Path):
    from caravan_claims.extract import extract_text

    claims, _ = extract_text("It had 40 occupants per toilet; the norm is 20 per toilet.", "a")
    assert [(c.quote, c.per) for c in claims] == [
        ("40 occupants per toilet", "toilet"),
        ("20 per toilet", "toilet"),
    ]
    text = (
        "About 2,000 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "On Monday night the camp had 40 occupants per toilet."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert role_of(tables, "40 occupants per toilet") == "not_people"


def test_brigade_members_of_civil_protection_are_actors(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Twenty-eight brigade "
        "members of state civil protection are on duty in Villa Norte."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert role_of(tables, "Twenty-eight brigade members") == "other_actor"


def test_a_census_by_country_of_origin_in_a_list_or_a_pipe_table_names_parts(
    rules_alone, tmp_path: Path
):
    text = (
        "About 2,000 migrants reached Villa Norte on Monday in a caravan. A census on Sunday "
        "registered 1,950 people. By country of origin: Venezuela, 1,020; Honduras, 760.\n\n"
        "| Nationality | Residents |\n| Guatemala | 740 |\n| Ecuador | 250 |\n"
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert "venezuelans" in quantity_of(tables, "1,020")
    assert "hondurans" in quantity_of(tables, "760")
    assert "guatemalans" in quantity_of(tables, "740")
    assert role_of(tables, "250") == "part"


def test_a_site_named_before_its_figure_is_that_site_of_the_camp(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants camped at the plaza by the port of entry in Riverton on Monday. "
        "The old gravel pit held about 1,240 people, the riverbank below it about 560 and a "
        "softball field in the Colonia Obrera about 460, the officials said."
    )
    tables = one_article(tmp_path, text, "2030-05-08", ("cam", "Riverton plaza camp", "2030-05-06"))
    assert "gravel_pit" in quantity_of(tables, "about 1,240 people")
    assert "riverbank" in quantity_of(tables, "about 560")
    assert role_of(tables, "about 460") == "other_group"


def test_people_who_went_ahead_by_microbus_are_a_group_of_their_own(rules_alone, tmp_path: Path):
    text = (
        "About 2,000 migrants left Villa Norte on Monday in a caravan. Venezuelans are the "
        "largest group in the caravan, about 700 people by the collective's count. Some 300 "
        "migrants, most of them Cubans, paid for microbuses on Tuesday to get ahead of the "
        "walkers. About 1,800 migrants went ahead on Wednesday."
    )
    tables = one_article(tmp_path, text, "2030-03-08")
    assert quantity_of(tables, "Some 300 migrants").startswith("ev/other:cubans")
    assert role_of(tables, "About 1,800 migrants") == "total"
