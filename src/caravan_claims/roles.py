"""Stage 3a (grouping), first step — what each figure counts, from the claims table alone.

Before two figures can be reconciled it must be clear that they count the same people. Every claim
of an event's article gets a *role*:

- ``total``: the size of the event's main group (the caravan, or the camp of a camp event);
- ``part``: a sub-population of a group ("about 1,800 minors", "812 members of family units"),
  with its ``part_kind`` and the claim of the group it belongs to (``part_of_claim``);
- ``other_group``: the size of another group in the same event ("a separate caravan of about
  3,000", "the 2,000 who left in April", a shelter's population), with a ``group_key`` that names
  it (its origin, nationality, shelter or month);
- ``other_measure``: another count of the same people: detained, deported, returned, dead,
  injured, admitted, asylum applications, visas, a shelter's capacity;
- ``other_actor``: people who are not the group (National Guard members, police, volunteers);
- ``not_people``: distances, money, durations, shares.

The rules read the claim's sentence (which the claims table carries), its unit and noun, and the
claims before it in the same article; the word lists are data in ``lexicons/``. This module never
reads article text: it is a stage after extraction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import cache

import pandas as pd

from caravan_claims import context, dates, frames, lexicons, places, processes, role_model

UNSPECIFIED = "other:unspecified"  # people who form no group the sentence names
ROLES = ("total", "part", "other_group", "other_measure", "other_actor", "not_people")
PEOPLE_UNITS = {r["unit"] for r in lexicons.rows("unit_measures") if r["kind"] == "people"}
HOUSEHOLD_UNITS = {r["unit"] for r in lexicons.rows("unit_measures") if r["kind"] == "household"}
# Units a count of the group's people may carry when it is another measure of them: places in a
# shelter, documents issued, requests filed (unit -> measure, "" when the words around say).
MEASURE_UNITS = {
    r["unit"]: r["measure"] for r in lexicons.rows("unit_measures") if r["kind"] == "group_measure"
}
_HYPOTHETICAL = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'hypothetical')})\b[^.;]{{0,60}}$"
)
ROLE_COLUMNS = [
    "claim_id", "role", "group_key", "group_kind", "count_of", "part_kind", "part_of_claim",
    "breakdown", "role_note",
]  # fmt: skip

_PEOPLE_CONTEXT = lexicons.pattern("role_cues", "people_context")
_PART_CONTEXT = re.compile(
    rf"(?i)\b(?:among (?:{lexicons.alternation('role_cues', 'of_them')}|the \w+)|"
    rf"{lexicons.alternation('role_cues', 'including')}|"
    rf"of (?:{lexicons.alternation('role_cues', 'of_them')})|"
    rf"of the (?:\w+ ){{0,2}}(?:{lexicons.alternation('role_cues', 'people_of')}))\b"
)
_DEMOGRAPHIC_PART = "|".join(
    f"(?:{row['pattern']})" for row in lexicons.rows("part_nouns") if row["type"] == "demographic"
)
# "about 600 Nicaraguans and some 350 women": a nationality listed beside a part of the group
_BESIDE_A_PART = re.compile(
    rf"(?i)^\s*(?:,\s*(?:and\s+)?|and\s+)(?:[\w-]+\s+){{0,3}}?[\d,]+\s+(?:[\w-]+\s+)?"
    rf"(?:{_DEMOGRAPHIC_PART})\b"
)
_NATIONALITY_PART = "|".join(
    f"(?:{row['pattern']})" for row in lexicons.rows("part_nouns") if row["type"] == "nationality"
)
# "1,020 Mexicans, 640 Venezuelans, 390 Hondurans": counts by nationality listed together are a
# census of the group, each a part of it
_BESIDE_A_NATIONALITY = re.compile(
    rf"(?i)^\s*(?:,\s*(?:and\s+)?|and\s+)(?:[\w-]+\s+){{0,2}}?[\d,]+\s+(?:{_NATIONALITY_PART})\b"
)
_ALONE = re.compile(r"(?i)^\s+alone\b")
# "of them", "of whom": the pronoun that makes a figure part of the group named before
_OF_PRONOUN = rf"of (?:{lexicons.alternation('role_cues', 'predicate_pronoun')})"
_OF_THEM_AFTER = re.compile(
    rf"(?i)^\s*(?:{_OF_PRONOUN}|of (?:those|the) [^,.;:]{{0,40}}?)?\s*"
    rf"(?:,\s*\w+(?: \w+)? (?:{lexicons.alternation('role_cues', 'speech_aside')}),\s*)?"
    rf"(?:{lexicons.alternation('role_cues', 'predicate_verb')})\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'predicate_hedge')}) to be\s+)?"
)
_ANAPHORA = re.compile(
    rf"(?i)(?:\b(?:{lexicons.alternation('role_cues', 'anaphora_verb')})\s+"
    rf"(?:{lexicons.alternation('role_cues', 'anaphora_object')})\s+at\s*"
    # "Last night it held 180": the place named before, by its pronoun (not the speaker's own
    # "it": "the Albergue San Judas said that it now houses 340")
    r"|(?<!said )(?<!says )(?<!that )\bit\s+(?:now\s+|still\s+)?"
    r"(?:held|holds|housed|houses|sheltered|shelters)\s+)"
    rf"(?:(?:{lexicons.alternation('role_cues', 'anaphora_qualifier')}) )?$"
)
# places' name shape, but "the" also joins two words ("At the Albergue Belén"): kept, so that roles
# read every name exactly as before.
_CAPITALISED = f"(?:{places.capitalised_name('the')})"
# The patterns below that read capitalised names are case-sensitive, their words too.
_ORIGIN = re.compile(
    rf"\b(?:{lexicons.alternation('role_cues', 'origin')})\s+(?:the city of\s+)?({_CAPITALISED})"
)
_FORMING_AT = re.compile(
    rf"\b(?:{lexicons.alternation('role_cues', 'forming')})\s+(?:\w+\s+){{0,3}}?"
    rf"in\s+(?:the\s+(?:\w+\s+){{0,2}}city of\s+)?({_CAPITALISED})"
)
_SHELTER_NOUN = lexicons.alternation("role_cues", "shelter_noun")
_SHELTER_NAME = re.compile(
    rf"\b((?:{lexicons.alternation('role_cues', 'shelter_opening')})"
    rf"(?:\s+(?:de(?:l)?|la|las|los|el))?\s+{_CAPITALISED})|"
    rf"(?:the\s+)?({_CAPITALISED})\s+(?:{_SHELTER_NOUN})|"
    rf"(?:{_SHELTER_NOUN})\s+(?:in\s+)?({_CAPITALISED})|"
    rf"\b({_CAPITALISED}\s+(?:{lexicons.alternation('role_cues', 'shelter_suffix')}))\b"
)
_STOP_HEAD = re.compile(  # case-sensitive: "In" and "When" do not end the phrase
    rf"[,;.:!?()\"“”·•|]|\b(?:{lexicons.alternation('role_cues', 'clause_word')})\b"
)
_IN_PLACE = re.compile(  # "In Ciudad Hidalgo, ...": places' framing word
    rf"(?:^|[,.;]\s*)(?:{lexicons.alternation('place_cues', 'framing')})\s+({_CAPITALISED}),"
)
_IN_NAME = re.compile(rf"\bin\s+({_CAPITALISED})")
_SHELTER_OPENING = re.compile(rf"(?:{lexicons.alternation('role_cues', 'shelter_opening')})\b")
_AT_NAME = re.compile(rf"\s*At\s+({_CAPITALISED}),")  # a sentence framed by a named place


@dataclass(frozen=True)
class EventInfo:
    event_id: str
    kind: str  # caravan, camp or shelter: what the event's main group is
    start: dt.date | None
    label: str = ""
    main_places: places.Location = dataclasses.field(default_factory=places.Location)
    # the median of the event's counts of people: how big its figures usually are
    typical_count: float = math.nan


# matched against the lower-cased label, so compiled as they are (no (?i))
_CARAVAN_LABEL = re.compile(lexicons.alternation("role_cues", "caravan_label"))
_CAMP_LABEL = re.compile(lexicons.alternation("role_cues", "camp_label"))
_SHELTER_LABEL = re.compile(lexicons.alternation("role_cues", "shelter_label"))


def _rides_trains(event: EventInfo) -> bool:
    """The event's label says its people ride freight trains ("Wave of migrants riding freight
    trains north from Irapuato")."""
    return bool(_FREIGHT_TRAIN.search(event.label))


def _label_kind(label: str) -> str:
    """What a label names first: "Caravana Cordillera ... across the Talismán bridge" is a
    caravan, "Camp on the sports field ..." a camp, "Ciudad Juárez shelters" the shelters."""
    kinds = (("caravan", _CARAVAN_LABEL), ("camp", _CAMP_LABEL), ("shelter", _SHELTER_LABEL))
    found = [(match.start(), kind) for kind, pattern in kinds if (match := pattern.search(label))]
    return min(found)[1] if found else "caravan"


_WEAK_CAMP_LABEL = re.compile(lexicons.alternation("role_cues", "weak_camp_label"))
_COVERAGE_SHELTERS = re.compile(lexicons.alternation("role_cues", "coverage_shelters"), re.I)
_COVERAGE_CAMP = re.compile(lexicons.alternation("role_cues", "coverage_camp"), re.I)


def event_infos(
    events: pd.DataFrame, sentences: dict[str, set[str]] | None = None
) -> dict[str, EventInfo]:
    """Each event's kind (from an optional ``kind`` column, else its label: a label naming a camp
    or shelter makes that the main group) and start date. A label that makes a camp only by a
    word such as "waiting" ("Migrants waiting in Nogales ...") leaves the kind to the coverage,
    when the ``sentences`` of each event's figures are given (:func:`sentences_by_event`): the
    shelters, if they speak of shelters more often than of camps and tents."""
    sentences = sentences or {}
    infos = {}
    for row in events.to_dict("records"):
        label = f"{row.get('label', '')} {row.get('kind', '')}".lower()
        kind = row.get("kind") or _label_kind(label)
        if not row.get("kind") and kind == "camp" and _camp_only_by_weak_words(label):
            kind = _kind_from_coverage(sentences.get(row["event_id"], set()), kind)
        start = dt.date.fromisoformat(row["start"]) if row.get("start") else None
        infos[row["event_id"]] = EventInfo(
            row["event_id"], kind, start, label=str(row.get("label") or "")
        )
    return infos


def _camp_only_by_weak_words(label: str) -> bool:
    return _label_kind(_WEAK_CAMP_LABEL.sub(" ", label)) != "camp"


def _kind_from_coverage(sentences: set[str], kind: str) -> str:
    shelters = sum(1 for s in sentences if _COVERAGE_SHELTERS.search(s))
    camps = sum(1 for s in sentences if _COVERAGE_CAMP.search(s))
    return "shelter" if shelters > camps else kind


def sentences_by_event(claims: pd.DataFrame, event_of: dict[str, str]) -> dict[str, set[str]]:
    """The sentences of each event's figures (``event_of``: article id -> event id)."""
    sentences: dict[str, set[str]] = {}
    for article_id, sentence in zip(claims["article_id"], claims["sentence"], strict=True):
        sentences.setdefault(event_of.get(article_id, ""), set()).add(sentence)
    return sentences


def event_context(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    executor: Executor | None = None,
) -> dict[str, EventInfo]:
    """:func:`event_infos` read with the event's coverage, and each event's main places: the
    claims' sentences are gathered by event once for both. ``executor``: a pool of processes
    that finds the main places of runs of events (the same as in this process)."""
    event_of = dict(zip(corpus["article_id"], corpus["event_id"], strict=True))
    sentences = sentences_by_event(claims, event_of)
    infos = _with_main_places(event_infos(events, sentences), sentences, executor)
    typical = _typical_counts(claims, event_of)
    return {
        event_id: dataclasses.replace(info, typical_count=typical.get(event_id, math.nan))
        for event_id, info in infos.items()
    }


def _typical_counts(claims: pd.DataFrame, event_of: dict[str, str]) -> dict[str, float]:
    """Per event, the median of its claims' counts of people."""
    people = claims[claims["unit"].isin(PEOPLE_UNITS)]
    lows = pd.to_numeric(people["low"], errors="coerce")
    events = people["article_id"].map(event_of)
    return {e: float(v) for e, v in lows.groupby(events).median().items() if v == v}


@dataclass
class Role:
    role: str
    group_key: str = ""  # "" for the main group; a name for another group or an actor
    group_kind: str = ""  # caravan, camp, shelter, group, actor
    count_of: str = "size"  # size, or the other measure (detained, deported, ...)
    part_kind: str = ""
    part_of_claim: str = ""
    breakdown: str = ""
    note: str = ""


def _window(
    sentence: str, start: int, end: int, neighbours: list[tuple[int, int]], reach: int = 90
) -> tuple[str, str]:
    """The words before and after a figure within its sentence, cut at the figures beside it
    and at most ``reach`` characters each way, so that a cue belongs to this figure."""
    left = max([e for s, e in neighbours if e <= start] + [0, start - reach])
    limit = min([s for s, e in neighbours if s >= end] + [len(sentence)])  # the next figure
    right = min(limit, end + reach)
    # a reach that ends inside a word or a name ends after it: "at Costa Ri" named a town
    if 0 < left < start and sentence[left - 1].isalnum() and sentence[left].isalnum():
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if end < right < limit and sentence[right - 1].isalnum():
        right = _NAME_REST.match(sentence, right, limit).end()
    before, after = sentence[left:start], sentence[end:right]
    if not sentence[:start].strip(" \t-•*"):  # "280 — people on the state's first buses": the
        after = _LABEL_DASH.sub(" ", after, count=1)  # label after the dash is the figure's
    return before, after


_LABEL_DASH = re.compile(r"^[ \t]*[—–][ \t]*")
# the rest of a word, and of a capitalised name it is part of ("...a Ri|ca's southern border")
_NAME_REST = re.compile(r"[\w'’.-]*(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w'’.-]*)*")


def _first(lexicon: str, text: str, column: str) -> str:
    """``column`` of the first row of a lexicon (in its order) whose pattern ``text`` holds as
    whole words."""
    if not _any_row(lexicon).search(text):
        return ""  # most texts hold none: one search of every row instead of one per row
    for row in lexicons.rows(lexicon):
        if _word_pattern(row["pattern"]).search(text):
            return row[column]
    return ""


@cache
def _word_pattern(pattern: str) -> re.Pattern[str]:
    """A lexicon row's pattern as whole words, case-insensitive, compiled once."""
    return re.compile(rf"(?i)\b(?:{pattern})\b")


@cache
def _any_row(lexicon: str) -> re.Pattern[str]:
    """Finds something wherever any row of ``lexicon`` is found as whole words (a word boundary,
    then any row), so a text it finds nothing in holds none. The leading boundary lets the
    engine pass over most positions at once: about 2.5 times as fast as the bare alternation."""
    return re.compile(rf"(?i)\b(?:{lexicons.alternation(lexicon)})")


_NUMBER_OF = re.compile(
    # "the number of people injured ...", "the number admitted had risen to 11"
    r"(?i)\bnumber (?:of ((?:[\w-]+\s+){0,3}[\w-]+)|((?:admitted|hospitali[sz]ed|detained|"
    r"deported|returned|injured|treated|dead|rescued|bused)\b(?:\s+to\s+hospital)?))"
    r"\s+(?:\w+\s+){0,16}?"
    rf"(?:{lexicons.alternation('role_cues', 'number_of_verb')})\s*$"
)


# "350 members of the Army": whose members says who (matched whole, on the lower-cased noun)
_MEMBERS = re.compile(lexicons.alternation("role_cues", "members"))
_JOINER = re.compile(lexicons.alternation("role_cues", "joiner"))
_DEPLOYED = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'deploy_verb')})\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'anaphora_qualifier')}|another|an extra) )?$"
)


def _actor(claim: dict, before: str, after: str) -> tuple[str, bool]:
    """The actor a figure counts, and whether they are the writer's own ("Six of our staff")."""
    ours = _OF_OURS.match(after)
    return _actor_counted(claim, before, after, ours), bool(ours)


