"""Figure extraction, one phenomenon at a time, on sentences written for the tests."""

import datetime as dt

import pytest

from caravan_claims.extract import extract_text

PUBLISHED = dt.date(2023, 12, 28)


def figures(text: str, published: dt.date | None = PUBLISHED):
    claims, _ = extract_text(text, "t", published)
    return claims


def one(text: str, published: dt.date | None = PUBLISHED):
    found = figures(text, published)
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def rejected(text: str):
    _, left_out = extract_text(text, "t", PUBLISHED)
    return {r.text.strip(): r.reason for r in left_out}


@pytest.mark.parametrize(
    ("sentence", "quote", "low", "high", "qualifier", "unit"),
    [
        ("Approximately 1,000 Central American migrants crossed.", "Approximately 1,000 Central American migrants", 1000, 1000, "approx", "people"),
        ("Police counted 4,200 marchers on Monday.", "4,200 marchers", 4200, 4200, "exact", "people"),
        ("Roughly 300 people slept in the plaza.", "Roughly 300 people", 300, 300, "approx", "people"),
        ("Officials put the crowd, estimated at 6,500, in a stadium.", "estimated at 6,500", 6500, 6500, "approx", "people"),
        ("The group of some 900 walkers rested.", "some 900 walkers", 900, 900, "approx", "people"),
        ("About 2,000 or so remained.", "About 2,000", 2000, 2000, "approx", "count"),
        ("Agents recorded more than 190,000 apprehensions in November.", "more than 190,000 apprehensions", 190000, 190000, "lower", "apprehensions"),
        ("At least 45 people were detained.", "At least 45 people", 45, 45, "lower", "people"),
        ("The tally exceeded 250,000 this month.", "exceeded 250,000", 250000, 250000, "lower", "count"),
        ("Upwards of 3,000 families arrived.", "Upwards of 3,000 families", 3000, 3000, "lower", "families"),
        ("As many as 10,000 migrants a day crossed.", "As many as 10,000 migrants a day", 10000, 10000, "upper", "people"),
        ("Up to 500 buses were hired.", "Up to 500 buses", 500, 500, "upper", "buses"),
        ("Fewer than 100 migrants were admitted.", "Fewer than 100 migrants", 100, 100, "upper", "people"),
        ("Nearly 15,000 people waited under the bridge.", "Nearly 15,000 people", 15000, 15000, "upper", "people"),
        ("Almost 700 children were separated.", "Almost 700 children", 700, 700, "upper", "people"),
        ("Between 6,000 and 10,000 people are making the trip.", "Between 6,000 and 10,000 people", 6000, 10000, "range", "people"),
        ("They said between 5,000 to 7,000 migrants joined.", "between 5,000 to 7,000 migrants", 5000, 7000, "range", "people"),
        ("Organizers counted 7,000 to 8,000 marchers.", "7,000 to 8,000 marchers", 7000, 8000, "range", "people"),
        ("Some 7,000-8,000 people set off.", "Some 7,000-8,000 people", 7000, 8000, "range", "people"),
        ("A crowd of 7,000–8,000 people set off.", "7,000–8,000 people", 7000, 8000, "range", "people"),
        ("Hundreds of immigrants were taken to shelters.", "Hundreds of immigrants", 100, 1000, "vague", "people"),
        ("Several thousand people slept outside.", "Several thousand people", 3000, 10000, "vague", "people"),
        ("Tens of thousands of migrants are waiting.", "Tens of thousands of migrants", 10000, 100000, "vague", "people"),
        ("The town lies about 11 miles from Tapachula.", "about 11 miles", 11, 11, "approx", "miles"),
        ("Tariffs would rise to 25% by October.", "25%", 25, 25, "exact", "percent"),
        ("Crossings fell 40 percent in January.", "40 percent", 40, 40, "exact", "percent"),
        ("Congress was asked for $8-billion in funding.", "$8-billion", 8e9, 8e9, "exact", "usd"),
        ("The plan would plant 2 million trees.", "2 million trees", 2e6, 2e6, "exact", "trees"),
        ("A lawsuit from two dozen Republican states followed.", "two dozen Republican states", 24, 24, "exact", "states"),
        ("The trek took eleven days.", "eleven days", 11, 11, "exact", "days"),
        ("A dozen reporters followed the group.", "A dozen reporters", 12, 12, "exact", "reporters"),
        ("The country spent 1.2 million pesos.", "1.2 million pesos", 1.2e6, 1.2e6, "exact", "mxn"),
        ("A 26-year-old mother spoke to reporters.", "26-year-old", 26, 26, "exact", "age"),
        ("They made a 2,500-mile journey.", "2,500-mile", 2500, 2500, "exact", "miles"),
        ("A licensed 23-foot launch may carry eight.", "23-foot", 23, 23, "exact", "feet"),
        ("They handed out 500 kilos of rice.", "500 kilos", 500, 500, "exact", "kg"),
        ("The gym had 450 mats laid out.", "450 mats", 450, 450, "exact", "mats"),
        ("Volunteers gave out 300 bags of food.", "300 bags", 300, 300, "exact", "bags"),
        ("On Thursday 64 of them were sent home.", "64", 64, 64, "exact", "count"),
        ("About 2,000 El Salvadorans marched.", "About 2,000 El Salvadorans", 2000, 2000, "approx", "people"),
        ("The county paid 300 fares.", "300 fares", 300, 300, "exact", "fares"),
        ("They filled a 30,000-litre tank.", "30,000-litre", 30000, 30000, "exact", "liter"),
        ("A 5-ton truck came.", "5-ton", 5, 5, "exact", "ton"),
        ("The boat landed 31 rockfish on Monday.", "31 rockfish", 31, 31, "exact", "rockfish"),
        ("About 400 fish died in the heat.", "About 400 fish", 400, 400, "approx", "fish"),
        ("The fair sold 300 sheep.", "300 sheep", 300, 300, "exact", "sheep"),
        ("The hall took in 230 mothers.", "230 mothers", 230, 230, "exact", "people"),
        ("Some 40 boys walked ahead.", "Some 40 boys", 40, 40, "approx", "people"),
        ("The branch served 212 customers.", "212 customers", 212, 212, "exact", "people"),
        ("Only 1,840 head crossed to Presidio.", "1,840 head", 1840, 1840, "exact", "head"),
        ("About 6,200 head of feeder calves wait.", "About 6,200 head", 6200, 6200, "approx", "head"),
        ("About 300 head north on Monday.", "About 300", 300, 300, "approx", "count"),
        ("The cattle pavilion, built for 500, filled up.", "500", 500, 500, "exact", "count"),
        ("They flew out on flights, some 640.", "some 640", 640, 640, "approx", "count"),
        ("It should fall below 2,000 next week.", "below 2,000", 2000, 2000, "upper", "count"),
        ("The count rose to 1,200 last month.", "1,200", 1200, 1200, "exact", "count"),
        ("Some 430 fly on to relatives.", "Some 430", 430, 430, "approx", "count"),
        ("Walkers under 18 need a guardian.", "under 18", 18, 18, "upper", "age"),
        ("Fewer than 3 in 10 were still assigned.", "Fewer than 3 in 10", 30, 30, "upper", "percent"),
        ("Roughly one in five were children.", "Roughly one in five", 20, 20, "approx", "percent"),
        ("About two-thirds of the marchers were men.", "About two-thirds", 200 / 3, 200 / 3, "approx", "percent"),
        ("Most were young men aged 18-25.", "18-25", 18, 25, "range", "age"),
        ("Mexico received 2000 migrants in one week.", "2000 migrants", 2000, 2000, "exact", "people"),
        ("Most of them were Honduran boys between 14 and 17.", "between 14 and 17", 14, 17, "range", "age"),
        ("Between 14 and 17 people drowned.", "Between 14 and 17 people", 14, 17, "range", "people"),
        ("A handful of players were hurt.", "A handful of players", 2, 5, "vague", "people"),
        ("It took a couple of weeks.", "a couple of weeks", 2, 3, "vague", "weeks"),
        ("At the stadium there are the ones who came on the buses, some 500.", "some 500", 500, 500, "approx", "count"),
        ("Aid groups said the camp was closer to 3,000.", "closer to 3,000", 3000, 3000, "approx", "count"),
        ("A coalition of shelters said the camp held 3,000.", "3,000", 3000, 3000, "exact", "count"),
        ("The city says its shelters now house about 3,900.", "about 3,900", 3900, 3900, "approx", "people"),
    ],
)  # fmt: skip
def test_figure(sentence, quote, low, high, qualifier, unit):
    claim = one(sentence)
    assert claim.quote == quote
    assert (claim.low, claim.high) == pytest.approx((low, high))
    assert claim.qualifier == qualifier
    assert claim.unit == unit