def _actor_counted(claim: dict, before: str, after: str, ours: re.Match[str] | None) -> str:
    """The actor a figure counts: from its noun, or the words right after a bare number
    ("60 Office of Field Operations officers", "400 agents of the National Civil Police")."""
    if claim["noun"] and not _MEMBERS.fullmatch(claim["noun"].lower()):
        if _question_of(claim):  # "How many volunteers do you have? A: 35"
            return _head_actor(f"{claim['quote']} {claim['noun']}")
        # a bare number's unit may be inherited
        return _head_actor(claim["quote"]) or _helpers(claim, after)
    own = _theirs_who_write(ours) if ours and not claim["noun"] else ""
    if own:
        return own
    head = _STOP_HEAD.split(re.split(r"[,;.:!?()]", after[:60], maxsplit=1)[0], maxsplit=1)[0]
    counted = _NUMBER_OF.search(before[-100:])
    words = head.split()[:7]
    if words and _JOINER.fullmatch(words[0].lower()):
        words = []  # "the organisers claimed more than 4,000 and reporters ...": not its noun
    for size in range(len(words), -1, -1):  # the longest phrase whose head noun is an actor
        found = _head_actor(" ".join([claim["quote"], *words[:size]]))
        if found:
            return found
    # "the number of Fuerza Civil officers"
    named = (counted.group(1) or "").split() if counted else []
    found = next(
        (a for size in range(len(named), 0, -1) if (a := _head_actor(" ".join(named[:size])))), ""
    )
    put = _PUT_AT.search(before[-120:]) if not found and not claim["noun"] else None
    if put:  # "put the Guard troops at the checkpoint on Thursday at about 250"
        found = _head_actor(put.group(1))
    if not found and not claim["noun"] and _DEPLOYED.search(before[-60:]):
        return "forces"  # "The Security Secretariat says it has sent 500"
    opening = claim["sentence"][: claim["start"] - claim["sentence_start"]]
    apposed = _APPOSED_OPENING.fullmatch(opening)
    if not found and not claim["noun"] and apposed:
        return _head_actor(apposed.group(1))  # "Her volunteers, about 60 in all, have counted"
    members = _MEMBERS.fullmatch(str(claim["noun"]).lower())
    if not found and members and (_DEPLOYED.search(before[-60:]) or _HAS_NOW.search(before[-30:])):
        return _last_named("actor_nouns", "actor", opening)  # "The National Guard ... deployed"
    return found or _helpers(claim, after)


_FORCE_ACTOR = re.compile(lexicons.alternation("role_cues", "force_actor"))
# "Six of our staff", "Nine of our members": the writer's own people, who help or work
_OF_OURS = re.compile(r"(?i)\s+of\s+(?:our|my)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)")


def _theirs_who_write(ours: re.Match[str]) -> str:
    """The actor a bare number counts out of the writer's own organisation, or ""."""
    words = ours.group(1).split()
    for size in range(len(words), 0, -1):
        found = _head_actor(" ".join(words[:size]))
        if found:
            return found
        if _HELPER_NOUN.fullmatch(words[size - 1].lower()):
            return "volunteers"
    return ""


def _helpers(claim: dict, after: str) -> str:
    """ "Forty-one members took turns cooking in the community kitchen", "Eighteen residents of
    the building have signed up to help": people who help the group, by the verb after them."""
    if _HELPER_NOUN.fullmatch(str(claim["noun"]).lower()) and _HELPER_VERB.match(after):
        return "volunteers"
    return ""


# a sentence that opens with a short noun phrase and a comma before its bare figure: the phrase
# is what the figure counts ("Our church volunteers, some 40 of us on a good day, filled the gap")
_APPOSED_OPENING = re.compile(r"\W*((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*,\s*")
_PUT_AT = re.compile(
    r"(?i)\bput\s+(?:the\s+)?([\w'’ -]{1,40}?)(?:\s+(?:at|in|on|near|along)\b[^.;:]{0,60}?)?"
    r"\s+at\s+$"
)
_HELPER_NOUN = re.compile(lexicons.alternation("role_cues", "helper_noun"))
_HELPER_VERB = re.compile(rf"(?i){lexicons.alternation('role_cues', 'helper_verb')}")
_HAS_NOW = re.compile(r"(?i)\b(?:has|have|had)\s+(?:now\s+)?(?:\w+\s+)?$")


def _last_named(lexicon: str, column: str, text: str) -> str:
    """``column`` of the lexicon row whose pattern ``text`` holds last (as whole words), or "":
    the actor named last ("The Guard said it now has"), the part named just before a verb."""
    if not _any_row(lexicon).search(text):
        return ""
    found = [
        (match.end(), row[column])
        for row in lexicons.rows(lexicon)
        for match in _word_pattern(row["pattern"]).finditer(text)
    ]
    return max(found)[1] if found else ""


def _head_actor(phrase: str) -> str:
    """The actor a phrase's head noun names: "about 500 National Guard members", "60 Office
    of Field Operations officers"; not "14 state police patrol cars" (the head is cars)."""
    for row in lexicons.rows("actor_nouns"):
        if _ending_pattern(row["pattern"]).search(phrase):
            return row["actor"]
    return ""


_any_case = lexicons.any_case  # a lexicon row's pattern, case-insensitive, compiled once


@cache
def _ending_pattern(pattern: str) -> re.Pattern[str]:
    """A lexicon row's pattern at the end of a phrase, case-insensitive, compiled once."""
    return re.compile(rf"(?i)\b(?:{pattern})\s*$")


_NEXT_ITEM = re.compile(
    rf"(?i)(?:,|\s(?:{lexicons.alternation('role_cues', 'list_and')}))\s+(?=\d)"
)


_EVERYONE = re.compile(  # "1,500 men, women and children": everyone, not the men
    r"(?i)^\s*(?:(?:men|women|adults|children),\s*)+(?:men|women|adults|children)\s+and\s+"
    r"(?:men|women|adults|children|minors)\b"
)


# one person named by an article or "one" ("A Honduran man", "one Guatemalan woman")
_ONE_PERSON = re.compile(
    r"(?i)(?:an?|one)\s+(?:[\w'’-]+\s+){0,2}?"
    rf"(?:{lexicons.word_alternation('one_person_nouns')})$"
)


def _noun_part(claim: dict, after: str) -> str:
    """The sub-population a figure's own words name: its noun ("612 minors") and the words
    right after it ("812 members of family units"), up to the first clause word; never the next
    item of a list ("389 women and 213 minors")."""
    if _EVERYONE.match(f"{claim['noun']}{after}" if claim["noun"] else after):
        return ""
    own = _first("part_nouns", claim["quote"], "part_kind")
    if own:
        return own
    head = _STOP_HEAD.split(after[:50], maxsplit=1)[0]
    if after.lstrip().lower().startswith("of "):
        head = " ".join(after.split()[:4])
    head = _NEXT_ITEM.split(head, maxsplit=1)[0]
    return _first("part_nouns", f"{claim['quote']} {head}", "part_kind")


_PARTITIVE_AFTER = re.compile(
    rf"(?i)^\s*of (?:{lexicons.alternation('role_cues', 'of_them')}|its \w+|the \w+(?: \w+)?)\b"
)
_SUBJECT_VERB = re.compile(
    rf"(?i)\b(?:alone\s+)?(?:{lexicons.alternation('role_cues', 'subject_verb')})\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'subject_qualifier')}) )?$"
)


def _subject_part(before: str, after: str) -> str:
    """The sub-population a clause makes the subject of the figure ("Venezuelan migrants alone
    numbered about 650", "Women and girls made up about 1,000") or names before a partitive
    ("Hondurans are the largest contingent, about 1,400 of the travellers")."""
    clause = re.split(r"[;:]|,\s", before)[-1][-90:]
    put = _PUT_PART_AT.search(clause)  # "Batista puts the Cubans alone at about 1,500"
    if put:
        return _first("part_nouns", put.group(1), "part_kind")
    counted = _NUMBER_OF.search(clause)  # "the number of children in the camp rose to 640"
    if counted and counted.group(1) and not _measure(counted.group(1), ""):
        return _first("part_nouns", counted.group(1), "part_kind")
    if _SUBJECT_VERB.search(clause):
        # the subject just before the verb, not an earlier part of the clause ("about 600 of
        # the travelers are children and that Nicaraguans alone number some 700")
        return _last_named("part_nouns", "part_kind", clause)
    if _PARTITIVE_AFTER.match(after) and not _measure(before, after):
        # "about 1,400 of the travellers" after "Hondurans are the largest contingent"; but
        # "210 of its members accepted permits" and "the Nicaraguan Red Cross has attended 236
        # members of the caravan" count a measure, not a part
        return _first("part_nouns", before[-90:], "part_kind")
    return ""


_PUT_PART_AT = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'anaphora_verb')})s?\s+the\s+"
    r"([\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:(?:in|among|of)\s+the\s+[\w'’-]+\s+)?"
    r"(?:alone\s+|together\s+)?at\s+(?:[\w-]+\s+){0,2}?$"
)
# a sentence that opens with a short noun phrase and a comma right before the figure
_APPOSITION = re.compile(r"^\s*(?:[^\W\d][\w'’-]*\s+){0,4}[^\W\d][\w'’-]*,\s*$")


def _appositive_nationality(sentence: str, start: int) -> str:
    """The nationality a figure stands in apposition to: "The Haitians, about 900 when the march
    set out, were the first to go", "The Haitian families, in the region of 300 persons, walked
    at the rear": the figure sizes that nationality's people."""
    opening = sentence[:start]
    return _nationality(opening) if _APPOSITION.match(opening) else ""


def _of_the_group_sentence(sentence: str, start: int) -> bool:
    """ "Of the 127 persons rescued ..., 71 are Guatemalan, 38 Ecuadorian and 18 Honduran": the
    figures after the first are parts of it."""
    opening = re.match(r"(?i)\s*of (?:the|those|these) [\d,]+", sentence)
    return bool(opening and start > opening.end())


def _predicate_part(after: str) -> str:
    """The sub-population a predicate names: "about 2,300 of them are children", "About 5,000
    of the migrants are Hondurans"."""
    predicate = _OF_THEM_AFTER.match(after)
    if not predicate:
        return _part_after_of_them(after)
    # the predicate's own first words ("are mostly Hondurans"), not a later phrase ("were camped
    # on a sports field in this Mexican border town")
    words = " ".join(after[predicate.end() :].split()[:5])
    # nor a place after a preposition ("are waiting in the Colombian Caribbean town")
    words = _PLACE_PREPOSITION.split(words, maxsplit=1)[0]
    return _first("part_nouns", words, "part_kind")


# "Nine people, eight of them children, were admitted", "540 minors, 31 of them travelling
# without a parent": "of them" and the part itself, with no verb between
_OF_THEM_BARE = re.compile(
    rf"(?i)^\s*{_OF_PRONOUN}\s+"
    r"(?:travell?ing\s+)?"
)


def _part_after_of_them(after: str) -> str:
    """The part named right after "of them" when no verb comes between, or ''."""
    bare = _OF_THEM_BARE.match(after)
    if not bare or not _any_row("part_nouns").match(after, bare.end()):
        return ""
    return _first("part_nouns", " ".join(after[bare.end() :].split()[:4]), "part_kind")


_PLACE_PREPOSITION = re.compile(  # "were driven back to the Guatemalan border": not Guatemalans
    r"(?i)\b(?:in|on|at|near|into|inside|outside|along|across|through|toward|towards|to(?!\s+be\b))\b"
)


_NEXT_CLAUSE = re.compile(  # case-sensitive
    rf",\s+(?:{lexicons.alternation('role_cues', 'next_clause')})\b|;|\s—\s"
)


def _measure(before: str, after: str, far_after: str = "", question: str = "") -> str:
    """The measure the words around a figure name ("detained about 1,400"), or "". ``far_after``:
    the words after the figure beyond the usual window, for the cues that reach further."""
    # the words after a figure count up to the next clause: "down from as many as 15,000 on
    # Thursday, as authorities bused thousands" does not make the 15,000 people bused
    after = _NEXT_CLAUSE.split(after, maxsplit=1)[0]
    far_after = _NEXT_CLAUSE.split(far_after or after, maxsplit=1)[0]
    around = re.sub(r"\s+", " ", f"{before[-60:]} N {after[:70]}")
    far = re.sub(r"\s+", " ", f"{before[-60:]} N {far_after[:140]}")
    texts = {"before": before, "either": around, "far": far, "question": question, "heading": ""}
    if _COORDINATED_CLAUSE.search(before[-30:]) and _OWN_PREDICATE.match(after):
        # "Three migrants were killed and 22 were injured": a figure that opens a clause of its
        # own is measured by its own clause's words first
        own = re.sub(r"\s+", " ", f"N {after[:70]}")
        for row in lexicons.rows("measure_cues"):
            if row["position"] == "either" and _any_case(row["pattern"]).search(own):
                return row["measure"]
    for row in lexicons.rows("measure_cues"):
        text = texts.get(row["position"], around)
        if not text:
            continue
        if _any_case(row["pattern"]).search(text):
            return row["measure"]
    return ""


_COORDINATED_CLAUSE = re.compile(r"(?i)(?:\band|\bbut|\bwhile|\bwhereas|;)\s+(?:another\s+)?$")
_OWN_PREDICATE = re.compile(r"(?i)\s+(?:[\w-]+\s+){0,3}?(?:were|was|are|is|had|have|has)\b")


def _counted_measure(before: str) -> str:
    """The measure "the number of ..." names before a figure: "the number of humanitarian
    visitor cards handed to caravan members since Monday has risen to 1,100" counts visas."""
    counted = _NUMBER_OF.search(before[-160:])
    if counted and counted.group(2):  # "by Saturday the number admitted had risen to 11"
        admitted = counted.group(2).startswith("admitted") and "hospital" in before[-240:].lower()
        return "hospitalised" if admitted else _measure(counted.group(2), "")
    if counted:
        return _measure(counted.group(1), "")
    cases = _CASES_OF.search(before[-160:])  # "cases of gastrointestinal infection rose to 97"
    if cases:
        return _measure(cases.group(0), "")
    if _TOLL_SUBJECT.search(before[-80:]):
        return "dead"  # "the toll rose to three": the dead, however the count moves
    return "injured" if _ILLNESS_CASES.search(before[-160:]) else ""


_TOLL_SUBJECT = re.compile(
    r"(?i)\btoll\b(?!\s+(?:booths?|roads?|plazas?|gates?|stations?|free|bridges?))[^.;,]*$"
)


# "asked the state for six more buses and 300 cots", "500 blankets and 300 folding cots"
_SUPPLIES = re.compile(rf"(?i)\b(?:{lexicons.alternation('role_cues', 'supplies')})\b[^.;]*$")
_PATIENTS = re.compile(rf"(?i)(?:{lexicons.alternation('role_cues', 'patient_noun')})")
_CASES_OF = re.compile(r"(?i)\bcases? of (?:[\w-]+ ){0,3}[\w-]+")
_ILLNESS_CASES = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'illness_cases')})"
    r"(?:\s+(?!and\b|but\b)\w+){0,6}?\s*$"
)


def _is_group_size(before: str) -> bool:
    """ "a group of 900", "put the group at about 3,500", "numbered more than 10,000"."""
    return bool(lexicons.word_pattern("group_cues", "group_noun").search(before[-45:]))


_ELSEWHERE_OPENING = re.compile(
    rf"(?i)\s*(?:{lexicons.alternation('role_cues', 'elsewhere_opening')})\b"
)

_OTHER_SIDE_OPENING = re.compile(
    rf"(?i)\s*(?:{lexicons.alternation('role_cues', 'other_side_opening')})\b"
)


_NEXT_REPORTED = re.compile(r"(?i),?\s+and\s+that\s")


def _other_group_key(
    sentence: str, before: str, after: str, claim: dict, event: EventInfo | None
) -> str:
    """A name for a group other than the event's main one, or "" when nothing marks it as
    other: an earlier period, a cue word ("separate", "second", "another"), a shelter or camp
    in a caravan event, a place named as its origin."""
    earlier = _earlier_period(claim, event) if claim.get("statement") != "forecast" else ""
    if earlier:
        return f"earlier:{earlier}"
    # "an unlicensed boat carrying 31 people overturned": the people of a vehicle that crashed
    # or sank are a group of their own, whatever group they came from
    aboard = _CARRIED_BY.search(f"{before[-60:]} N")
    if aboard and _CRASHED.search(sentence):
        return "other:" + _slug(aboard.group(1).lower())
    # "said they numbered more than 5,000 and that more people would join": the next thing said
    # is not about this figure
    after = _NEXT_REPORTED.split(after, maxsplit=1)[0]
    near = before[-100:] + " " + claim["quote"] + " " + after[:90]
    # shelters that speak are a source, not a place ("A coalition of Tijuana shelters said the
    # camp was ..."), unless what they say is whom they house ("said it was housing 600")
    unmask = (lambda text: text) if _HOUSING.search(before[-40:]) else _unsourced
    shelter = _SHELTER_NAME.search(unmask(sentence))
    kind = event.kind if event else "caravan"
    sheltered = lexicons.pattern("group_cues", "shelter").search(
        _INCLUDING_SHELTERS.sub(
            " ", unmask(sentence[: claim["start"] - claim["sentence_start"]]) + " " + unmask(near)
        )
    )
    # "opened a sports centre as a shelter after rain soaked thousands of migrants camped outside
    # the agency": the figure's own words put its people in the camp
    camped = kind == "camp" and _CAMPED_AFTER.match(after)
    # "counted about 1,200 people at the Unidad Deportiva and the parish hall": a caravan's
    # people spread over two sites or more (and the streets around them) are the caravan
    several = (kind == "caravan" and _at_several_sites().match(after)) or _ACROSS_SITES.match(after)
    if (
        kind != "shelter"
        and not camped
        and not several
        and (shelter or sheltered or lexicons.pattern("group_cues", "capacity").search(sentence))
    ):
        return _shelter_key(sentence)
    # "About 900 people spent last night at the Unidad Deportiva": a caravan's people sleeping
    # in a gym or stadium are that shelter's count, not the caravan's size
    slept_in = kind == "caravan" and not several and _SLEEPING_VENUE.search(near)
    if slept_in:
        return _shelter_key(sentence, slept_in.group(1))
    # "640 people in the shelters: 240 at the Casa San Felipe, ...": an item of a list after a
    # colon is read from the colon, not with the total before it
    listed = (
        before.rsplit(":", 1)[1] + " " + claim["quote"] + " " + after[:90]
        if ":" in before
        else near
    )
    if kind == "shelter" and shelter and not several and not _SHELTERS_TOGETHER.search(listed):
        # one named shelter of the city's, not their total: the one named in the figure's own
        # item when the sentence lists several ("... about 560 at the Welcome Center, the
        # Recreation Center about 420")
        listed_key, by_street = _listed_shelter_key(before, after)
        named = listed_key or _shelter_key(sentence)
        town = named.split(":", 1)[1].replace("_", " ")
        # "Casa Emaús" names a shelter even when the event's label lists it among the shelters
        is_town = (
            not by_street  # "at a former bus garage on Poole Road", though the label lists it
            and event is not None
            and not (shelter.group(1) and shelter.group(1) in near)
            and places.is_main_town(town, event.main_places)
            and not places.names_a_venue(town)  # a shelter the label lists is still a shelter
        )
        if named != "shelter:unnamed" and not is_town:  # not "the Juárez shelter count"
            return named
    if kind == "shelter" and not _SHELTERS_TOGETHER.search(near):
        street = places.street_of(sentence) if _ONE_SHELTER.search(near) else ""
        if street:  # "the municipal shelter on Avenida Tecnológico": one shelter, by its street
            return "shelter:" + _slug(street)
        framed = _AT_NAME.match(sentence)
        if framed and (
            not places.is_main_town(framed.group(1), event.main_places)
            or _SHELTER_OPENING.match(framed.group(1))  # "At Casa Emaús," though the label lists it
        ):
            return "shelter:" + _slug(framed.group(1))  # "At San Judas Tadeo, the priest counted"
        one_venue = _one_venue_holding().match(sentence) or _venue_holds_the_figure().search(
            before[-60:]
        )
        if one_venue:  # "The gymnasium, which can take 1,050 people on cots, held 720"
            return "shelter:" + _slug(one_venue.group(1))
        asked = _asked_site(_question_of(claim), event)
        if asked:  # "How many people are sleeping at the Refugio tonight? 412."
            return "shelter:" + _slug(asked)
    site = _camp_site(sentence, before, after) if kind == "camp" else ""
    if site:  # "About 1,250 people were in the car park ... and about 690 on a ballfield"
        return "shelter:" + _slug(site)
    if kind != "caravan" and _A_CARAVAN_OF.search(f"{before[-40:]}{claim['quote']}"):
        return "other:caravan"  # the shelters' or a camp's event: "a caravan of 15,000 people"
    if kind != "caravan" and (
        _A_GROUP_OF.search(f"{before[-40:]}{claim['quote']}") or _IN_ONE_GROUP_AFTER.match(after)
    ):
        return "other:group"
    camp = lexicons.pattern("group_cues", "camp")
    main_named = places.names_main_group(before[-60:], kind=kind)  # "The rest of the column,"
    if (
        kind == "caravan"
        and camp.search(_WHERE_MOST_CAMPED.sub(" ", near))
        and not _sizes_the_caravan(sentence, before)
        and not main_named
    ):
        return "camp:" + _slug(_place(sentence) or "unnamed")
    # the figure's own clause: "calls a figure of 8,000 migrants false, and denies that a second
    # caravan of 6,000 is forming" names the second caravan in a clause of its own
    near = (
        near[: len(before[-100:]) + 1 + len(claim["quote"])]
        + _CLAIM_CLAUSE_END.split(after[:90], maxsplit=1)[0]
    )
    cue = lexicons.word_pattern("group_cues", "other_group").search(near)
    sentence_cue = _ELSEWHERE_OPENING.match(sentence) or (
        _OTHER_SIDE_OPENING.match(sentence) and not places.names_main_group(sentence, kind=kind)
    )
    forecast = claim.get("statement") == "forecast"  # "2,000 will be in La Ventosa by Sunday"
    # "rejected the figure of 7,000 migrants spread by a radio station in Phoenix": what follows a
    # denied figure says where the rumour went round, not where people are
    rumour = claim.get("statement") == "denial"
    location = _elsewhere(sentence, before, "" if forecast or rumour else after, event)
    # "the second caravan that activists had announced ... rejected the figure of 5,000 people":
    # a sentence that names an ordinal group speaks of it wherever its figure stands
    # ... though not one named in a clause of its own after the figure's: "calls a figure of
    # 8,000 migrants false, and denies that a second caravan of 6,000 is forming"
    ordinal_clause = (
        sentence[: claim["start"] - claim["sentence_start"]]
        + _CLAIM_CLAUSE_END.split(after, maxsplit=1)[0]
    )
    if cue or sentence_cue or _ORDINAL_GROUP.search(ordinal_clause):
        return "other:" + _slug(_distinguishing_name(sentence, near, event, location) or "unnamed")
    framed = places.framing_towns(sentence)
    framed_elsewhere = (
        places.elsewhere(places.Location(towns=framed), event.main_places)
        if framed and event is not None and event.main_places
        else ""
    )
    if framed_elsewhere:  # "In San Luis Río Colorado, the city's two shelters held about 500"
        return "other:" + _slug(framed_elsewhere)
    # the main group named in another clause ("counted fewer than 900 people in the shelters,
    # and fewer than 40 slept in the plaza") does not place the figure with it
    own_clause = _CLAUSE_BREAK.split(before)[-1] + claim["quote"] + after
    # ", reaching 3,180": a participle's subject is the sentence's ("The number of migrants in
    # the city's shelters has almost tripled since ... at the San Ysidro crossing, reaching")
    if _PARTICIPLE_BEFORE.search(before[-30:]):
        own_clause = sentence[:100] + " " + own_clause
    if location and not places.names_main_group(own_clause, kind=kind):
        return "other:" + _slug(location)
    those = _THOSE_WHO_WENT.search(before[-120:])  # "Of those who took the road to Corinto"
    away = those and event is not None and event.main_places
    if away and not places.is_main_town(those.group(1), event.main_places):
        return "other:" + _slug(those.group(1))
    origin = _GROUP_FROM.search(near)  # "The group from La Trinitaria, about 320 people"
    if origin and event is not None and event.main_places:
        town = places.as_town(next(name for name in origin.groups() if name))
        if town and not places.is_main_town(town, event.main_places):
            return "other:" + _slug(town)
    if kind == "shelter" and lexicons.pattern("group_cues", "street").search(near):
        return "other:street"  # "about 200 people sleeping on the pavement": not in the shelters
    return ""


# "520 people at the Albergue Puerta Norte in Azcapotzalco, 310 at the Casa San Felipe Neri, 240
# at ...": in a sentence listing figures by site, each figure counts the site named right after it
# (case-sensitive: the words between the figure and "at" are lower-case, "people", "of them")
_SITE_AFTER = re.compile(rf"\s*(?:[a-z][\w-]*\s+){{0,2}}?at\s+(?:the\s+)?({_CAPITALISED})")
_FIGURE_AT_SITE = re.compile(r"\d\s+(?:[a-z][\w-]*\s+){0,2}?at\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]")


def _listed_site(sentence: str, after: str) -> str:
    """The key of the site a figure of a list of sites counts ("shelter:casa_san_felipe_neri"
    when the list is of shelters, else "other:..."), or "" when the sentence lists no sites."""
    site = _SITE_AFTER.match(after)
    if not site or len(_FIGURE_AT_SITE.findall(sentence)) < 2:
        return ""
    name = _NOT_SHELTER_NAME.sub("", site.group(1))
    shelters = _SHELTER_NAME.search(sentence) or lexicons.pattern("group_cues", "shelter").search(
        sentence
    )
    return ("shelter:" if shelters else "other:") + _slug(name)


_ASKED_NAME = re.compile(
    r"\b(?:at|in)\s+the\s+([A-ZÁÉÍÓÚÑ][\w'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w'’-]+){0,3})"
)


def _asked_site(question: str, event: EventInfo | None) -> str:
    """One site a question asks about ("... sleeping at the Refugio tonight?", "And the
    municipal gym?"), or "" when it asks about all the city's shelters or names none."""
    if not question or _SHELTERS_TOGETHER.search(question):
        return ""
    named = _ASKED_NAME.search(question)
    if named and not (event and places.is_main_town(named.group(1), event.main_places)):
        return named.group(1)
    venue = _asked_venue().match(question)
    return venue.group(1) if venue else ""


@cache
def _asked_venue() -> re.Pattern[str]:
    return re.compile(
        rf"(?i)\s*(?:and\s+|what about\s+|how about\s+)?the\s+"
        rf"((?:[\w-]+\s+){{0,2}}?(?:{places.site_nouns()}))\s*\?\s*$"
    )


@cache
def _one_venue_holding() -> re.Pattern[str]:
    """A sentence whose subject is one hall, gym or plaza holding people ("The plaza held about
    630", "The stadium still holds 610"): in a city's shelters, one site, not all of them."""
    return re.compile(
        rf"(?i)\s*the\s+((?:[\w-]+\s+){{0,2}}?(?:{places.site_nouns()}))\b(?!s)"
        rf"(?:,[^.;]*?,)?\s+(?:still\s+|now\s+)?(?:held|holds|housed|houses|sheltered|shelters|had)\b"
    )


@cache
def _at_several_sites() -> re.Pattern[str]:
    """The words after a figure that place its people at two sites or more, or at a site and
    the streets around it: " people at the gym and the parish hall", " in the Gimnasio
    Tabacalero, the Rosario parish hall and the streets around them"."""
    return re.compile(
        r"(?i)\s*(?:[\w-]+\s+){0,2}?(?:at|in|on)\s+(?:the\s+)?[^.;:,]{2,80}?"
        # more places listed with commas ("in Danlí, in the Parque Central, at the fairground")
        r"(?:,\s*(?:(?:at|in|on)\s+(?:the\s+)?|the\s+)[^.;:,]{2,80}?){0,3}?"
        r"(?:,\s*|\s+and\s+)(?:(?:at|in|on)\s+)?the\s+(?:[\w'’-]+\s+){0,3}?"
        rf"(?:{places.site_nouns()}|streets)\b"
    )


@cache
def _venue_holds_the_figure() -> re.Pattern[str]:
    """ "... says the gym holds 1,100 people": one site holding the figure's people."""
    return re.compile(
        rf"(?i)\bthe\s+((?:[\w-]+\s+){{0,2}}?(?:{places.site_nouns()}))\s+(?:still\s+|now\s+)?"
        rf"(?:held|holds|housed|houses|sheltered|shelters)\s+(?:about\s+|some\s+|nearly\s+)?$"
    )


_A_CARAVAN_OF = re.compile(
    r"(?i)\bcaravans?\s+(?:of|with)\s+(?:(?:about|some|up to|more than|at least|nearly|over|"
    r"around|as many as)\s+)?[\d,.]+(?:\s+[\w-]+)?$"
)
# "an unlicensed boat carrying 31 people overturned": the vehicle (group 1) and the crash
_CARRIED_BY = lexicons.pattern("role_cues", "carried_by")
_CRASHED = lexicons.pattern("role_cues", "crashed")
# "a single group of 640 crossed", "Nearly 900 migrants crossed in one group": in a camp's or the
# shelters' event, a group that came as one is not the people waiting there
_A_GROUP_OF = re.compile(
    r"(?i)\b(?:a|one)\s+(?:(?:single|large|very large|new|separate|smaller)\s+)?group\s+of\s+"
    r"(?:(?:about|some|up to|more than|at least|nearly|over|around|as many as)\s+)?[\d,.]+"
    r"(?:\s+[\w-]+)?$"
)
_IN_ONE_GROUP_AFTER = re.compile(
    r"(?i)\s+(?:[\w-]+\s+){0,3}?in\s+(?:a|one)\s+(?:single\s+)?group\b|\s+in\s+the\s+group\s*,\s+which\b"
)
_CAMPED_AFTER = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,2}?(?:camped|camping|encamped)\b")
# "the group from La Trinitaria", "The Tenosique group, by now fewer than 200", "a group ... who
# left Tenosique": a group named by a town it came from that is not the main group's (a country
# of origin names no group apart: "the group from Honduras")
_GROUP_FROM = re.compile(
    rf"\b(?i:the|a|that|this)\s+(?i:group)\s+(?i:from|(?:that|which|who)\s+left)\s+({_CAPITALISED})"
    rf"|\b(?i:the)\s+({_CAPITALISED})\s+(?i:group)\b"
    rf"|\b(?i:who)\s+(?i:had\s+)?(?i:left)\s+({_CAPITALISED})"
    rf"|\b(?i:group)\s+(?i:that|which|who)\s+(?i:went|headed|turned|set off)\s+"
    rf"(?i:to|toward|towards|for)\s+({_CAPITALISED})"
    # "a caravan of 10,000 people coming from Tapachula", "no caravan of 5,000 had left
    # Querétaro", "10,000 more are leaving Tapachula to join us"
    rf"|\b(?i:a|an|no|another)\s+(?:[\w-]+\s+)?(?i:caravan|group|column)\s+(?i:of)\s+[\d.,]+\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?i:(?:is\s+|was\s+|were\s+|are\s+|had\s+|has\s+)?"
    rf"(?:coming|setting out|leaving|left|heading|departing|departed)(?:\s+from)?)"
    rf"\s+({_CAPITALISED})"
    rf"|\b[\d.,]+\s+(?i:more)\s+(?:[\w-]+\s+)?(?i:are|were|is)\s+"
    rf"(?i:leaving|coming from|setting out from)\s+({_CAPITALISED})"
)
# people named by where they went or stayed, in a clause about them: a group of its own when
# the main group is never there
_THOSE_WHO_WENT = re.compile(
    rf"\b(?i:those|the ones) (?i:who|that)\b[^,.;:]{{0,60}}?\b(?i:to|in|at|for|toward|towards)"
    rf"\s+(?:the\s+)?({_CAPITALISED})"
)


def _sizes_the_caravan(sentence: str, before: str) -> bool:
    """ "the caravan has dwindled to about 900 people, most of them camped in ...": the main
    group's size, not a camp's ("a camp of several hundred" still sizes a camp)."""
    return (
        _is_group_size(before)
        and not lexicons.pattern("group_cues", "camp").search(before[-45:])
        and places.names_main_group(sentence, kind="caravan")
    )


_SHELTER_AS_SOURCE = lexicons.pattern("role_cues", "shelter_as_source")
# measures of harm that count an actor's own people (officers hurt, agents killed)
_HARMS = {"injured", "hospitalised", "dead", "kidnapped"}
_HARMED = lexicons.pattern("role_cues", "harmed")
_WAITING_FOR = lexicons.pattern("role_cues", "waiting_for")
_HOUSING = lexicons.pattern("role_cues", "housing")
_ILLNESS = lexicons.word_pattern("role_cues", "illness")


def _unsourced(text: str) -> str:
    """The text without shelters that speak or that people came from ("caught up from shelters
    in Palenque"): neither houses the figure's people."""
    return _FROM_SHELTERS.sub(" ", _SHELTER_AS_SOURCE.sub(" ", text))


_FROM_SHELTERS = re.compile(r"(?i)\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+)?shelters?\b")