@pytest.mark.parametrize("unit", ["mile", "kilometer", "kilometre", "foot", "meter", "metre"])
def test_every_hyphenated_length_reads_as_its_unit(unit):
    """ "a 23-foot launch" once crashed the extractor (it looked up "foots")."""
    claims, _ = extract_text(f"They bought a 23-{unit} boat.", "t", None)
    assert [c.quote for c in claims] == [f"23-{unit}"]
    assert claims[0].dimension == "length"


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("They crossed on Wednesday, June 5, at dawn.", "date: day of the month"),
        ("It arrived on Dec. 1 after a long march.", "date: day of the month"),
        ("The caravans grew throughout 2018.", "date: a year"),
        ("They left at 4 a.m. on Monday.", "clock time"),
        ("It was the 3rd caravan this year.", "ordinal"),
        ("The Title 42 order expired.", "identifier: 'Title 42'"),
        (
            "The COVID-19 pandemic closed the border.",
            "identifier: number attached to other characters",
        ),
        ("Officials cited a report.[9] Others disagreed.", "citation marker"),
        (
            "Ad will display in 09 seconds",
            "junk: page furniture or an advertisement",
        ),
        ("The group walked along Highway 200 toward Oaxaca.", "identifier: 'Highway 200'"),
        ("It was a four-day weekend.", "duration used as an adjective"),
        ("The homicide rate was 40 per 100,000 residents.", "rate base: the 'per N' of a rate"),
        ("Under the 1951 Refugee Convention, they applied.", "date: a year"),
        (
            "The talks on Nov. 15-16 drew delegates.",
            "date: the end of a range of days ('Nov. 15-16')",
        ),
    ],
)
def test_not_a_figure(sentence, reason):
    found = rejected(sentence)
    assert reason in found.values(), found
    kept = [c.quote for c in figures(sentence)]
    assert all(key not in " ".join(kept) for key in found), kept


def test_ordinal_words_are_not_figures():
    assert figures("It was the third-highest month and the first caravan of the year.") == []


def test_nothing_taken_from_scrape_junk():
    text = "State police escorted the caravan.||2be7039cd__\n\nAd will display in 09 seconds\n"
    assert figures(text) == []


def test_page_furniture_and_phone_numbers_are_not_figures():
    text = (
        "Updated 10:32 AM EST, Mon November 5, 2018\nShare 1.2K | 12 Comments\nImage 1 of 5\n"
        "(Photo by John Moore/Getty Images)\nCall 1-800-555-0199 for tips.\n"
        "Published 3 hours ago\nThe 2,000-plus migrants walked 600 miles.\n"
    )
    assert [(c.quote, c.unit) for c in figures(text)] == [
        ("2,000-plus migrants", "people"),
        ("600 miles", "miles"),
    ]


def test_number_words_that_count_nothing_are_ignored():
    text = "It is one of a number of caravans, including one in October, and the two nations met."
    assert figures(text) == []


def test_number_words_before_of_them_or_as_a_subject_count_the_people_just_counted():
    text = (
        "The Red Cross treated 46 people on Friday, and nine of them went to the hospital. "
        "Police found 147 people in a trailer. Fifteen were taken to the clinic. Of them, three "
        "died. One of them was a child. The two were friends."
    )
    found = [(c.quote, c.unit, c.low) for c in figures(text)]
    assert ("nine", "people", 9) in found
    assert ("Fifteen", "people", 15) in found
    assert ("three", "people", 3) in found
    assert not [q for q, _, _ in found if q.lower() in {"one", "the two"}]
    assert len(found) == 5


def test_number_words_for_some_of_the_people_named_or_taken_to_hospital_count_people():
    """ "Eleven of the minors", "Twelve of the injured", "; three were taken ...", "took nine
    to the regional hospital"; not "two of the nations" nor "three of the four judges"."""
    text = (
        "Eleven of the minors were travelling alone. Twelve of the injured went home. The Red "
        "Cross treated 27 people; three were taken to a hospital. It took nine to the regional "
        "hospital in Chiquimula. Two of the nations signed. Three of the four judges agreed. "
        "One of the migrants was from Honduras."
    )
    found = [(c.quote, c.low) for c in figures(text)]
    assert found == [("Eleven", 11), ("Twelve", 12), ("27 people", 27), ("three", 3), ("nine", 9)]


def test_a_number_after_a_dated_month_or_a_clause_opening_or_a_far_toll_counts():
    """A month that has its day already ("on 8 December") does not make the next number a day;
    "and that five were taken" opens a clause as "; three were" does; a toll's verb may come
    after words of its own ("the death toll from the bus crash on Route 186 has risen to")."""
    text = (
        "The ministry said that on 8 December 27 persons were hospitalised. We counted 23 "
        "kidnappings since 1 October, 14 of them near the plaza. The Red Cross treated 36 people, "
        "and that five were taken to hospital. The death toll from last night's bus crash on "
        "Route 186 has risen to three. They met on December 27 in Tapachula. Since 1 February.\n"
        "4/ At the border."
    )
    found = [(c.quote, c.low) for c in figures(text)]
    assert ("27 persons", 27) in found and ("14", 14) in found
    assert ("five", 5) in found and ("three", 3) in found
    assert not [q for q, v in found if v in {1, 4, 8} or (q == "27" and v == 27)]