_IN_MAIN = lexicons.pattern("role_cues", "in_main")
# "Where is the main column now? About 900 people reached ...": the answer is about it
_MAIN_ASKED = re.compile(r"(?i)\bthe main (?:caravan|column|group|march|body)\b")
_SHARE_OF_GROUP = lexicons.pattern("role_cues", "share_of_group")
_OF_NATIONALITY = re.compile(
    rf"\s*(?:(?:are|were|is|was)\s+)?(?:of|from)\s+[A-Z][\w-]+\s+"
    rf"(?:{lexicons.alternation('role_cues', 'nationality_noun')})\b"
)
_FREIGHT_TRAIN = lexicons.pattern("role_cues", "freight_train")
# a contrast opens another group's clause: "... climbed onto a freight train, while about 1,700
# walked on" (commas and semicolons do not: "Of the 400 who boarded the train, about 350 ...")
_CLAUSE_OPENER = re.compile(rf"\b(?:{lexicons.alternation('role_cues', 'contrast')})\b")
_BY_BUS = lexicons.pattern("role_cues", "by_bus")
_WITH_THEM = re.compile(
    rf"(?i)\s*(?:[\w-]+\s+){{0,2}}?(?:{lexicons.alternation('role_cues', 'travel_verb')})\s+"
    r"(?:with|among|alongside)\s+(?:them|the (?:caravan|group|march|column|walkers|marchers))\b"
)


def _placed_with_main(sentence: str, before: str, after: str, event: EventInfo | None) -> bool:
    """ "Thousands of migrants are waiting in the town of Necoclí" when the camp is in Necoclí:
    the figure's own words put its people where the main group is reported (a town, or for a
    camp or shelters a venue)."""
    if event is None or not event.main_places:
        return False
    location = places.of_figure(sentence, before, _NEXT_CLAUSE.split(after, maxsplit=1)[0])
    if event.kind == "caravan":
        location = places.Location(towns=location.towns)
    return bool(location) and not places.elsewhere(location, event.main_places)


@cache
def _site_words() -> str:
    """ "in the car park", "on a municipal ballfield": a site of a kind a camp spreads over, its
    noun captured."""
    return (
        r"(?:at|in|on|inside)\s+(?:an?\s+|the\s+)?"
        rf"(?:[\w'’-]+\s+){{0,3}}?({_site_nouns_of_camps()})\b"
    )


@cache
def _at_a_site() -> re.Pattern[str]:
    return re.compile(rf"(?i)\s*(?:[\w'’-]+\s+){{0,3}}?{_site_words()}")


@cache
def _site_nouns_of_camps() -> str:
    return f"{places.site_nouns()}|{lexicons.alternation('group_cues', 'camp_site')}"


@cache
def _site_before() -> re.Pattern[str]:
    """A site as the subject of a figure: "The old gravel pit held about 1,240 people, the
    riverbank below it about 560"."""
    return re.compile(
        rf"(?i)\b({_site_nouns_of_camps()})\b(?:\s+[\w'’-]+){{0,4}}?\s*"
        r"(?:held|housed|had|took|sheltered)?\s*$"
    )


@cache
def _figure_at_a_site() -> re.Pattern[str]:
    """A figure and the site it is at: "about 690 on a municipal ballfield"."""
    return re.compile(rf"(?i)\d[\d,]*\s*(?:[\w'’-]+\s+){{0,3}}?{_site_words()}")


@cache
def _site_then_figure() -> re.Pattern[str]:
    """A site and the figure it holds after it: "the riverbank below it about 560"."""
    return re.compile(
        rf"(?i)\b({_site_nouns_of_camps()})\b(?:\s+(?!that\b|who\b|which\b)[\w'’-]+){{0,4}}?"
        r"\s*(?:held|housed|had|took|sheltered)?\s*(?:(?:about|around|some|nearly|almost|"
        r"more than|fewer than)\s+)?\d"
    )


def _camp_site(sentence: str, before: str, after: str) -> str:
    """The site a camp's figure counts when its sentence splits the camp over two sites or more,
    each with its own figure ("About 1,250 people were in the car park of a closed cinema and
    about 690 on a municipal ballfield"; "The gravel pit held about 1,240, the riverbank below
    it about 560"), or ""."""
    site = _at_a_site().match(after) or _site_before().search(before)
    if not site:
        return ""
    counted = {m.group(1).lower() for m in _figure_at_a_site().finditer(sentence)} | {
        m.group(1).lower() for m in _site_then_figure().finditer(sentence)
    }
    own = site.group(1).lower()
    return own if own in counted and len(counted) >= 2 else ""


# a figure counted over several sites at once: "at three sites near the port", "across the
# cold-storage yard, the ballfield and the Casa del Pescador" (not "in its 14 shelters": in a
# camp's coverage, the city's shelters are a group of their own)
_ACROSS_SITES = re.compile(
    r"(?i)^\s*(?:[\w'’-]+\s+){0,4}?(?:(?:at|in|across|between)\s+(?:(?:its|the|all)\s+)?"
    r"(?:both|two|three|four|five|six|several|\d+)\s+(?:[\w'’-]+\s+)?(?:sites|locations|"
    r"camps|venues)\b|across\s+the\s+[^.;]{0,80}?,?\s+and\s+(?:the|at)\b)"
)


def _elsewhere(sentence: str, before: str, after: str, event: EventInfo | None) -> str:
    """A town or venue of the figure where the event's main group is never reported (venues only
    for a camp or shelter: a caravan rests in whatever park or church lies on its way)."""
    if event is None or not event.main_places:
        return ""
    if _ACROSS_SITES.match(after):
        return ""  # "1,930 migrants at three sites near the port of entry": the whole, not one
    after = _NEXT_CLAUSE.split(after, maxsplit=1)[0]  # ", and ... the consulate in Hermosillo"
    location = places.of_figure(sentence, before, after)
    if event.kind == "caravan":
        location = places.Location(towns=location.towns)
    return places.elsewhere(location, event.main_places)


# where a clause of its own begins: ", and", ", but", ", while", ";"
_CLAIM_CLAUSE_END = re.compile(
    r",?\s+and\s+(?:[A-Z][\w'’-]*\s+){0,3}(?:den(?:y|ies|ied)|says?|said|insists?|insisted)\b"
)
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s*")
_PARTICIPLE_BEFORE = re.compile(
    r"(?i),\s+(?:reaching|rising to|climbing to|growing to|falling to|dropping to|bringing it to|"
    r"taking it to|pushing it to)\s+(?:[\w-]+\s+)?$"
)
# "the shelters": a city's shelters together, the words that name a shelter event's main group
_SHELTERS_TOGETHER = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('group_cues', 'main_shelter')})\b"
)
_ONE_SHELTER = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'one_shelter')})\b"
    rf"(?!\s+(?:{lexicons.alternation('role_cues', 'shelter_system')}))"
)


_NOT_SHELTER_NAME = re.compile(  # case-sensitive
    rf"^(?:(?:{lexicons.alternation('role_cues', 'not_shelter_name')})\s+)+"
)


_AT_NAME_AFTER = re.compile(r"(?i)^\s+(?:[\w'’-]+\s+){0,2}?(?:at|in|inside)\s+(?-i:the\s+)?")


def _listed_shelter_key(before: str, after: str) -> tuple[str, bool]:
    """The shelter a figure's own stretch of the sentence names, or "", and whether by its
    street: the name right after it ("about 560 at the Welcome Center"), else the street
    ("about 650 at a former bus garage on Poole Road"), else the last name before it ("Fuente
    de Vida about 230"). The stretch ends at the figures beside it (:func:`_window`)."""
    at = _AT_NAME_AFTER.match(after)
    if at:
        found = _SHELTER_NAME.match(after, at.end())
        if found:
            return _shelter_key(found.group()), False
        street = places.street_of(after[at.end() : at.end() + 60])
        if street:
            return "shelter:" + _slug(street), True
    names = list(_SHELTER_NAME.finditer(before))
    return (_shelter_key(names[-1].group()) if names else ""), False


def _shelter_key(sentence: str, venue: str = "") -> str:
    """ "shelter:casa_guadalupe": a shelter by its name, else the place it is in (else
    ``venue``, the hall it is)."""
    shelter = _SHELTER_NAME.search(sentence)
    name = next((g for g in shelter.groups() if g), "") if shelter else ""
    name = _NOT_SHELTER_NAME.sub("", name)
    return "shelter:" + _slug(name or _place(sentence) or venue or "unnamed")


_SLEEPING_VENUE = re.compile(lexicons.alternation("group_cues", "sleeping_venue"))

# case-sensitive, as the capitalised names they read
_ORG_BEFORE_NOUN = re.compile(
    r"((?:[A-Z][\w.'’-]*\s+(?:of\s+(?:the\s+)?)?){1,5})"
    rf"(?:{lexicons.alternation('role_cues', 'org_member')})\b"
)
_NOT_ORG = re.compile(lexicons.alternation("role_cues", "not_org"))  # matched whole, lower-cased
_ORG_AFTER = re.compile(
    rf"^\s*(?:\w+\s+){{0,2}}?(?:{lexicons.alternation('role_cues', 'org_after')}) the "
    r"((?:[A-Z][\w.'’-]*\s*){1,4})"
)
_ORG_SUBJECT = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w.'’-]*\s+){1,4}?)"
    rf"(?:(?:{lexicons.alternation('role_cues', 'org_adverb')})\s+)?"
    rf"(?:{lexicons.alternation('role_cues', 'org_verb')})\b"
)
_COUNTRY_ADJECTIVE = re.compile(  # case-sensitive: "US", not "us"
    rf"\b({lexicons.alternation('role_cues', 'actor_country')})\b"
)


def _actor_org(claim: dict, before: str, after: str) -> str:
    """Whose actors: "Border Patrol", "National Police", "Office of Field Operations", or the
    country named just before ("The Guatemalan police deployed about 400 officers")."""
    head = re.split(r"[,;.:!?()]", after[:60], maxsplit=1)[0]
    found = _ORG_BEFORE_NOUN.search(f"{claim['quote']} {head}")
    if found and not _NOT_ORG.fullmatch(found.group(1).split()[0].lower().split("-")[0]):
        return found.group(1).strip()
    after_org = _ORG_AFTER.match(head)
    if after_org:
        return after_org.group(1).strip()
    subject = _ORG_SUBJECT.search(before[-90:])
    if subject:
        return subject.group(1).strip()
    country = _COUNTRY_ADJECTIVE.search(before[-60:])
    return country.group(1) if country else ""


def _measure_group_key(sentence: str, claim: dict, event: EventInfo | None) -> str:
    """Whose people another measure counts: an earlier group (by the claim's period) or one the
    sentence names as another ("a smaller caravan dispersed after officials took away
    hundreds"); "" for the event's main group. "Another 250 were sent back" is still the main
    group: "another" qualifies the count, not the group."""
    earlier = _earlier_period(claim, event)
    if earlier:
        return f"earlier:{earlier}"
    if lexicons.word_pattern("group_cues", "other_group_noun").search(sentence):
        return "other:" + _slug(_distinguishing_name(sentence, sentence) or "unnamed")
    return ""


def _earlier_period(claim: dict, event: EventInfo | None) -> str:
    """The month of a claim whose period ends before its event started: it describes an earlier
    group ("the 2,000 who left in April")."""
    period = claim.get("period") or ""
    if not period or event is None or event.start is None:
        return ""
    last = period.split("/")[-1]
    pieces = [int(p) for p in last.split("-")]
    if len(pieces) == 1:
        ends = dt.date(pieces[0], 12, 31)
    elif len(pieces) == 2:
        following = dt.date(pieces[0] + pieces[1] // 12, pieces[1] % 12 + 1, 1)
        ends = following - dt.timedelta(days=1)
    else:
        ends = dt.date(*pieces)
    if event.kind != "caravan" and ends >= event.start - dt.timedelta(days=_PLACE_HISTORY_DAYS):
        return ""  # "about 1,900 in December" for January's shelters: the same place, earlier
    if ends < event.start - dt.timedelta(days=1):
        return period.split("/")[0][:7]
    return ""


# A camp or shelter population counted up to this many days before its event began is the same
# place's earlier reading; a caravan that left before its event began is another caravan.
_PLACE_HISTORY_DAYS = 45


def _distinguishing_name(
    sentence: str, near: str, event: EventInfo | None = None, location: str = ""
) -> str:
    """What tells one other group from another, most telling first: where it is forming ("in
    Choluteca"), a place the main group is never reported at ("In Ciudad Hidalgo, the 200 who
    stayed behind"), the nationality it is named by ("Salvadoran group", "1,200 Salvadorans"),
    its origin ("left San Salvador")."""
    forming = _FORMING_AT.search(sentence)
    if forming:
        return forming.group(1)
    if location:
        return location
    nationality = _nationality(near) or _nationality(sentence)
    if nationality:
        return nationality
    origin = _ORIGIN.search(sentence)
    if origin and event is not None and places.is_main_town(origin.group(1), event.main_places):
        return ""  # the main group left from there too: it tells nothing apart
    return origin.group(1) if origin else ""


def _place(sentence: str) -> str:
    found = _IN_PLACE.search(sentence) or _IN_NAME.search(sentence)
    return found.group(1) if found else ""


def _slug(name: str) -> str:
    words = re.sub(r"[^\w\s-]", "", re.sub(r"['’]s\b", "", name.lower())).split()
    slug = "_".join(w for w in words if w not in {"the", "a", "an"})
    return (slug[:60].rsplit("_", 1)[0] if len(slug) > 60 else slug) or "unnamed"


_TIME_RATES = {"", "day", "week", "month", "year", "hour"}


def _is_people(claim: dict, before: str, after: str) -> bool:
    if str(claim.get("per") or "") not in _TIME_RATES:
        return False  # "40 occupants per toilet": a ratio, not a count of people
    if claim["unit"] in PEOPLE_UNITS:
        return True
    # a bare number that took an actor's or a household's unit from words before it is read as
    # a bare count ("which shelters families in its hall, said it counted about 1,800")
    inherited = not claim["noun"] and (
        _first("actor_nouns", claim["unit"], "actor") or claim["unit"] in HOUSEHOLD_UNITS
    )
    if claim["unit"] != "count" and not inherited:
        # "A camp of 1,300 waits ...": a group's size, whatever word follows the number
        return _is_group_size(before) and claim.get("dimension", "count") in {"count", ""}
    if any(math.isfinite(v) and v % 1 for v in (claim["low"], claim.get("high", claim["low"]))):
        return False  # "17.42 pesos to the dollar", "38.5": no count of people has a fraction
    # In coverage of a group of people, a bare count of ten or more is almost always people; a
    # smaller one ("two", "four") needs words that say so.
    return bool(
        claim["low"] >= 10
        or _PEOPLE_CONTEXT.search(before[-60:] + " " + after[:60])
        or _measure(before, after)
        or _ANAPHORA.search(before)
    )


# "travelling with his wife and three children", "her two sons": one person's family (a small
# count: "her 300 parishioners" would be a group)
_ONES_OWN = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'possessive')})\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'own_family')})\s+and\s+)?$"
)


def classify(claim: dict, neighbours: list[tuple[int, int]], event: EventInfo | None) -> Role:
    """The role of one claim from its own sentence (see the module docstring)."""
    sentence = claim["sentence"]
    start, end = claim["start"] - claim["sentence_start"], claim["end"] - claim["sentence_start"]
    before, after = _window(sentence, start, end, neighbours)
    actor, ours = _actor(claim, before, after)
    if actor:
        # the writer's own people ("Six of our staff") are its own group
        own = ours and not _FORCE_ACTOR.fullmatch(actor)
        org = _actor_org(claim, before, after) or (f"own {claim['article_id']}" if own else "")
        key = f"actor:{actor}" + (f":{_slug(org)}" if org else "")
        harmed = _measure(before, after) if _HARMED.match(after) else ""
        if harmed in _HARMS:  # "the police said six officers were hurt by stones"
            return Role(
                "other_measure", group_key=key, group_kind="actor", count_of=harmed,
                note=f"actors {harmed}: a count of them, not of those deployed",
            )  # fmt: skip
        return Role("other_actor", group_key=key, group_kind="actor", note="an actor noun")
    if claim["unit"] in MEASURE_UNITS:
        measure = (
            _measure(before, f"{claim['quote']} {after}")
            or _counted_measure(before)
            or MEASURE_UNITS[claim["unit"]]
        )
        leading = sentence[max(0, start - 120) : start]  # the whole clause: "500 blankets and"
        if measure == "capacity" and _SUPPLIES.search(f"{leading}{claim['quote']}"):
            return Role(
                "not_people", count_of="",
                note=f"{claim['unit']} bought, asked for or given: goods, not a place's capacity",
            )  # fmt: skip
        if measure:
            return _measure_role(measure, sentence, claim, event, (before, after))
    # "about 90 families with small children": families counted by the figure's own noun, not a
    # bare number that took its unit from families named earlier in the sentence ("The parish,
    # which shelters families in its hall, said it counted about 1,800")
    if claim["unit"] in HOUSEHOLD_UNITS and (claim["noun"] or _item_label_part(before)):
        if _measure(before, after) == "capacity":  # "just under the cap of 1,250 families"
            return _measure_role("capacity", sentence, claim, event, (before, after))
        return Role("part", part_kind="families", note="a part of the group, counted in families")
    if claim["unit"] == "cases" and _ILLNESS.search(
        f"{before[-80:]} {claim['quote']} {after[:60]}"
    ):
        return _measure_role("injured", sentence, claim, event, (before, after))  # "heat cases"
    if not _is_people(claim, before, after):
        return Role("not_people", count_of="", note=f"counts {claim['unit']}, not people")
    if claim["low"] < 20 and _ONES_OWN.search(before[-40:]):
        return Role(
            "other_group", group_key=UNSPECIFIED, count_of="people",
            note="one person's own family or companions, not a part of a group",
        )  # fmt: skip
    row_nationality = _table_row_nationality(sentence, start, end) or (
        "" if _ONE_PERSON.match(claim["quote"]) else _census_country_part(sentence, start, end)
    )
    if row_nationality:
        return Role("part", part_kind=row_nationality, note="a row of a table by nationality")
    subject_part = _subject_part(before, after)
    # "The number of people injured when a pickup hit walkers near ... has risen to 15": the
    # clause may open further back than the window, though never past the figure before
    clause = sentence[max([e for s, e in neighbours if e <= start] + [0]) : start]
    counted = _counted_measure(clause)
    group_size = not (subject_part or counted) and (
        _is_group_size(before) or bool(_ANAPHORA.search(before))
    )
    # the figure's words up to the next figure, however far (the window stops at 90 characters)
    following = sentence[end : min([b for b, _ in neighbours if b >= end] + [end + 160])]
    asked = _question_of(claim)  # "How many people has the Red Cross treated?"
    measure = counted or ("" if group_size else _measure(before, after, following[:140], asked))
    if not measure and _PATIENTS.fullmatch(str(claim.get("noun") or "")):
        measure = "injured"  # "the Red Cross spoke of 15 patients"
    if measure in {"visas", "asylum_applied"} and _WAITING_FOR.search(f"{before} N {after}"):
        measure = ""  # "those who stayed to wait for their visitor cards, about 400": people
    if (
        measure == "arrived"
        and claim.get("statement") == "forecast"
        and (event.kind if event else "caravan") == "caravan"
        and _EXPECTED_TO_ARRIVE.search(f"{before} N {after}")
    ):
        measure = ""  # "fewer than 400 are expected to arrive in the capital": the caravan then
    if measure == "capacity":
        return _measure_role(measure, sentence, claim, event, (before, after))
    predicate = (
        _predicate_part(after)
        or subject_part
        or _appositive_nationality(sentence, start)
        or _asked_part(claim)
    )
    noun = _noun_part(claim, sentence[end:]) or _label_part(sentence, start)
    if _ONE_PERSON.match(claim["quote"]):
        predicate = noun = ""  # "a Honduran man was killed": one person, never a part
    listed = bool(
        _item_label_part(sentence[:start])  # "Venezuelans 780, Mexicans 450"
        or _PART_CONTEXT.search(before[-60:])
        or _in_list_after_colon(sentence, start)
        or _in_parentheses(sentence, start)
        or _of_the_group_sentence(sentence, start)
        or _OF_NATIONALITY.match(after)  # "390 of Honduran nationality": a census by nationality
        or _WITH_THEM.match(after)  # "About 700 Nicaraguans travel with them"
        or _BESIDE_A_PART.match(sentence[end:])
        or (noun in _NATIONALITY_KINDS and _BESIDE_A_NATIONALITY.match(sentence[end:]))
        # "We have 1,500 Ecuadorians alone"
        or (noun in _NATIONALITY_KINDS and _ALONE.match(sentence[end:]))
        # "about 800 Hondurans, some 500 women and more than 300 children among the marchers"
        or bool(_AMONG_MAIN.search(sentence[end : end + 120]))
        or bool(_AMONG_COUNTED.match(sentence[end:]))  # "were among those detained"
    )
    shares = _SHARE_OF_GROUP.search(sentence)  # "Hondurans are the largest contingent, some 800"
    if shares and not measure and not group_size:
        # the ranked nationality may lie before another figure of the clause ("Venezuelans make
        # up a little over half of the contingent, some 1,700")
        subject = noun if noun in _NATIONALITY_KINDS else _nationality(sentence[:start][-120:])
        if subject:
            return Role("part", part_kind=subject, note="a nationality's share of the group")
    nationality = predicate or noun
    other_group = lexicons.word_pattern("group_cues", "other_group")
    if nationality in _NATIONALITY_KINDS and other_group.search(sentence):
        # "the Haitians who had trailed the caravan": a group of their own, not a part of it
        # ... named by the place they are in when their clause names one the main group is
        # never at ("Some 130 Hondurans who stayed in Cerro Verde")
        place = _elsewhere(sentence, before, after, event)
        return Role(
            "other_group", group_key=f"other:{_slug(place) if place else nationality}",
            group_kind="caravan", note="another group of the event, named by its nationality",
        )  # fmt: skip
    if not group_size and (predicate or (noun and listed)):
        return Role(
            "part", part_kind=predicate or noun, count_of=measure or "size", note="a sub-population"
        )
    if not group_size and noun and not measure and noun not in _NATIONALITY_KINDS:
        return Role("part", part_kind=noun, note="a sub-population")
    if measure:
        return _measure_role(measure, sentence, claim, event, (before, after))
    # the train must be in the figure's own words: "... climbed onto a freight train, while
    # about 1,700 walked on" leaves the 1,700 with the walkers
    own_clause = _CLAUSE_OPENER.split(before)[-1]
    riding = _FREIGHT_TRAIN.search(f"{own_clause} {claim['quote']} {following}")
    # ... unless riding the trains is what the event is about ("Wave of migrants riding freight
    # trains north from Irapuato")
    if event is not None and event.kind == "caravan" and riding and not _rides_trains(event):
        return Role(
            "other_group", group_key="other:freight_train", group_kind="caravan",
            note="people riding a freight train: no longer the walking caravan",
        )  # fmt: skip
    if event is not None and event.kind == "caravan" and _BY_BUS.search(sentence):
        return Role(
            "other_group", group_key="other:buses", group_kind="caravan",
            note="people named by the buses they came on: not the walking caravan",
        )  # fmt: skip
    if _IN_MAIN.match(after) or _MAIN_ASKED.search(_question_of(claim)):
        kind = event.kind if event else "caravan"
        return Role("total", group_kind=kind, note="'in the main column': the main group")
    # the figure's whole stretch of the sentence, to the figures beside it: a vehicle may be
    # named well before ("the inspection of a tractor-trailer ..., in whose box travelled 112")
    wide = _window(sentence, start, end, neighbours, reach=250)
    listed = _listed_site(sentence, after)
    if listed:  # "found 520 people at the Albergue Puerta Norte, 310 at the Casa San Felipe"
        return Role(
            "other_group", group_key=listed,
            group_kind="shelter" if listed.startswith("shelter:") else "group",
            note="one site of a list of sites, each with its figure",
        )  # fmt: skip
    found_elsewhere = _apprehended_elsewhere(sentence, *wide, event)
    if found_elsewhere:  # "located 96 people inside the trailer of a truck"
        return Role(
            "other_group", group_key=f"other:{_slug(found_elsewhere)}", group_kind="group",
            note="a group found where the main group is not, or inside a vehicle",
        )  # fmt: skip
    if _HABITUAL.search(f"{before} {after}"):  # "Tens of thousands cross the river every year"
        return Role(
            "other_group", group_key=UNSPECIFIED, count_of="people",
            note="people who do it every year, not a group of the event",
        )  # fmt: skip
    if _NATIONAL.search(f"{before} {after}"):  # "Nationally, it received about 8,600 in February"
        return Role(
            "other_group", group_key="other:national", group_kind="group",
            note="a figure for a whole country, not for the event's group",
        )  # fmt: skip
    other = _other_group_key(sentence, before, after, claim, event)
    if other:
        kind = other.split(":", 1)[0]
        return Role(
            "other_group",
            group_key=other,
            group_kind={"shelter": "shelter", "camp": "camp"}.get(kind, "caravan"),
            note="another group of the event",
        )
    # "The first walkers stood up at dawn. Several hundred people had spent the night there.":
    # the group may be named in the sentence before, which has no figure of its own
    kind = event.kind if event else "caravan"
    unnamed = (
        not lexicons.word_pattern("group_cues", "group_context").search(sentence)
        and not (_lead_of(claim) and places.names_main_group(_lead_of(claim), kind=kind))
        and not _placed_with_main(sentence, before, after, event)
        # "On Tuesday, when we first came here, there were several hundred", "A week ago it was
        # several thousand": the people the article is about, counted by the words that be
        and not _EXISTENTIAL.search(before[-40:])
    )
    hypothetical = claim.get("statement") != "forecast" and _HYPOTHETICAL.search(before)
    if unnamed and (claim["qualifier"] == "vague" or hypothetical):
        return Role(
            "other_group",
            group_key=UNSPECIFIED,
            count_of="people",
            note="people, but the sentence names no group they form",
        )
    if _sized_by_its_kind(before, kind):
        return Role("total", group_kind=kind, note=SIZED_BY_KIND)
    if kind == "shelter" and _IN_ITS_SHELTERS.match(after):
        return Role("total", group_kind=kind, note=IN_ITS_SHELTERS)
    return Role(
        "total", group_kind=event.kind if event else "caravan", note="the event's main group"
    )


SIZED_BY_KIND = "the event's kind of group, sized right after its noun"
IN_ITS_SHELTERS = "people in the city's shelters, in a shelter event"
# rules whose answer the learned model is not asked to revise
_NOT_REVISED = frozenset({SIZED_BY_KIND, IN_ITS_SHELTERS})
# "counted 1,150 people in the city's shelters": in a shelter event, the shelters together
_IN_ITS_SHELTERS = re.compile(
    rf"(?i)\s*(?:[\w'’-]+\s+){{0,2}}?(?:{lexicons.alternation('role_cues', 'in_its_shelters')})\b"
)
_SIZED_BY_KIND = {
    kind: re.compile(
        rf"(?i)\b(?:a|an|the|this|that|its|our)\s+(?:[\w'’-]+\s+){{0,3}}?"
        rf"(?:{lexicons.alternation('role_cues', f'{kind}_noun')})\s*,?\s*"
        rf"(?:{lexicons.alternation('role_cues', 'sized_by_kind')})\s*$"
    )
    for kind in ("caravan", "camp")
}
# a year, a month or a word that may make it another group of that kind
_DATED_OR_OTHER = re.compile(
    r"(?i)\b(?:1[89]|20|21)\d\d\b|\b(?:"
    + "|".join(sorted(dates.MONTHS, key=len, reverse=True))
    + rf"|{lexicons.alternation('role_cues', 'another_of_its_kind')})\b"
)


def _sized_by_its_kind(before: str, kind: str) -> bool:
    """ "A migrant caravan comprising an estimated 8,000 individuals", "the camp, numbering
    about 2,000": the event's own kind of group named right before the figure, with no word
    before it in the clause that may make it another one of that kind (a year, a month,
    "another", "first": "Last October a caravan of 7,000 ...")."""
    pattern = _SIZED_BY_KIND.get(kind)
    found = pattern.search(before) if pattern else None
    return bool(found) and not _DATED_OR_OTHER.search(before[-80:])


# A line of a plain-text table: a label, two spaces or more (or a bar: "Mexican | 1,480"), and
# the figure ending the line.
_TABLE_ROW_LABEL = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?([^\d\n|]*[^\W\d_][^\d\n|]*?)(?:[ \t]{2,}|[ \t]*\|[ \t]*)$"
)


def _table_row_nationality(sentence: str, start: int, end: int) -> str:
    """ "Venezuelan            402" in a table of a register by nationality, or "480 — Hondurans."
    in a sidebar of figures: that nationality's part of the group."""
    if not sentence[:start].strip(" \t-•*"):
        label_after = _DASH_NATIONALITY.match(sentence, end)
        return _nationality(label_after.group(1)) if label_after else ""
    if sentence[end:].strip(" \t|"):  # "| Venezuela | 740 |": a row of a pipe table too
        return ""
    label = _TABLE_ROW_LABEL.match(sentence[:start])
    if not label:
        return ""
    return _COUNTRY_PART.get(label.group(1).strip().lower(), "") or _nationality(label.group(1))


# "Venezuela      1,510": a census row labelled by the country
_COUNTRY_PART = {row["country"].lower(): row["part_kind"] for row in lexicons.rows("countries")}
_BY_NATIONALITY = re.compile(
    r"(?i)\b(?:(?:by|of (?:each|every)|per) (?:nationality|country)|country of origin|"
    r"nationalit(?:y|ies)\s*\|)"
)
# "Venezuela, 1,020; Honduras, 760" or "| Venezuela | 740 |": the country as the row's label
_COUNTRY_LABEL_BEFORE = re.compile(r"([A-Z]\w*(?:\s+[A-Z]\w*){0,3})\s*(?:,|\|)\s*$")
_FROM_COUNTRY = re.compile(
    r"\s+(?:(?:people|persons|migrants)\s+)?(?:(?:were|are|came)\s+)?from\s+([A-Z]\w*(?:\s+[A-Z]\w*){0,3})"
)


def _census_country_part(sentence: str, start: int, end: int) -> str:
    """ "By nationality: 820 from Honduras, 690 from Guatemala": in a count that says it goes by
    nationality, or in a list a colon opens, the country after a figure names its nationals'
    part (elsewhere a country is a place: "returned to Honduras")."""
    if not (_BY_NATIONALITY.search(sentence[:start]) or _in_list_after_colon(sentence, start)):
        return ""  # "It registered 2,470 people: 910 from Guatemala, 740 from Honduras"
    country = _FROM_COUNTRY.match(sentence, end)
    if not country and _BY_NATIONALITY.search(sentence[:start]):
        country = _COUNTRY_LABEL_BEFORE.search(sentence[max(0, start - 40) : start])
    if not country:
        return ""
    words = country.group(1).split()
    return next(
        (
            _COUNTRY_PART[name]
            for size in range(len(words), 0, -1)
            if (name := " ".join(words[:size]).lower()) in _COUNTRY_PART
        ),
        "",
    )


# "480 — Hondurans.": a figure opening its line, a dash, and a nationality as the whole label
_DASH_NATIONALITY = re.compile(
    r"[ \t]*[—–][ \t]*([A-Z][a-z]+(?:[ \t]+nationals)?)[ \t]*[.,;]?[ \t]*$"
)


def _measure_role(
    measure: str,
    sentence: str,
    claim: dict,
    event: EventInfo | None,
    window: tuple[str, str] = ("", ""),
) -> Role:
    """Another measure of a group's people; a capacity belongs to the shelter named; people
    detained at a named place are that incident's count ("140 at the Viva México checkpoint",
    "85 at El Manguito"), not a running total, unless the words say it is one."""
    if measure == "capacity":
        key = _shelter_key(sentence) if _SHELTER_NAME.search(sentence) else ""
        return Role(
            "other_measure", group_key=key, group_kind="shelter", count_of="capacity",
            note="a capacity, not a population",
        )  # fmt: skip
    key = _measure_group_key(sentence, claim, event)
    if not key and measure in {"detained", "rescued"}:
        elsewhere = _apprehended_elsewhere(sentence, *window, event)
        if elsewhere:
            return Role(
                "other_group", group_key=f"other:{_slug(elsewhere)}", group_kind="group",
                note="a group apprehended or found where the main group is not",
            )  # fmt: skip
        key = _incident_place(sentence, *window)
    return Role(
        "other_measure",
        group_key=key,
        group_kind="caravan" if key else "",
        count_of=measure,
        note=f"a count of people {measure}",
    )


_VEHICLE = lexicons.pattern("role_cues", "vehicle")
# a vehicle the figure's people are in, not one a later event is named by ("after truck discovery")
_IN_A_VEHICLE = re.compile(
    rf"(?i)(?<!\bafter )(?<!\bafter the )(?:{lexicons.alternation('role_cues', 'vehicle')})"
)
_TRANSPORT_UNIT = re.compile(lexicons.alternation("role_cues", "transport_unit"))
_PLACE_UNIT = re.compile(lexicons.alternation("role_cues", "place_unit"))
_NATIONAL = lexicons.pattern("group_cues", "national")
_HABITUAL = lexicons.pattern("group_cues", "habitual")
_EXISTENTIAL = re.compile(
    r"(?i)\b(?:there (?:were|are|was|is)|it (?:was|is)|we (?:were|are)|they (?:were|are))\s+"
    r"(?:about |around |some |only |still |just |already |perhaps |maybe )?$"
)
# Verbs that find a group rather than move the main group's people: "apprehended 85 near
# Brownsville", "located 96 inside a truck" (against "150 were bused from there").
_FOUND = lexicons.pattern("role_cues", "found")
_FROM_MAIN = lexicons.pattern("role_cues", "from_main")
_AMONG_MAIN = lexicons.pattern("role_cues", "among_main")
_AMONG_COUNTED = lexicons.pattern("role_cues", "among_counted")
_NEGATION = re.compile(rf"(?i)\b(?:{lexicons.alternation('role_cues', 'negation')})\b")