def test_a_number_word_alone_answering_the_question_before_it_is_a_figure():
    text = (
        "Q: Have people died?\n\nA: Two. A woman on Tuesday and a man on Wednesday.\n\n"
        "How many volunteers do you have?\nSeventy, on a good night. Fewer on weekdays.\n\n"
        "Why did they stay?\nTwo of the nations closed their borders."
    )
    assert [c.quote for c in figures(text)] == ["Two", "Seventy"]


def test_number_words_after_the_count_people_named_next_but_not_a_family_s():
    text = (
        "The two men who drowned were not identified. The four suspects were arrested. The two "
        "nations met. Their three children stayed home. The two were friends."
    )
    assert [c.quote for c in figures(text)] == ["two men", "four suspects"]


def test_numbered_headings_and_points_are_list_markers_not_figures():
    text = (
        "1. OVERVIEW\nWe counted 6,800 people.\n\n2. REGISTER\n\n   3) Health\nThe tent saw "
        "96 patients.\n2.5 million people live there. Of the list, 5. Then more.\n300. That was "
        "the count."
    )
    assert [c.quote for c in figures(text)] == [
        "6,800 people", "96 patients", "2.5 million people", "5", "300",
    ]  # fmt: skip


def test_a_radio_station_s_frequency_is_no_figure():
    text = (
        "Radio Oriente 95.1 reports that 300 people left. Tune in to 102.5 FM. It runs at 100 MHz."
    )
    assert [c.quote for c in figures(text)] == ["300 people", "100 MHz"]


def test_spanish_nouns_for_people_count_people():
    found = figures("«Esperamos unas 2.500 personas esta noche», dijo; «hay 300 migrantes».")
    assert [(c.low, c.unit) for c in found] == [(2500, "people"), (300, "people")]


def test_chain_of_tariffs_gives_separate_percentages():
    found = figures("Tariffs go from 5% to 10% to 15% to 20 and then to 25%.")
    assert [(c.low, c.unit) for c in found] == [
        (5, "percent"),
        (10, "percent"),
        (15, "percent"),
        (20, "percent"),
        (25, "percent"),
    ]


def test_change_from_one_number_to_another_is_two_figures():
    found = figures("Apprehensions rose from 76,000 in February to 103,000 in March.")
    assert [(c.low, c.high, c.qualifier) for c in found] == [
        (76000, 76000, "exact"),
        (103000, 103000, "exact"),
    ]


def test_up_from_a_range_keeps_the_range():
    found = figures("Agents made 9,000 apprehensions a day, up from 6,000 to 7,000 in August.")
    assert [(c.low, c.high) for c in found] == [(9000, 9000), (6000, 7000)]


def test_same_distance_in_two_units_is_linked():
    first, second = figures("The journey is 2,500 miles (4,000 km) long.")
    assert (first.unit, second.unit) == ("miles", "km")
    assert second.same_as == first.claim_id and first.same_as == ""


def test_rates():
    assert one("Mexico will issue 1,000 temporary work visas a day.").per == "day"
    assert one("There have been days when agents encountered more than 10,000 people.").per == "day"
    assert one("Shelters take in 300 people per week.").per == "week"
    assert one("It was September's monthly figure of 269,735 encounters.").per == "month"
    assert one("Aid of $180 million a year was cut.").per == "year"
    assert one("Daily records going back ten years were broken.").per == ""
    # a time, not a rate: the figure ends before it
    held = one("The coliseum, which had held 910 people a week earlier, closed.")
    assert (held.per, held.quote) == ("", "910 people")
    assert one("About 300 people a month ago slept in the plaza.").per == ""


def test_hedges():
    assert one("The caravan could have more than 20,000 people.").hedge_cue == "could"
    assert one("Officials are reportedly waiting about 11 miles away.").hedge_cue == "reportedly"
    assert one("Officials expect 5,000 more to arrive.").hedged
    claim = one("The injunction was issued on May 23 after 20 states sued.")
    assert not claim.hedged


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Local officials and media reports in Mexico estimate that between 6,000 and 10,000 people are making the trip.", "Local officials and media reports in Mexico"),
        ("U.S. Customs and Border Protection officials announced Friday that there were more than 190,000 apprehensions.", "U.S. Customs and Border Protection officials"),
        ("About 3,000 people left Tapachula, according to the National Migration Institute.", "the National Migration Institute"),
        ("More than 1,000 migrants crossed, officials said.", "officials"),
        ("Last week border authorities said a group of more than 1,000 migrants crossed.", "border authorities"),
        ("On the same day, Customs and Border Patrol announced that 4,000 people were caught.", "Customs and Border Patrol"),
        ("There were 234,000 encounters in April, and officials have said that numbers are rising.", ""),
        ("The group, estimated at 4,000 people by Mexican authorities, rested.", "Mexican authorities"),
        ("Trump ordered troops; the Pentagon later said 7,000 would go.", "the Pentagon"),
    ],
)  # fmt: skip
def test_attribution(sentence, source):
    assert one(sentence).attributed_to == source