def _takes_from_main(sentence: str) -> bool:
    """The sentence takes its people from the main group ("detained 300 members of the caravan"),
    unless a negation stands just before ("none of them members of the caravan")."""
    return any(
        not _NEGATION.search(sentence, max(0, m.start() - 30), m.start())
        for m in _FROM_MAIN.finditer(sentence)
    )


def _apprehended_elsewhere(sentence: str, before: str, after: str, event: EventInfo | None) -> str:
    """Where people were apprehended, rescued or found, when that is a place the main group is
    never reported at and the sentence does not take them from it ("Border Patrol apprehended 85
    people near Brownsville" while the camp is in Matamoros; "96 people inside a truck at the
    Zanatepec checkpoint"): a group of its own, not a measure of the main group."""
    if event is None or _takes_from_main(sentence):
        return ""
    # the figure's own words put its people in the vehicle: "found 131 migrants crammed into the
    # trailer of a truck", not "Thousands ... filed past, hours after agents found 131 people in a
    # truck" nor "Caravan of 2,400 reaches Escuintla after truck discovery"
    near = f"{before} N {after}"
    inside_a_vehicle = event.kind == "caravan" and _IN_A_VEHICLE.search(near)
    if not inside_a_vehicle and places.names_main_group(sentence, kind=event.kind):
        return ""  # "Hours before the caravan passed, 147 were found in a trailer": not its people
    if lexicons.pattern("change_cues", "cumulative").search(sentence) or not _FOUND.search(
        sentence
    ):
        return ""  # "has transferred 440 since Monday": the main group's running count
    location = places.Location(towns=places.of_sentence(sentence).towns)
    named = places.Location(venues=frozenset(places.named_venues(sentence)))
    if event.kind == "caravan":
        if not inside_a_vehicle:
            return ""  # a caravan's people are detained wherever it walks
        # A caravan walks: people found inside a vehicle are smuggled, a group of their own
        # even on the caravan's road.
        return _slug(next(iter(sorted(named.venues | location.towns)), "") or "vehicle")
    return places.elsewhere(location, event.main_places) or places.elsewhere_by_name(
        named, event.main_places
    )


def _incident_place(sentence: str, before: str, after: str) -> str:
    """ "at:viva_mexico_checkpoint": where people were detained, when the figure's clause says
    and the count is not a running total ("since Monday", "so far")."""
    if lexicons.pattern("change_cues", "cumulative").search(f"{before} {after}"):
        return ""
    location = places.of_figure(sentence, before, after, origins=True)
    venues = places.named_venues(f"{before} {after}")
    name = next(iter(venues), "") or next(iter(sorted(location.towns)), "")
    return f"at:{_slug(name)}" if name else ""


_INSTITUTION_AFTER = re.compile(rf"(?i)\s+(?:{lexicons.alternation('role_cues', 'institution')})\b")


def _nationality(text: str) -> str:
    """The nationality a group is named by, the first in the text: "about 600 mostly Cuban and
    Venezuelan migrants" is Cuban; "the Guatemalan border" or "Honduran officials" name none."""
    if not _any_nationality().search(text):  # most texts name none: one search, not one a row
        return ""
    found: list[tuple[int, str]] = []
    for row in _nationalities():
        for match in _word_pattern(row["pattern"]).finditer(text):
            if not _INSTITUTION_AFTER.match(text, match.end()):
                found.append((match.start(), row["part_kind"]))
                break
    return min(found)[1] if found else ""


_ORDINAL_GROUP = re.compile(
    rf"(?i)\b({lexicons.alternation('role_cues', 'ordinal')})\s+(?:\w+\s+)?"
    rf"({lexicons.alternation('role_cues', 'ordinal_noun')})\b"
)


def _ordinal_group(sentence: str) -> str:
    """ "second caravan": within one event, the ordinal names the same group in every article."""
    found = _ORDINAL_GROUP.search(sentence)
    return f"{found.group(1)} {found.group(2)}".lower() if found else ""


def _nationalities() -> tuple[dict[str, str], ...]:
    return tuple(r for r in lexicons.rows("part_nouns") if r["type"] == "nationality")


_NATIONALITY_KINDS = {r["part_kind"] for r in _nationalities()}


@cache
def _any_nationality() -> re.Pattern[str]:
    """Every nationality row's words at once (it matches where one row's would)."""
    return _word_pattern("|".join(f"(?:{r['pattern']})" for r in _nationalities()))


def _never(claim: dict) -> bool:
    return False


def assign_roles(
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    events: pd.DataFrame,
    infos: dict[str, EventInfo] | None = None,
    rules_only: Callable[[dict], bool] = _never,
    executor: Executor | None = None,
    records: list[dict] | None = None,
) -> pd.DataFrame:
    """One row per claim: its role and what it links to (``ROLE_COLUMNS``). ``infos``: the
    events' :func:`event_context`, when the caller has it already. ``rules_only``: claims whose
    role the rules give without the learned model's second opinion (a module-level function
    with an ``executor``). ``executor``: a pool of processes (:func:`processes.pool`) that reads
    the articles, each on its own with its event's context, in runs of consecutive articles;
    the rows are the same as in this process. ``records``: the claims as
    :func:`frames.records` gives them, when the caller has them already (read, never changed)."""
    event_of = dict(zip(corpus["article_id"], corpus["event_id"], strict=True))
    infos = infos if infos is not None else event_context(events, claims, corpus)
    by_article: dict[str, list[dict]] = {}
    for record in records if records is not None else frames.records(claims):
        by_article.setdefault(record["article_id"], []).append(_with_its_question(record))
    articles = [
        (event_of.get(article_id, ""), sorted(members, key=lambda c: c["start"]))
        for article_id, members in by_article.items()
    ]
    if executor is not None:
        rows = _roles_in_processes(articles, infos, rules_only, executor)
    else:
        rows = _roles_of_articles(articles, infos, rules_only)
    _merge_aliases(rows, claims, infos, event_of)
    frame = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    order = {claim_id: n for n, claim_id in enumerate(claims["claim_id"])}
    return frame.sort_values("claim_id", key=lambda ids: ids.map(order)).reset_index(drop=True)


def _roles_of_articles(
    articles: list[tuple[str, list[dict]]],
    infos: dict[str, EventInfo],
    rules_only: Callable[[dict], bool],
) -> list[dict]:
    """The rows of :func:`_article_roles` of each (event, claims in reading order) in turn;
    another group's row also holds the names its sentence gives it (``alias_names``, read by
    :func:`_merge_aliases`)."""
    rows: list[dict] = []
    for event_id, members in articles:
        event = infos.get(event_id)
        found = _article_roles(members, event, rules_only)
        for row, claim in zip(found, members, strict=True):
            if row["role"] == "other_group" and row["group_key"].startswith("other:"):
                row["alias_names"] = _alias_names(_own_sentence(claim), event)
        rows += found
    return rows


def _own_sentence(claim: dict) -> str:
    """The claim's sentence without the question :func:`_with_its_question` put before it."""
    question = _question_of(claim)
    return claim["sentence"][len(question) + 1 :] if question else claim["sentence"]


def _roles_in_processes(
    articles: list[tuple[str, list[dict]]],
    infos: dict[str, EventInfo],
    rules_only: Callable[[dict], bool],
    executor: Executor,
) -> list[dict]:
    """:func:`_roles_of_articles` on runs of consecutive articles, a few per worker, joined in
    their order."""
    runs = processes.runs(articles, 4 * processes.workers_of(executor), lambda a: len(a[1]))
    futures = [
        executor.submit(
            _roles_of_articles, run, {e: infos[e] for e, _ in run if e in infos}, rules_only
        )
        for run in runs
    ]
    return [row for future in futures for row in future.result()]


def _question_of(claim: dict) -> str:
    """The question the claim's sentence answers, or "" (also when the table read it as NaN)."""
    question = claim.get("question")
    return question if isinstance(question, str) else ""


def _with_its_question(claim: dict) -> dict:
    """A figure that answers a question ("Q: How many slept in the shelter? A: 312.") is read
    with the question before its sentence, where its meaning is."""
    question = _question_of(claim)
    if not question:
        return claim
    return {
        **claim,
        "sentence": f"{question} {claim['sentence']}",
        "sentence_start": claim["sentence_start"] - len(question) - 1,
    }


_NAMES_MAIN = lexicons.pattern("group_cues", "not_main")


_HOW_MANY = re.compile(
    r"(?i)\bhow many\s+(?:of (?:them|those) (?:are|were)\s+)?((?:[\w'’-]+\s+){0,2}[\w'’-]+)"
)


def _asked_part(claim: dict) -> str:
    """ "Q: How many children do you still have? A: About 60.", "The councillor asked how many
    unaccompanied minors travel with the contingent. The DIF had identified 38": a bare figure
    answering how many of a part there are is that part."""
    if claim.get("noun"):
        return ""
    asked = _HOW_MANY.search(_question_of(claim) or _lead_of(claim))
    return _first("part_nouns", asked.group(1), "part_kind") if asked else ""


def _lead_of(claim: pd.Series | dict) -> str:
    """The sentence before the claim's, with no figure of its own (``lead``), or ""."""
    lead = claim.get("lead")
    return lead if isinstance(lead, str) else ""


def _lead_part(lead: str) -> str:
    """The sub-population a figureless sentence before opens with ("Children are a large share
    of the camp."), or ""."""
    opening = _LEAD_SUBJECT.match(lead)
    return _first("part_nouns", opening.group(1), "part_kind") if opening else ""


_LEAD_SUBJECT = re.compile(r"\s*(?:(?:the|its|their)\s+)?([\w-]+)\s+(?:are|were|make up|made up)\b")
_IT_HELD = re.compile(
    # a time may open the sentence: "On Monday night it held 180"
    r"(?i)\s*(?:(?:on|by|late on|early on|last|this|that)\s+[\w ]{1,24}?,?\s+)?"
    r"it\s+(?:still\s+|now\s+)?(?:held|holds|housed|houses|had|has)\s+"
    r"(?:about\s+|some\s+|nearly\s+|more than\s+)?$"
)
# "The parish hall, which has room for 150, took in 230 mothers and children": the hall's own
_THE_PLACE_TOOK_IN = re.compile(
    r"(?i)[^.;:]{0,12}?,\s+(?:took in|has taken in|had taken in|housed|sheltered|received)\s+"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+)?$"
)
_SLEPT_THERE = re.compile(rf"(?i)\s*(?:{lexicons.alternation('role_cues', 'slept_there')})")
_A_GROUP_OPENS = re.compile(r"(?i)\s*(?:a|another)\s+(?:[\w-]+\s+){0,2}?group\b")


def _named_before(
    claim: dict, neighbours: list[tuple[int, int]], event: EventInfo | None
) -> Role | None:
    """ "Families with small children stayed behind in Esquipulas. The fire brigade counted 310
    on Thursday night.": a count whose own sentence reads as the main group's, read with the
    sentence before it, which names another group and has no figure of its own; None when the
    sentence before names no other group."""
    lead = _NAMES_MAIN.sub("", _lead_of(claim))  # "The main column has left": the main group
    opens_a_group = bool(_A_GROUP_OPENS.match(lead))  # "A group that left the same courtyard"
    if not (
        lexicons.word_pattern("group_cues", "other_group").search(lead)
        or lexicons.word_pattern("group_cues", "other_group_noun").search(lead)
        or opens_a_group
    ):
        return None  # a town or a venue alone does not make another group of the next count
    shift = len(lead) + 1
    led = {**claim, "sentence": f"{lead} {claim['sentence']}",
           "sentence_start": claim["sentence_start"] - shift}  # fmt: skip
    role = classify(led, [(s + shift, e + shift) for s, e in neighbours], event)
    elsewhere = (
        places.elsewhere(places.Location(towns=places.route_towns(lead)), event.main_places)
        if event is not None and opens_a_group
        else ""
    )
    if role.role == "total" and elsewhere:  # "A group that left ... has reached Saltillo."
        role = Role("other_group", group_key="other:" + _slug(elsewhere), group_kind="caravan",
                    note="another group of the event")  # fmt: skip
    if role.role == "total" and _is_bare_count(claim):
        # "... the people who did not leave with the caravan have moved into the parish hall. On
        # Monday there were 190.": nothing in the count's own words but the group before
        name = _distinguishing_name(lead, lead, event)
        role = Role("other_group", group_key="other:" + _slug(name or "unnamed"),
                    group_kind="caravan", note="another group of the event")  # fmt: skip
    if role.role != "other_group":
        return None
    role.note = f"{role.note}; the group named in the sentence before"
    return role


_BARE_EXISTENTIAL = re.compile(
    r"(?i)^(?:(?:on|by|late on|early on)\s+\w+(?:\s+\w+)?,?\s+)?there (?:were|are|was|is)"
    r"(?:\s+(?:still|now|only|just|about|some|around|nearly|roughly))*\s*$"
)


_BARE_COUNTED = re.compile(
    r"(?i)^(?:(?:on|by|late on|early on)\s+\w+(?:\s+(?:morning|evening|night|afternoon))?,?\s+)?"
    r"(?:(?:our|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:team|officials|workers|police|staff|"
    r"volunteers|brigade|office)\s+counted\s*$"
)


def _is_bare_count(claim: dict) -> bool:
    """ "On Monday there were 190.", "On Friday evening our municipal team counted 380.": a
    count with no noun, at the end of a short sentence that names no one counted."""
    before = claim["sentence"][: claim["start"] - claim["sentence_start"]]
    after = claim["sentence"][claim["end"] - claim["sentence_start"] :]
    if claim["noun"] or after.strip(" ."):
        return False
    return bool(_BARE_EXISTENTIAL.match(before)) or bool(_BARE_COUNTED.match(before))


def table_heading(claim: pd.Series | dict) -> str:
    """The heading of the plain-text table the claim's figure is a row of (``lead``), or ""."""
    return _lead_of(claim) if _lead_of(claim) and _is_table_row(claim) else ""


_BUSES = re.compile(r"(?i)\b(?:bus(?:es)?|coach(?:es)?)\b")
_MOVED_ON_THEM = lexicons.pattern("role_cues", "moved_on_them")


def _moved_on_buses_named_before(
    claim: dict, own: tuple[int, int], others: list[tuple[int, int]], just_before: str = ""
) -> bool:
    """ "The first state buses left the plaza on Friday. ... 320 people boarded them on the first
    day": people put on buses the sentence before (or the question answered) names, by a
    pronoun or a verb of travel (``others``: the other figures of the sentence)."""
    lead = _lead_of(claim) or _question_of(claim) or just_before
    if not lead or not _BUSES.search(lead):
        return False
    before, after = _window(claim["sentence"], *own, others)
    return bool(_MOVED_ON_THEM.search(f"{before} N {after}"))


def _sentence_just_before(claim: dict, earlier: dict | None) -> str:
    """The sentence of ``earlier`` (a figure of another sentence before ``claim``'s) when it
    ends right where ``claim``'s sentence begins, else ""."""
    if earlier is None:
        return ""
    gap = claim["sentence_start"] - earlier["sentence_start"] - len(earlier["sentence"])
    return earlier["sentence"] if 0 <= gap <= 2 else ""


def _is_table_row(claim: pd.Series | dict) -> bool:
    """The claim's figure ends a line of a plain-text table ("Men      142", "Mexican | 1,480")."""
    start = claim["start"] - claim["sentence_start"]
    sentence = claim["sentence"]
    if sentence[claim["end"] - claim["sentence_start"] :].strip():
        return False
    label = sentence[:start].rsplit("\n", 1)[-1]
    return bool(_ROW_LABEL.fullmatch(label))


_ROW_LABEL = re.compile(context.TABLE_ROW_LABEL)


_BORDER_HEADING = lexicons.pattern("quantity_cues", "border")
_LONGEST_HEADING = 120  # a longer line above a table is a paragraph, not its heading


def _heading_measure(heading: str) -> str:
    """The measure a table's heading names ("2. DETENTIONS AT SAN JACINTO, 8 MAY", "Table 3.
    Returns by bus"), or ""."""
    for row in lexicons.rows("measure_cues"):
        if row["position"] == "heading" and _any_case(row["pattern"]).search(heading):
            return row["measure"]
    return ""