def test_each_clause_gets_its_own_source():
    text = (
        "Organizers said 15,000 people set out; Mexican officials counted between 6,000 and "
        "7,000, and Reuters reporters estimated about 9,500."
    )
    assert [c.attributed_to for c in figures(text)] == [
        "Organizers",
        "Mexican officials",
        "Reuters reporters",
    ]


def test_he_or_she_is_the_source_named_just_before():
    text = (
        "\u201cWe have never seen numbers like this,\u201d said Santiago Gonzalez, who runs a "
        "shelter. He estimated that at least 3,000 more were on their way."
    )
    assert one(text).attributed_to == "Santiago Gonzalez"
    assert one("He said 3,000 people came.").attributed_to == ""


def test_according_to_a_study():
    assert (
        one("Smugglers charge $4,000, according to a 2021 study.").attributed_to == "a 2021 study"
    )


def test_quoted_figure_belongs_to_the_speaker_named_in_full_earlier():
    text = (
        "Interior Secretary Olga Sanchez Cordero has said a caravan could be forming.\n\n"
        "\u201cThey are thinking it could have more than 20,000 people,\u201d Sanchez Cordero said "
        "Wednesday."
    )
    assert one(text).attributed_to == "Interior Secretary Olga Sanchez Cordero"


def test_quote_opened_with_a_closing_mark_still_pairs():
    text = (
        "\u201dMexico shouldn\u2019t allow millions of people to enter,\u201d said the president."
    )
    assert one(text).attributed_to == "the president"


@pytest.mark.parametrize(
    ("sentence", "published", "period"),
    [
        ("There were more than 190,000 apprehensions in November.", PUBLISHED, "2023-11"),
        ("As many as 10,000 migrants a day crossed this month.", PUBLISHED, "2023-12"),
        ("Since December 1, encounters exceeded 250,000.", PUBLISHED, "2023-12-01/2023-12-28"),
        ("More than 400,000 people were expelled between May and the end of November.", PUBLISHED, "2023-05/2023-11"),
        ("There were more than 234,000 encounters in April alone.", dt.date(2022, 6, 7), "2022-04"),
        ("In November, officials took away hundreds of immigrants.", PUBLISHED, "2023-11"),
        ("Last week 1,000 migrants crossed in El Paso.", dt.date(2019, 6, 5), "2019-05-27/2019-06-02"),
        ("About 1,000 migrants crossed into Mexico Wednesday, June 5.", dt.date(2019, 6, 5), "2019-06-05"),
        ("The record 269,735 encounters came in September.", PUBLISHED, "2023-09"),
        ("Apprehensions reached 1 million in fiscal year 2019.", PUBLISHED, "2018-10/2019-09"),
        ("There were more than 190,000 apprehensions in November.", None, ""),
        ("There were 51,000 apprehensions in November 2018.", None, "2018-11"),
        ("Nearly 2,300 children have been separated since May.", dt.date(2018, 11, 2), "2018-05-01/2018-11-02"),
        ("Since late August about 300 people have arrived.", dt.date(2036, 9, 9), "2036-08-01/2036-09-09"),
        ("Since mid-August about 300 people have arrived.", dt.date(2036, 9, 9), "2036-08-01/2036-09-09"),
        ("In early August about 300 people arrived.", dt.date(2036, 9, 9), "2036-08"),
        ("Civil protection counted 1,150 on the night of July 4.", dt.date(2038, 7, 12), "2038-07-04"),
    ],
)  # fmt: skip
def test_period_resolved_against_publication_date(sentence, published, period):
    assert one(sentence, published).period == period


@pytest.mark.parametrize(
    ("sentence", "published", "periods"),
    [
        ("Agents recorded 38,612 encounters on Friday, against 33,871 in December.",
         dt.date(2037, 2, 16), ["2037-02-13", "2036-12"]),
        ("In June, 31,200 people crossed, up from 24,600 in May.",
         dt.date(2033, 7, 16), ["2033-06", "2033-05"]),
        ("About 2,000 migrants and 300 children arrived on Monday.",
         dt.date(2033, 7, 16), ["2033-07-11", "2033-07-11"]),
    ],
)  # fmt: skip
def test_a_time_after_the_figure_compared_with_this_one_is_that_figures(
    sentence, published, periods
):
    assert [c.period for c in extract_text(sentence, "t", published)[0]] == periods


def test_december_article_reading_january_means_last_january():
    assert one("In January, 2,000 people crossed.", dt.date(2023, 12, 28)).period == "2023-01"
    assert one("In December, 2,000 people crossed.", dt.date(2024, 1, 5)).period == "2023-12"


def test_offsets_slice_to_the_quote_and_sentence():
    text = "Headline: 8,000 People\nA caravan of an estimated 8,000 individuals left.\n"
    for claim in figures(text):
        assert text[claim.start : claim.end] == claim.quote
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.claim_id == f"t:{claim.start}"
        assert claim.start >= claim.sentence_start and claim.end <= claim.sentence_end


def test_abbreviations_do_not_end_sentences():
    text = "Secretary Antony J. Blinken met U.S. officials. Some 3,000 people waited."
    assert one(text).sentence == "Some 3,000 people waited."
    text = "The U.S. Border Patrol counted 5,000 people."
    assert one(text).sentence == text


def test_a_citation_marker_after_the_full_stop_still_ends_the_sentence():
    """An encyclopedia's "... by 15 July.[3] On 14 July ..." is two sentences: a denial in the
    second does not reach the figures of the first."""
    text = (
        "The INM issued 950 visas by 14 July.[3] On 14 July it denied that a second caravan of "
        '10,000 was forming, calling it "a fantasy".[4][6] About 350 people left by bus.[a] Then '
        "120 people stayed.² Some 40 went home.[citation needed] Then more."
    )
    sentences = [claim.sentence for claim in figures(text)]
    assert sentences == [
        "The INM issued 950 visas by 14 July.[3]",
        'On 14 July it denied that a second caravan of 10,000 was forming, calling it "a fantasy".'
        "[4][6]",
        "About 350 people left by bus.[a]",
        "Then 120 people stayed.²",
        "Some 40 went home.[citation needed]",
    ]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ('"We walk on," said Marta Ruiz, 29, who carries her son.', True),
        ('"Nobody helps," said Jean-Luc Bernard, 41.', True),
        ("In Oaxaca, 300 people slept in the square.", False),
        ("The mayor, Ana Solis, said 35 families arrived.", False),
    ],
)
def test_an_age_set_off_by_commas_after_a_name_is_an_age(text: str, age: bool):
    units = {claim.quote: claim.unit for claim in figures(text)}
    assert ("age" in units.values()) is age, units


def test_a_noun_is_not_borrowed_across_another_figure_or_a_pronoun():
    units = {c.quote: c.unit for c in figures("It would shrink to fewer than 900 within ten days.")}
    assert units == {"fewer than 900": "count", "within ten days": "days"}
    units = {
        c.quote: c.unit for c in figures("Tents went to 40 families; aid groups put it at 3,500.")
    }
    assert units["3,500"] == "count"  # "it" is counted, not the aid groups


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("The suspect is 6 feet 2 inches tall.", "6 feet 2 inches", 74, "inch"),
        ("She ran it in under 4 minutes 10 seconds.", "under 4 minutes 10 seconds", 250, "second"),
        ("The baby weighed 8 pounds 4 ounces.", "8 pounds 4 ounces", 132, "ounce"),
    ],
)
def test_one_measure_in_two_units_is_one_figure(text: str, quote: str, value: float, unit: str):
    (claim,) = figures(text)
    assert (claim.quote, claim.low, claim.high, claim.unit_normalised) == (
        quote,
        value,
        value,
        unit,
    )


def test_two_distances_of_two_systems_stay_two():
    assert [c.quote for c in figures("It was 5 miles, 300 meters from town.")] == [
        "5 miles",
        "300 meters",
    ]


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("The stock rose tenfold in a year.", "tenfold", 10),
        ("The forward scored twice in the second half.", "twice", 2),
        ("Sales grew 10-fold after the launch.", "10-fold", 10),
    ],
)
def test_multipliers_and_occasions_in_one_word(text: str, quote: str, value: float):
    (claim,) = figures(text)
    assert (claim.quote, claim.low, claim.unit) == (quote, value, "times")


def test_a_long_number_in_words_is_a_figure_without_a_noun():
    text = "The centre handles 1,000 people a day, but on Tuesday it received two thousand five hundred."
    assert [(c.quote, c.low) for c in figures(text)][-1] == ("two thousand five hundred", 2500)