def _under_its_heading(claim: dict, role: Role, event: EventInfo | None) -> Role | None:
    """ "2. DETENTIONS AT SAN JACINTO, 8 MAY" above "Men   142" and "Total   260": a row of a
    table counts what the table's heading (``lead``) names. The row's own label still says
    which part it is ("Men", "Venezuelan"); None when the heading names no other measure."""
    heading = _lead_of(claim)
    if len(heading) > _LONGEST_HEADING:
        return None
    if _BORDER_HEADING.search(heading):
        if role.role != "other_group":
            return None  # grouping reads the border statistic from the heading
        # "January 2030   18,900" under "Border Patrol apprehensions": no group of January but
        # a month's border statistic
        return Role("total", group_kind=event.kind if event else "caravan",
                    note="a row of a table of border statistics (its heading)")  # fmt: skip
    measure = _heading_measure(heading)
    if not measure or role.role not in {"total", "part"}:
        return None
    row = claim["sentence"][: claim["start"] - claim["sentence_start"]].rsplit("\n", 1)[-1]
    part = _first("part_nouns", row.strip(" \t|"), "part_kind")
    if role.role == "part" or part:
        return Role("part", part_kind=role.part_kind or part, count_of=measure,
                    note=f"a row of a table of {measure} (its heading)")  # fmt: skip
    measured = _measure_role(measure, claim["sentence"], claim, event)
    measured.note = f"{measured.note}; a row of a table of {measure} (its heading)"
    return measured


def _answer_only(claim: dict) -> dict:
    """The claim as extracted, without the question :func:`_with_its_question` put before it."""
    question = _question_of(claim)
    if not question:
        return claim
    cut = len(question) + 1
    return {
        **claim,
        "sentence": claim["sentence"][cut:],
        "sentence_start": claim["sentence_start"] + cut,
    }


def _merge_aliases(
    rows: list[dict], claims: pd.DataFrame, infos: dict[str, EventInfo], event_of: dict[str, str]
) -> None:
    """Another group is named by its place in one article and by its nationality in another;
    a sentence that names both ("about 200 Hondurans who stayed behind in Ciudad Hidalgo") says
    they are one. Keys named together are merged, each to the most used of them; a group the
    rules could not name takes a name its sentence gives. Shelters merge when one name holds the
    other ("Casa del Migrante Nuestra Señora del Refugio" and "the Refugio shelter")."""
    article_of = dict(zip(claims["claim_id"], claims["article_id"], strict=True))
    merged = _KeyUnion()
    for row in rows:
        event_id = event_of.get(article_of[row["claim_id"]], "")
        key = row["group_key"]
        if key.startswith("shelter:") and row["role"] in {"other_group", "other_measure"}:
            merged.use((event_id, key))
        if row["role"] == "other_actor":
            merged.use((event_id, key))
        if key.startswith("at:") and row["role"] == "other_measure":
            merged.use((event_id, key))  # "at:las_choapas" and "at:las_choapas_checkpoint"
        if row["role"] != "other_group" or not key.startswith("other:"):
            continue
        aliases = sorted({f"other:{_slug(n)}" for n in row["alias_names"]} - {key, UNSPECIFIED})
        if key == "other:unnamed" and aliases:
            key = row["group_key"] = aliases[0]
        merged.use((event_id, key))
        for alias in aliases:
            merged.join((event_id, alias), (event_id, key))
    merged.join_contained("shelter:", _shelter_words)
    merged.join_contained("at:", _place_words)
    merged.join_same("actor:", _actor_words)
    merged.join_contained("actor:", _actor_kind_words)  # "the Guard" is the National Guard
    merged.join_same("other:", _venue_identity)
    canonical = merged.canonical()
    for row in rows:
        key = (event_of.get(article_of[row["claim_id"]], ""), row["group_key"])
        if key in canonical and row["role"] != "total":
            row["group_key"] = canonical[key]


class _KeyUnion:
    """Group keys of one event known to name the same group (union-find), with how often each
    was used, so that every key maps to the most used key of its set."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.uses: dict[tuple[str, str], int] = {}

    def use(self, key: tuple[str, str]) -> None:
        self.uses[key] = self.uses.get(key, 0) + 1

    def find(self, key: tuple[str, str]) -> tuple[str, str]:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        if self.find(a) != self.find(b):
            self.parent[self.find(a)] = self.find(b)

    def join_contained(self, prefix: str, words_of: Callable[[str], frozenset[str]]) -> None:
        """Join a key to the one other key of its event whose name holds all its words ("Refugio"
        and "Nuestra Señora del Refugio"); when several do, which one is meant is unknown."""
        by_event: dict[str, list[tuple[str, str]]] = {}
        for key in self.uses:
            if key[1].startswith(prefix) and key[1] != f"{prefix}unnamed":
                by_event.setdefault(key[0], []).append(key)
        for keys in by_event.values():
            words = {k: words_of(k[1]) for k in keys}
            for a in keys:
                holders = [b for b in keys if b != a and words[a] and words[a] <= words[b]]
                if len(holders) == 1:
                    self.join(a, holders[0])

    def join_same(self, prefix: str, words_of: Callable[[str], frozenset[str]]) -> None:
        """Join keys of one event whose names have the same words."""
        first: dict[tuple[str, frozenset[str]], tuple[str, str]] = {}
        for key in self.uses:
            words = words_of(key[1]) if key[1].startswith(prefix) else frozenset()
            if words:
                self.join(key, first.setdefault((key[0], words), key))

    def canonical(self) -> dict[tuple[str, str], str]:
        sets: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for key in self.uses:
            sets.setdefault(self.find(key), []).append(key)
        return {
            key: min(members, key=lambda k: (-self.uses[k], k[1]))[1]
            for members in sets.values()
            for key in members
        }


def _place_words(key: str) -> frozenset[str]:
    return frozenset(key.split(":", 1)[1].split("_"))


def _shelter_words(key: str) -> frozenset[str]:
    return frozenset(key.split(":", 1)[1].split("_")) - _GENERIC_NAME_WORDS


def _venue_identity(key: str) -> frozenset[str]:
    """ "other:paso_del_norte_bridge" and "other:paso_del_norte_crossing": one place named with
    two nouns of one kind (the border); the name's words and the kind of place, else nothing."""
    name = key.split(":", 1)[1].replace("_", " ")
    identity = places.venue_identity(name)
    return frozenset(identity) if identity else frozenset()


def _actor_words(key: str) -> frozenset[str]:
    """ "actor:troops:national_guard" is known by its organisation: {national, guard}."""
    _, _, *organisation = key.split(":")
    return frozenset(organisation[0].split("_")) if organisation else frozenset()


def _actor_kind_words(key: str) -> frozenset[str]:
    """An actor's organisation words and its kind: a shorter name ("Guard") stands for a longer
    one ("National Guard") only among actors of one kind (not police for agents)."""
    words = _actor_words(key)
    return words | {"actor=" + key.split(":")[1]} if words else words


_GENERIC_NAME_WORDS = frozenset(r["word"] for r in lexicons.rows("shelter_name_words"))


def _alias_names(sentence: str, event: EventInfo | None) -> set[str]:
    """The nationality and the places other than the main group's that a sentence names."""
    names = {_nationality(sentence), _ordinal_group(sentence)}
    if event is not None:
        origin = _ORIGIN.search(sentence)  # "the people who came on the buses from San Salvador"
        towns = places.of_sentence(sentence).towns | ({origin.group(1)} if origin else set())
        names |= {t for t in towns if not places.is_main_town(t, event.main_places)}
    return names - {""}


def _with_main_places(
    infos: dict[str, EventInfo],
    sentences: dict[str, set[str]],
    executor: Executor | None = None,
) -> dict[str, EventInfo]:
    """Each event learns where its main group is reported from its own claims' sentences."""
    asked = [(sentences.get(e, set()), info.label, info.kind) for e, info in infos.items()]
    if executor is None:
        found = _main_places_of(asked)
    else:
        found = processes.joined(
            processes.submit_runs(executor, _main_places_of, asked, lambda a: len(a[0]) + 1)
        )
    return {
        event_id: dataclasses.replace(info, main_places=location)
        for (event_id, info), location in zip(infos.items(), found, strict=True)
    }


def _main_places_of(asked: list[tuple[set[str], str, str]]) -> list[places.Location]:
    """:func:`places.main_places` of each (sentences, label, kind)."""
    return [places.main_places(sentences, label, kind) for sentences, label, kind in asked]


def _article_roles(
    claims: list[dict], event: EventInfo | None, rules_only: Callable[[dict], bool]
) -> list[dict]:
    """Roles of one article's claims in reading order; parts and pronouns ("put it at") link to
    the nearest group figure before them."""
    rows: list[dict] = []
    last_group: dict | None = None  # the most recent figure that sized a group or counted people
    last_size: dict | None = None  # the most recent figure that sized a group
    main_size: dict | None = None  # the most recent figure of the event's main group
    previous: dict | None = None  # the figure just before, whatever it counts
    previous_counted: dict | None = None  # the figure before, not a count of places or vehicles
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for claim in claims:
        by_sentence.setdefault(claim["sentence_start"], []).append(
            (claim["start"] - claim["sentence_start"], claim["end"] - claim["sentence_start"])
        )
    # a count of vehicles or places, or an age, does not cut the words of the people beside it
    # ("boarded 14 buses", "3,260 people in its 14 shelters")
    vehicles = {
        (claim["start"] - claim["sentence_start"], claim["end"] - claim["sentence_start"])
        for claim in claims
        if _TRANSPORT_UNIT.fullmatch(claim["unit"])
        or _PLACE_UNIT.fullmatch(claim["unit"])
        or claim["unit"] == "age"  # "One man, a 52-year-old Honduran, died"
    }
    in_sentence_before: dict | None = None  # a figure of the sentence before the current one
    counted_first: dict | None = None  # the sentence's first count of people, not a capacity
    current: dict | None = None
    counted: dict[float, dict] = {}  # an exact count of people -> the first figure that gave it
    last_counted: dict[str, dict] = {}  # what a figure counts (detained, ...) -> the latest one
    for claim in claims:
        if current is not None and current["sentence_start"] != claim["sentence_start"]:
            in_sentence_before = current
            counted_first = None
        current = claim
        spans = by_sentence[claim["sentence_start"]]
        own = (claim["start"] - claim["sentence_start"], claim["end"] - claim["sentence_start"])
        others = [s for s in spans if s != own]
        neighbours = [s for s in others if s not in vehicles]
        role = classify(claim, neighbours, event)
        if role.role == "total" and _lead_of(claim):
            role = _named_before(claim, neighbours, event) or role
        if (
            role.role == "total"
            and not claim["noun"]
            and (lead_part := _lead_part(_lead_of(claim)))
        ):
            # "Children are a large share of the camp. The state counted more than 700."
            role = Role("part", part_kind=lead_part,
                        note="a sub-population the sentence before names")  # fmt: skip
        if role.role == "total" and _moved_on_buses_named_before(
            claim, own, others, _sentence_just_before(claim, in_sentence_before)
        ):
            role = _measure_role("detained", claim["sentence"], claim, event)
            role.note = f"{role.note}; people on the buses named in the sentence before"
        if _lead_of(claim) and _is_table_row(claim):
            role = _under_its_heading(claim, role, event) or role
        answer = _answer_only(claim)  # a pronoun in the question is not the answer's
        before = answer["sentence"][: answer["start"] - answer["sentence_start"]]
        if role.role in {"total", "other_group"} and last_size and _ANAPHORA.search(before):
            role = _same_group_as(last_size, "a pronoun for the group named before")
        if role.role == "total" and _points_back_to_a_place(answer, last_group, event):
            role = _same_group_as(last_group, "'there': the place of the group named before")
        if role.role in {"total", "other_group"} and _continues_a_count(claim, last_group, before):
            role = _same_group_as(last_group, "a bare number listed after a count of the same kind")
            after = _window(claim["sentence"], *own, [s for s in spans if s != own])[1]
            own_place = _incident_place(claim["sentence"], "", after)  # where its own words say
            if role.group_key.startswith("at:") and own_place:
                role.group_key = own_place  # "140 at Viva México and 85 at El Manguito"
        listed_actor = _listed_after_actors(claim, previous, before)
        if role.role in {"total", "other_group"} and listed_actor:
            role = _same_group_as(previous, "a bare number listed after a count of actors")
            role.group_key = listed_actor  # "200 elements of the National Guard and 250 of ..."
        if (
            role.role in {"total", "part"}
            and previous is not None
            and previous["count_of"] == "capacity"
            and (
                (
                    role.role == "total"
                    and previous["group_key"].startswith("shelter:")
                    and _IT_HELD.match(before)
                )
                or (role.role == "total" and _SLEPT_THERE.match(claim["sentence"][own[1] :]))
                or _THE_PLACE_TOOK_IN.match(_since_the_figure_before(claim, previous, own))
            )
        ):  # "... was built for 250 people. It held 610 on Wednesday": that shelter held them
            role = Role("other_group", group_key=previous["group_key"] or "shelter:unnamed",
                        group_kind="shelter", note="'it held', 'slept there': the shelter "
                        "whose capacity was just given")  # fmt: skip
        if (
            role.role in {"total", "other_group", "part"}
            and last_group
            and _NUMBER_ANAPHORA.search(before)
            # "... counted the caravan members who had reached the city. It put the number at"
            and not places.names_main_group(
                _lead_of(claim), kind=event.kind if event else "caravan"
            )
        ):
            role = _same_group_as(last_group, "'puts the number at': the count named before")
        bare = not claim["noun"]
        again = _OF_THE.search(before[-12:]) or _ALL_OF.search(f"{before[-8:]}{claim['quote']}")
        repeated = counted.get(claim["low"]) if bare and again else None
        if repeated is not None and role.role in {"total", "other_group", "part"}:
            # "State police detained 186 people ... Of the 186, 94 were Venezuelans"
            role = _same_group_as(repeated, "'of the 186': the figure counted before, again")
        # "1,850 migrants at four sites on Monday, up from 420 in the park": the 420 is compared
        # with the people, not with the sites in between
        compared = (
            previous_counted
            if previous_counted and _compares_with_the_figure_before(before, bare)
            else None
        )
        if compared and compared["sentence_start"] == claim["sentence_start"]:
            role = _same_group_as(compared, "'up from': the same quantity on another day")
            role.part_kind, role.part_of_claim = compared["part_kind"], compared["part_of_claim"]
            earlier = _earlier_period(claim, event)
            if role.group_key.startswith("earlier:") and earlier:
                role.group_key = f"earlier:{earlier}"  # "31,200 in June, up from 24,600 in May"
        if (  # the clause's first count, not the figure before ("..., which alone held 510; ...")
            role.role in {"total", "other_group"}
            and bare
            and previous is not None
            and counted_first is not None
            and _ANOTHER_SOURCE_AFTER_SEMICOLON.search(
                _since_the_figure_before(claim, previous, own)
            )
        ):  # "counted about 1,550 people in the atrium; the collective said 3,600"
            role = _same_group_as(counted_first, "another source's count of the clause before")
        listed_part = _listed_after_a_part(claim, previous, own)
        if role.role in {"total", "other_group"} and listed_part:
            role = Role("part", part_kind=listed_part, count_of=previous["count_of"],
                        note="a part listed right after another part")  # fmt: skip
        if not rules_only(claim):
            role = _second_opinion(claim, role, event)
        if role.count_of == "capacity" and not role.group_key and last_size:
            role.group_key = last_size["group_key"]  # "its capacity of 300": the shelter before
        if role.role == "part":
            parent = (
                _whole_of_the_part_before(claim, previous, own)
                or _count_of_the_people_it_names(claim, last_counted)
                or _parent_of_part(
                    claim, last_group, last_size, main_size, event, in_sentence_before
                )
            )
            role.part_of_claim = parent["claim_id"] if parent else ""
            if parent and parent["count_of"] not in {"size", ""}:
                role.count_of = parent["count_of"]  # a part of those detained is detained too
            if _in_list_after_colon(claim["sentence"], own[0]):
                role.breakdown = f"{claim['article_id']}:{claim['sentence_start']}"
        row = {"claim_id": claim["claim_id"], **_role_fields(role)}
        rows.append(row)
        previous = {**row, "sentence_start": claim["sentence_start"], "end": own[1]}
        if counted_first is None and row["role"] in _COUNTS and row["count_of"] != "capacity":
            counted_first = previous
        if own not in vehicles:
            previous_counted = previous
        if (
            role.role in {"total", "other_group", "other_measure"}
            and claim.get("statement", "observation") == "observation"
        ):
            last_group = {**row, "sentence_start": claim["sentence_start"]}
            last_counted[role.count_of] = last_group
            if claim["qualifier"] == "exact":
                counted.setdefault(claim["low"], last_group)
            if role.role != "other_measure":
                last_size = last_group
            if role.role == "total":
                main_size = last_group
    return rows