def test_a_race_time_is_a_duration_and_a_clock_time_is_not_a_figure():
    claims = figures("He won the final in 1:50.34 and she ran 2:08:12.5; the gun went at 7:30.")
    assert [(c.quote, c.low, c.unit) for c in claims] == [
        ("1:50.34", 110.34, "second"),
        ("2:08:12.5", 7692.5, "second"),
    ]


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("Version 2.4.1 of the app fixes a bug.", "2.4", "version"),
        ("The 7-Eleven owner bought a rival.", "7", "name"),
        ("Patients with type 2 diabetes took it.", "2", "identifier"),
        ("The firm started at 12 Elm Street in a garage.", "12", "code"),
    ],
)
def test_numbers_that_name_things_are_left_out_with_the_reason(text, number, reason):
    assert rejected(text)[number].startswith(reason)
    assert not figures(text)


def test_a_title_case_headline_count_is_not_a_street_number():
    assert [c.quote for c in figures("Some 300 Migrants Reach Main Street")] == [
        "Some 300 Migrants"
    ]


def test_a_bare_number_counts_people_not_the_place_they_are_in():
    units = {
        c.quote: c.unit
        for c in figures(
            "The office counted 3,400 people in the city's shelters, against 2,850 on Monday."
        )
    }
    assert units["2,850"] == "people"
    (claim,) = figures("A network of shelters said the real number was closer to 4,500.")
    assert claim.unit == "count"  # "the real number": no noun borrowed


def periods(text: str, published: dt.date) -> dict[str, str]:
    """Each figure's quote and the period it is read to speak for."""
    return {c.quote: c.period for c in extract_text(text, "t", published)[0]}


def test_day_before_month_dates_are_read_like_month_before_day():
    published = dt.date(2027, 3, 17)
    text = "On 8 February police counted 1,800. CBP has given 2,900 appointments since 8 March."
    claims = periods(text, published)
    assert claims == {"1,800": "2027-02-08", "2,900 appointments": "2027-03-08/2027-03-17"}


def test_a_month_of_this_or_last_year_is_that_year_s_month():
    published = dt.date(2029, 7, 17)
    text = (
        "In January of this year a caravan of about 2,000 people left. In May of last year "
        "some 1,500 people left. In March 900 people left."
    )
    claims = periods(text, published)
    assert claims == {
        "about 2,000 people": "2029-01",
        "some 1,500 people": "2028-05",
        "900 people": "2029-03",
    }


def test_a_weekday_after_a_word_of_preparing_or_expecting_is_the_coming_one():
    published = dt.date(2029, 4, 11)  # a Wednesday
    text = (
        "The diocese said it was preparing to receive at least 1,500 walkers by Thursday. "
        "The city expects 900 more by Friday. Police counted 700 people on Thursday."
    )
    claims = periods(text, published)
    assert claims == {
        "at least 1,500 walkers": "2029-04-12",
        "900": "2029-04-13",
        "700 people": "2029-04-05",
    }


def test_a_label_line_says_what_its_figure_counts():
    text = (
        "What the shelters counted:\n"
        "- Beds in our shelters: 320\n"
        "- People our volunteers estimate slept outside on Sunday night: more than 2,000\n"
        "- Hot meals served since Friday: 2,600\n"
        "The count of 40 volunteers: not a label line.\n"
    )
    claims, _ = extract_text(text, "labels")
    units = {c.quote: c.unit for c in claims}
    assert units["320"] == "beds"
    assert units["more than 2,000"] == "people"
    assert units["2,600"] == "meals"
    assert units["40 volunteers"] == "volunteers"


def test_a_weekday_with_its_day_of_the_month_is_that_day():
    published = dt.date(2030, 9, 21)
    text = (
        "On Saturday the 14th, the town counted 1,900 people. On Tuesday the 30th it counted "
        "2,100 people. On Saturday it counted 400 people."
    )
    assert periods(text, published) == {
        "1,900 people": "2030-09-14", "2,100 people": "2030-08-30", "400 people": "2030-09-21",
    }  # fmt: skip


def test_a_weekday_after_would_is_the_coming_one():
    published = dt.date(2030, 8, 3)  # a Saturday
    text = (
        "He predicted the caravan would reach the border on Monday with 5,000 people. Police "
        "said on Monday that 300 people had left."
    )
    assert periods(text, published) == {"5,000 people": "2030-08-05", "300 people": "2030-07-29"}


def test_month_names_in_capitals_are_dates_in_a_heading():
    heading = "2. DETENTIONS AT THE CHECKPOINT, 8 MAY (OFFICIAL FIGURES)\nMen   142\nTotal   260"
    assert [c.quote for c in figures(heading)] == ["142", "260"]
    assert [c.quote for c in figures("MAY 12: 300 MIGRANTS DETAINED")] == ["300 MIGRANTS"]
    # a modal in a capitalised headline is no month
    assert [c.quote for c in figures("CARAVAN OF 5,000 MAY REACH 8,000")] == ["5,000", "8,000"]


def test_a_count_of_people_keeps_the_sentence_before_when_it_has_no_figure():
    text = (
        "The Cubans stayed behind in the square. The police counted 310 on Thursday. "
        "It rained for 3 days.\n\nA new paragraph. About 400 slept there."
    )
    leads = {c.quote: c.lead for c in figures(text)}
    assert leads == {
        "310": "The Cubans stayed behind in the square.",
        "3 days": "",  # not a count of people
        "About 400": "A new paragraph.",
    }
    # the sentence before has a figure of its own: nothing is carried
    assert [c.lead for c in figures("Some 200 left. About 400 slept there.")] == ["", ""]


def test_a_line_of_figure_colon_label_takes_its_unit_from_the_label():
    found = figures("By the numbers\n- 61: buses it used.\n- 2,310: people it carried.\n")
    assert [(c.quote, c.unit) for c in found] == [("61", "buses"), ("2,310", "people")]
    assert [c.quote for c in figures("At 10: 30 people waited.")][-1] == "30 people"


def test_a_bare_high_or_low_of_the_day_is_a_temperature():
    assert one("Hot and sticky, a high of 36, storms likely after four.").unit == "degrees"
    assert one("Temperatures hit 41 on Monday in the camp.").unit == "degrees"
    assert one("The crowd reached a high of 3,000 on Monday.").unit != "degrees"


def test_a_unit_joined_to_its_number_by_a_hyphen_is_its_unit():
    assert one("They could not pay for a 1,380-peso ticket to Monterrey.").unit == "mxn"
    assert one("The march went on in 38-degree heat.").unit == "degrees"
    assert one("Each paid a 40-quetzal fare.").unit == "gtq"
    units = [c.unit for c in figures("A 12-year-old boy was among 5-10 people.")]
    assert units == ["age", "people"]


@pytest.mark.parametrize(
    ("text", "quote", "unit"),
    [
        ("The two men who died were cousins, 19 and 23 years old.", "19", "age"),
        ("The boys, 12, 14 or 15 years old, travelled alone.", "14", "age"),
        ("Some 300 and then 400 people walked.", "Some 300", "people"),
    ],
)
def test_the_first_of_ages_listed_before_years_old_is_an_age(text: str, quote: str, unit: str):
    units = {claim.quote: claim.unit for claim in figures(text)}
    assert units[quote] == unit, units


@pytest.mark.parametrize(
    ("text", "quote", "qualifier"),
    [
        ("The institute says the caravan has never exceeded 2,100 people.", "exceeded 2,100 people", "upper"),
        ("The caravan has at no moment exceeded 2,100 people, she said.", "exceeded 2,100 people", "upper"),
        ("The contingent does not exceed 2,000 persons.", "exceed 2,000 persons", "upper"),
        ("It didn't exceed 2,000 people.", "exceed 2,000 people", "upper"),
        ("Our count has never gone above 3,000.", "above 3,000", "upper"),
        ("There were never fewer than 500 people in the square.", "fewer than 500 people", "lower"),
        ("The crowd exceeded 2,000 people.", "exceeded 2,000 people", "lower"),
        ("Police did not say whether more than 2,000 people arrived.", "more than 2,000 people", "lower"),
    ],
)  # fmt: skip
def test_a_negated_floor_is_a_ceiling_and_a_negated_ceiling_a_floor(text, quote, qualifier):
    found = {c.quote: c.qualifier for c in figures(text)}
    assert found[quote] == qualifier


def test_a_bare_number_before_a_semicolon_does_not_take_the_unit_of_the_next_clause():
    found = figures(
        "The respite center, built for 350, held about 600; two church halls held about 240."
    )
    assert [(c.quote, c.unit) for c in found][1] == ("about 600", "count")


def test_of_them_after_a_count_of_things_counts_those_things_unless_people_came_first():
    found = figures(
        "Some 52 member trucks wait in the queue; 14 of them carry frozen food. About 2,000 "
        "people came in 40 buses; 30 of them were children."
    )
    units = {c.quote: c.unit for c in found}
    assert units["14"] == "trucks"
    assert units["30"] == "people"


def test_people_counting_themselves_in_spanish_group_thousands_with_a_dot():
    found = figures(
        "«Somos 4.200 y vamos juntos», dijo el vocero. «Ya somos casi 1.900», dijo otra. "
        "The rate was 3.600 on Friday."
    )
    assert [(c.low, c.unit) for c in found] == [(4200, "count"), (1900, "count"), (3.6, "count")]