_COMPARED = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'compared')}) from\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'compared_qualifier')}) )?$"
)
_COMPARED_WITH = re.compile(
    rf"(?i)\b(?:{lexicons.alternation('role_cues', 'compared_with')})\s+"
    rf"(?:(?:{lexicons.alternation('role_cues', 'compared_qualifier')}) )?$"
)


def _compares_with_the_figure_before(before: str, bare: bool) -> bool:
    """ "780 applications, up from 410 on Thursday": the 410 counts what the 780 counts; so
    does a bare number after "against" ("23 investigations since 1 February, against 14 on 8
    February"; not "640 people against 380 beds")."""
    return bool(_COMPARED.search(before[-40:]) or (bare and _COMPARED_WITH.search(before[-40:])))


# "counted about 1,600 migrants in Tenosique, including those in shelters": the shelters are
# inside the count, which is not theirs
_INCLUDING_SHELTERS = re.compile(
    r"(?i)\b(?:including|counting|with|among them)\s+(?:those|the ones|people|migrants)\s+"
    r"(?:in|at)\s+(?:the\s+|its\s+|their\s+|the city's\s+)?(?:\w+\s+)?(?:shelters|albergues)\b"
)
# "some 2,600 people, most of them camped around the park": where the caravan rests, not a camp
_WHERE_MOST_CAMPED = re.compile(
    r"(?i),\s+(?:most|many|all|some|half|nearly all)\s+of\s+them\s+(?:\w+\s+)?"
    r"(?:camped|camping|sleeping|slept)\b"
)
_EXPECTED_TO_ARRIVE = re.compile(
    r"(?i)\bN\s+(?:[\w-]+\s+){0,3}?(?:to|will|would|could|may|might)\s+"
    r"(?:arrive|reach|get (?:there|to)|make it)\b"
)
_OF_THE = re.compile(r"(?i)\bof the\s+$")
_ALL_OF = re.compile(r"(?i)\ball\s+\d")  # "all 214 were foreigners": the 214 counted before
_OF_THEM = re.compile(rf"(?i)\bof (?:{lexicons.alternation('role_cues', 'of_them')})\b")


def _whole_of_the_part_before(
    claim: dict, previous: dict | None, own: tuple[int, int]
) -> dict | None:
    """ "registered 540 minors in the camp, 31 of them travelling without a parent", "58 were
    minors, 14 of them unaccompanied": "of them" right after a part in the same sentence makes a
    part of the same whole (the whole, not the part: parts are one level deep)."""
    if (
        previous is None
        or previous["role"] != "part"
        or not previous["part_of_claim"]
        or previous["sentence_start"] != claim["sentence_start"]
        or not _OF_THEM_BARE.match(claim["sentence"][own[1] :])
    ):
        return None
    return {"claim_id": previous["part_of_claim"], "count_of": previous["count_of"]}


def _parent_of_part(
    claim: dict,
    last_group: dict | None,
    last_size: dict | None,
    main_size: dict | None,
    event: EventInfo | None,
    in_sentence_before: dict | None = None,
) -> dict | None:
    """The group figure a part belongs to: a figure earlier in its own sentence ("1,843 had
    returned, and 320 of them were minors"); the main group when the sentence names it
    ("Among those in the camp"); a count of those detained, returned ... in the sentence just
    before, when the part's sentence names no group ("The institute detained 180 persons. 96
    are of Honduran nationality"); else the nearest group size before it."""
    if last_group and last_group["sentence_start"] == claim["sentence_start"]:
        return last_group
    offset = claim["start"] - claim["sentence_start"]
    around = claim["sentence"][max(0, offset - 30) : offset + len(claim["quote"]) + 15]
    if last_group and _OF_THEM.search(around):
        return last_group  # "At least 240 of them were children": of the people just counted
    kind = event.kind if event else "caravan"
    names_main = re.search(rf"(?i)\b(?:the|this) {kind}\b", claim["sentence"])
    if names_main and main_size:
        return main_size
    if (
        last_group
        and in_sentence_before
        and last_group["claim_id"] == in_sentence_before["claim_id"]
        and last_group["count_of"] in _PEOPLE_COUNTED
        and claim["sentence_start"] - last_group["sentence_start"] <= _JUST_BEFORE
        and not _NAMES_A_GROUP.search(claim["sentence"])
    ):
        return last_group
    return last_size or main_size


def _count_of_the_people_it_names(claim: dict, last_counted: dict[str, dict]) -> dict | None:
    """A part whose own sentence names, before it, the people some figure counted ("its list
    of the people detained at Jacala on Wednesday: 91 men, 44 women and 33 minors", "said those
    detained came from four countries: 78 were Cuban"): a part of the latest figure that counted
    them, whatever was counted in between (the crash's injured, a caravan's size)."""
    sentence, offset = claim["sentence"], claim["sentence_start"]
    before = sentence[: claim["start"] - offset]
    among = _AMONG_COUNTED.match(sentence[claim["end"] - offset :])
    named_in = f"{before} {among.group(0)}" if among else before
    for measure, named in _PEOPLE_OF_A_MEASURE.items():
        if measure in last_counted and named.search(named_in):
            return last_counted[measure]
    return None


_PEOPLE_OF_A_MEASURE = {
    measure: lexicons.pattern("role_cues", f"people_{measure}")
    for measure in ("detained", "deported", "returned", "rescued")
}
_JUST_BEFORE = 300  # characters from the start of the sentence before to the part's sentence
# counts of people a part can be a part of (not a capacity, visas or appointments)
_PEOPLE_COUNTED = {
    "detained", "deported", "returned", "arrived", "injured", "hospitalised", "dead", "rescued",
    "kidnapped",
}  # fmt: skip
_NAMES_A_GROUP = lexicons.pattern("group_cues", "names_a_group")


_THERE = re.compile(rf"(?i)\bthere\b(?!\s+(?:{lexicons.alternation('role_cues', 'there_verb')})\b)")


def _points_back_to_a_place(claim: dict, previous: dict | None, event: EventInfo | None) -> bool:
    """ "Police counted about 300 there on Saturday": "there" is where the other group named in
    the sentence before is (never "there were 300", which places nothing), unless a sentence
    with no figure between them names the camp of a camp's event ("The crossing swelled an
    open-air processing site east of town. About 1,100 people were there Monday.")."""
    if previous is None or previous["role"] != "other_group" or previous["count_of"] == "people":
        return False
    lead = _lead_of(claim).lower()
    if event is not None and event.kind == "camp" and lead and _CAMP_LABEL.search(lead):
        return False
    offset = claim["start"] - claim["sentence_start"]
    around = claim["sentence"][max(0, offset - 40) : offset + len(claim["quote"]) + 30]
    return bool(_THERE.search(around))


_CONTINUES = re.compile(rf"(?i)(?:,|\b(?:{lexicons.alternation('role_cues', 'continues')}))\s*$")


_LISTED_ORG = re.compile(r"\s*of\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*){1,4})")
_NUMBER_ANAPHORA = re.compile(
    rf"(?i)(?:\b(?:{lexicons.alternation('role_cues', 'anaphora_verb')})s?\s+(?:the|that|this)\s+"
    rf"(?:{lexicons.alternation('role_cues', 'number_noun')})\s+at"
    # "(the organisers say it was closer to 250)": the count just named, read again
    rf"|\b(?:{lexicons.alternation('role_cues', 'restating_verb')})\s+(?:that\s+)?"
    rf"(?:it|the\s+(?:{lexicons.alternation('role_cues', 'number_noun')}))\s+(?:was|is|were)"
    # "(the organisers say 230)": another source's count of the same, in an aside
    rf"|\((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+"
    rf"(?:{lexicons.alternation('role_cues', 'restating_verb')})"
    rf")\s*(?:(?:{lexicons.alternation('role_cues', 'anaphora_qualifier')}) )?$"
)


def _listed_after_actors(claim: dict, previous: dict | None, before: str) -> str:
    """The actor key of a bare number listed right after a count of actors in its sentence
    ("200 elements of the National Guard and 250 of Fuerza Coahuila": Fuerza Coahuila's)."""
    if previous is None or previous["role"] != "other_actor" or claim["noun"]:
        return ""
    if previous["sentence_start"] != claim["sentence_start"] or not _CONTINUES.search(before[-30:]):
        return ""
    offset = claim["end"] - claim["sentence_start"]
    org = _LISTED_ORG.match(claim["sentence"], offset)
    kind = previous["group_key"].split(":")[1] if previous["group_key"].count(":") else "staff"
    return f"actor:{kind}:{_slug(org.group(1))}" if org else previous["group_key"]


def _continues_a_count(claim: dict, previous: dict | None, before: str) -> bool:
    """ "detained 140 people at one checkpoint on Thursday and 85 at another on Tuesday": a bare
    number right after another measure's figure in the same sentence counts the same thing."""
    if previous is None or previous["role"] != "other_measure" or claim["noun"]:
        return False
    if previous["count_of"] == "capacity":  # "built for 150, and about 330 in the gym"
        return False
    if previous["sentence_start"] != claim["sentence_start"]:
        return False
    return bool(_CONTINUES.search(before[-30:]))


# what may stand between two items of a list: the first item's own words, then a comma or "and"
_LIST_GAP = re.compile(r"[^\d.;:()]{0,30}?(?:,\s*(?:and\s+)?|\s+and\s+)")


_COUNTS = {"total", "other_group", "other_measure"}


# after a semicolon, another source and its verb, then the bare figure: a second count of the
# people the clause before counted ("; the Colectivo Paso del Riel told me it counted 3,600")
_ANOTHER_SOURCE_AFTER_SEMICOLON = re.compile(
    r"(?i);\s+(?:the\s+|a\s+|its\s+)?(?:[\w'’.-]+\s+){1,6}?"
    r"(?:said|says|counted|counts|estimated|estimates|reported|reports|"
    r"put\s+(?:it|the\s+number|the\s+figure|the\s+count)\s+at|"
    r"told\s+[\w-]+(?:\s+(?:it|they)\s+(?:had\s+)?counted)?)\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|as\s+many\s+as)"
    r"\s+)?$"
)


def _since_the_figure_before(claim: dict, previous: dict, own: tuple[int, int]) -> str:
    """The words between the figure before, in the same sentence, and this one ('' if none)."""
    if previous["sentence_start"] != claim["sentence_start"]:
        return ""
    return claim["sentence"][previous["end"] : own[0]]


def _listed_after_a_part(claim: dict, previous: dict | None, own: tuple[int, int]) -> str:
    """ "By nationality, 1,240 are Venezuelan, 910 Honduran, 560 Mexican and 410 Cuban": a
    figure whose own word names a part, listed right after a part, is a part too (its kind)."""
    if previous is None or previous["role"] != "part":
        return ""
    gap = _since_the_figure_before(claim, previous, own)
    elided = _ELIDED_PART.fullmatch(gap)
    if elided:  # "Women make up roughly 600 of the walkers and children about 390"
        return _first("part_nouns", elided.group(1), "part_kind")
    if not _LIST_GAP.fullmatch(gap):
        return ""
    return _noun_part(claim, claim["sentence"][own[1] :])


# the words between two parts whose verb is said once: "... roughly 600 of the walkers and
# children (for) about 390"
_ELIDED_PART = re.compile(
    r"(?i)(?:\s+of\s+(?:the|its|their)\s+[\w-]+)?,?\s+and\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+"
    r"(?:for\s+)?"
)


def _second_opinion(claim: dict, role: Role, event: EventInfo | None) -> Role:
    """The rules' role, or the learned model's (:mod:`caravan_claims.role_model`) when that is
    confident (``revise_at``), differs, and is a role this stage can key without more words
    (``role_model.may_revise``): the main group's size, another group, another measure of the
    group's people, or not people. A part needs its total and an actor its name: those stay the
    rules' to give, and a part the rules found stays one."""
    model = role_model.model()
    if model is None or role.note in _NOT_REVISED:
        return role
    rules_label = role_model.label_of(role.role, role.count_of)
    if not role_model.revisable(rules_label, model.labels):
        return role  # a measure the gold never taught it (hospitalised, rescued ...), or a part
    found = features_of(claim, role, event)
    opinion = model.opinion(found, rules_label)
    if (
        not role_model.may_revise(rules_label, opinion.label, model.labels)
        or opinion.probability < role_model.revise_at()
    ):
        return role
    revised = _role_for_label(opinion.label, claim, role, event)
    if revised is None:
        return role
    reasons = model.reasons(found, opinion.label, rules_label)
    words = ", ".join(map(role_model.describe, reasons)) or "its weights alone"
    revised.note = (
        f"learned model: {opinion.label} (probability {opinion.probability:.2f}, the rules' "
        f"{rules_label} {opinion.rules_probability:.2f}; weighed most: {words})"
        + (f"; the rules had: {role.note}" if role.note else "")
    )
    return revised


def features_of(claim: dict, role: Role, event: EventInfo | None) -> list[str]:
    """:func:`role_model.features` of a claim, with the rules' role and the claim's event."""
    return role_model.features(
        claim, role.role, role.count_of, role.group_key, role.group_kind, role.note,
        event.kind if event else "", event.typical_count if event else math.nan,
    )  # fmt: skip


def _role_for_label(label: str, claim: dict, role: Role, event: EventInfo | None) -> Role | None:
    if label in {"total", "not_people"}:
        return Role(label)
    if label == "other_group":
        if role.group_key.startswith("other:") and role.group_key != UNSPECIFIED:
            key = role.group_key
        else:
            sentence = claim["sentence"]
            key = "other:" + _slug(_distinguishing_name(sentence, sentence, event) or "unnamed")
        return Role("other_group", group_key=key, group_kind="group")
    if label.startswith(role_model.MEASURE_LABEL):
        measure = label.removeprefix(role_model.MEASURE_LABEL)
        return _measure_role(measure, claim["sentence"], claim, event)
    return None


def _same_group_as(row: dict, note: str) -> Role:
    return Role(
        row["role"], group_key=row["group_key"], group_kind=row["group_kind"],
        count_of=row["count_of"], note=note,
    )  # fmt: skip


def _in_list_after_colon(sentence: str, start: int) -> bool:
    """A figure inside a list that a colon opened earlier in the sentence: "640 people: 388
    women, 170 children and 82 men" (each of the three)."""
    colon = sentence.rfind(": ", 0, start)  # not the colon of a clock time ("18:00 hours")
    if colon < 0:
        return False
    between = sentence[colon + 1 : start]
    last_item = between.rsplit(";", 1)[-1]  # items a semicolon separates may each be long
    return bool(re.fullmatch(r"[\w\s,;.'’-]*", between)) and (
        len(between) < 80 or (len(last_item) < 80 and len(between) < 300)
    )


def _label_part(sentence: str, start: int) -> str:
    """The sub-population a list item's label names before its figure: "Census of July 9:
    Hondurans 1,380; Mexicans displaced from Guerrero 1,060", "Minors: 1,290"."""
    head = sentence[:start]
    label = _LABEL_BEFORE.search(head)
    if not label:
        return ""
    return _first("part_nouns", label.group(1), "part_kind")


# a list item's label alone, right before its figure: "Venezuelans 780, Mexicans 450",
# "Ecuadorians 96 · Colombians 61"
_ITEM_LABEL = re.compile(r"(?:^|[:;,·•])\s*((?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+):?\s*$")


def _item_label_part(head: str) -> str:
    """The sub-population a list item's one-word label names right before its figure, or ''."""
    label = _ITEM_LABEL.search(head)
    return _first("part_nouns", label.group(1), "part_kind") if label else ""


# a short label right before a figure, after a colon, semicolon, a list's comma or middle dot,
# or the sentence's start (and a list's bullet: "• Minors among them: 530"; "Venezuelans 780,
# Mexicans 450"; "Ecuadorians 96 · Colombians 61")
_LABEL_BEFORE = re.compile(
    r"(?:^[\s•·*–—-]*|[:;,·•]\s*)((?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+)(?:\s+[^\d:;,.()·•]{0,50}?)?:?\s*$"
)


def _in_parentheses(sentence: str, start: int) -> bool:
    """A figure inside parentheses that break down what the sentence counts: "People returned
    on buses (861 Salvadorans, taken to El Poy; 334 Nicaraguans ...)"."""
    opened = sentence.rfind("(", 0, start)
    return opened >= 0 and ")" not in sentence[opened:start]


def _role_fields(role: Role) -> dict:
    return {
        "role": role.role,
        "group_key": role.group_key,
        "group_kind": role.group_kind,
        "count_of": role.count_of,
        "part_kind": role.part_kind,
        "part_of_claim": role.part_of_claim,
        "breakdown": role.breakdown,
        "role_note": role.note,
    }
