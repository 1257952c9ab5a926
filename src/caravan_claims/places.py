"""Where a figure's people are, read from the claim's sentence (the claims table carries it).

A figure is placed by the town its sentence is framed in ("In Ciudad Hidalgo, about 150 ...",
"PIJIJIAPAN, Chiapas — ...") or that its clause names ("remained in Allende"), and by a venue
("sleeping in the municipal gymnasium", "outside the regional office"). An event's *main places*
are the towns and venues of the sentences that name its main group ("the caravan reached
Escuintla", "the camp at the rail yard") and of its label. People counted somewhere the main group
is never reported are another group: the crowd at a consulate while the caravan walks elsewhere,
the Cubans sleeping in a gymnasium while the camp is at the rail yard.

Months, weekdays, languages and countries are not places here: "in May", "in Spanish" and "in
Mexico" locate nothing an event could be told apart by.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale

from caravan_claims import lexicons


def capitalised_name(*joins: str) -> str:
    """A capitalised name of one or more words, a Spanish article allowed between two of them
    ("Ciudad de México", "Casa del Migrante"), and the ``joins`` given."""
    between = "|".join(("de(?:l)?", "la", "las", "los", "el", *joins))
    return rf"[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:\s+(?:{between})?\s*[A-ZÁÉÍÓÚÑ][\w'’.-]*)*"


_NAME = capitalised_name()
# The patterns that read a capitalised name are case-sensitive, their words too.
_FRAMING = re.compile(
    rf"(?:^|[.;]\s+|—\s*)(?:{lexicons.alternation('place_cues', 'framing')})\s+({_NAME}),"
)
_DATELINE = re.compile(r"^\s*([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .'-]{2,}),\s+[A-Z][\w ]*?\s+(?:—|–|--)")
_CLAUSE_WORDS = lexicons.alternation("place_cues", "clause_town")
_CLAUSE_TOWN = re.compile(rf"\b(?:{_CLAUSE_WORDS})\s+({_NAME})")
_ROUTE_TOWN = re.compile(
    rf"\b(?:{_CLAUSE_WORDS}|{lexicons.alternation('place_cues', 'route')})\s+"
    rf"(?:the\s+(?:{lexicons.alternation('place_cues', 'settlement')}) of\s+)?({_NAME})"
)
# A venue that reports ("the municipal office counted 3,400 people in the shelters") is a source,
# not where the people are.
_REPORTS = lexicons.pattern("place_cues", "reports")
_FROM_TOWN = re.compile(rf"\bfrom\s+({_NAME})")
_CLAUSE_END = re.compile(rf"\b(?:{lexicons.alternation('place_cues', 'clause_end')})\b")
_NOT_MAIN = lexicons.pattern("group_cues", "not_main")


@dataclass(frozen=True)
class Location:
    towns: frozenset[str] = frozenset()
    venues: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.towns or self.venues)


@cache
def _not_places() -> frozenset[str]:
    english = Locale("en")
    words = {*english.territories.values(), *english.languages.values()}
    words |= {*english.months["format"]["wide"].values(), *english.days["format"]["wide"].values()}
    listed = lexicons.rows("not_places")
    words |= {r["word"] for r in listed if r["kind"] == "name"}
    pairs = [r["word"] for r in listed if r["kind"] == "country_pair"]
    words |= {f"{a}-{b}" for a in english.territories.values() for b in pairs}
    return frozenset(_fold(w) for w in words)


@cache
def _nationality_word() -> re.Pattern[str]:
    """A nationality as a noun or an adjective ("Mexicans", "Mexican"; lexicons/part_nouns)."""
    patterns = [r["pattern"] for r in lexicons.rows("part_nouns") if r["type"] == "nationality"]
    return re.compile(rf"(?i)(?:{'|'.join(patterns)})")


@cache
def site_nouns() -> str:
    """The alternation of the venue nouns of the kinds a city opens to people as one of its
    shelters (``site`` = yes: a gym, a plaza, a church)."""
    return "|".join(
        f"(?:{r['pattern']})" for r in lexicons.rows("venue_nouns") if r["site"] == "yes"
    )


@cache
def _venue_nouns() -> str:
    """The alternation of every venue noun of ``venue_nouns.csv``, for the patterns below."""
    return lexicons.alternation("venue_nouns")


@cache
def _venue() -> re.Pattern[str]:
    nouns = _venue_nouns()
    return re.compile(
        rf"(?i)\b(?:{lexicons.alternation('place_cues', 'venue_preposition')})\s+"
        rf"(?:{lexicons.alternation('place_cues', 'venue_determiner')})\s+"
        rf"((?:[\w'’-]+\s+){{0,3}}?(?:{nouns}))\b"
    )


def _fold(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", stripped).strip(" .").lower()


def _town(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip()).rstrip(".")
    if _fold(name) in _not_places() or not re.search(r"[a-záéíóúñ]", name):
        return ""  # a country, month or language, or an acronym (INM, COMAR)
    if "-" in name and all(_fold(part) in _not_places() for part in name.split("-")):
        return ""  # "the Costa Rica-Panama line": two countries, no town
    if _nationality_word().fullmatch(name):
        return ""  # "at Mexican border crossing": a nationality, not a town
    if re.search(r"['’]s\s", name):
        return ""  # "Mexico's Gulf coast", "Texas's Big Bend": a region of a place, not a town
    return name


def as_town(name: str) -> str:
    """``name`` when it can name a town, "" for a country, month, language or acronym."""
    return _town(name)


def _dateline(sentence: str) -> str:
    found = _DATELINE.match(sentence)
    return _town(found.group(1).title()) if found else ""


def of_sentence(sentence: str) -> Location:
    """Every town and venue a sentence names."""
    towns = {_town(m) for m in _CLAUSE_TOWN.findall(sentence)} | {_dateline(sentence)}
    towns |= {_town(m) for m in _FRAMING.findall(sentence)}
    venues = {_fold(m) for m in _venue().findall(sentence)}
    return Location(frozenset(towns - {""}), frozenset(venues))


def framing_towns(sentence: str) -> frozenset[str]:
    """The towns a sentence is framed in ("In San Luis Río Colorado, to the east, ...")."""
    return frozenset({_town(m) for m in _FRAMING.findall(sentence)} - {""})


def of_figure(sentence: str, before: str, after: str, origins: bool = False) -> Location:
    """The town the sentence is framed in, and the towns and venues of the figure's own clause
    (``before`` and ``after`` are the words beside the figure, cut at its neighbours); with
    ``origins``, also the places people were taken from ("bused from Escuintla")."""
    framing = {_town(m) for m in _FRAMING.findall(sentence)}
    clause = f"{before} {_CLAUSE_END.split(after, maxsplit=1)[0]}"
    towns = framing | {_town(m) for m in _CLAUSE_TOWN.findall(clause)}
    if origins:
        towns |= {_town(m) for m in _FROM_TOWN.findall(clause)}
    venues = {_fold(m) for m in _venue().findall(clause)}
    subject = _subject_venue().match(sentence)
    speaks = subject and _REPORTS.search(sentence, subject.end(), subject.end() + 60)
    if subject and not speaks and sentence.find(before) <= 90:
        venues.add(_fold(subject.group(1)))  # "The municipal gymnasium ... had filled to 350"
    return Location(frozenset(towns - {""}), frozenset(venues))


def route_towns(sentence: str) -> frozenset[str]:
    """The towns a sentence names on a route ("has reached Saltillo", "left Arriaga")."""
    return frozenset({_town(m) for m in _ROUTE_TOWN.findall(sentence)} - {""})


def named_venues(text: str) -> list[str]:
    """Venues with a proper name ("the Viva México checkpoint"), folded; "a checkpoint" is none."""
    return sorted({_fold(v) for v in _venue().findall(text) if re.search(r"[A-ZÁÉÍÓÚÑ]", v)})


@cache
def _names_main(kind: str) -> re.Pattern[str]:
    """What names an event's main group, by the event's kind (``group_cues.csv``, kind
    ``main_<kind>``): a caravan is never "the camp", and in a shelter event "the camp at the
    bridge" is another group."""
    nouns = lexicons.alternation("group_cues", f"main_{kind}") or lexicons.alternation(
        "group_cues", "main_caravan"
    )
    # "the shelters", "its shelters", "Tijuana's emergency shelters"
    return re.compile(
        rf"(?i)\b(?:the|this|its|our|\w+['’]s)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{nouns})\b"
    )


def names_main_group(sentence: str, venues: Iterable[str] = (), kind: str = "caravan") -> bool:
    """ "the caravan", "the march", "its walkers" (or "the terminal" when the main group is the
    crowd at a terminal): the sentence speaks of the event's main group, and not of a group told
    apart from it ("the main caravan", "the second caravan")."""
    if _NOT_MAIN.search(sentence) or lexicons.word_pattern("group_cues", "other_group_noun").search(
        sentence
    ):
        return False
    if _names_main(kind).search(sentence):
        return True
    return any(
        re.search(rf"(?i)\bthe (?:[\w'’-]+ ){{0,2}}?{re.escape(v)}\b", sentence) for v in venues
    )


# "(across from Laredo, Texas)" in a label names the other side of the border, where the main
# group is not: "Across the line in San Luis, Arizona, agents apprehended 164" is another group.
_ACROSS_FROM = re.compile(r"\(across (?:the (?:border|river|line) )?from [^()]*\)")


def main_places(sentences: Iterable[str], label: str, kind: str = "caravan") -> Location:
    """The towns and venues where an event's main group is reported: those of its label and of
    every sentence that names the main group ("the caravan", or the venue of a camp's label:
    "the terminal" of "Monterrey bus terminal"). A camp or a shelter stays where its label puts
    it, so its venues come from the label alone: a sentence that moves people "from the bridge
    into the shelters" does not put the shelters' population on the bridge."""
    label_nouns = _venue_heads().findall(label)
    label_venues = {_head(v) for v in label_nouns}
    towns = {m for m in re.findall(_NAME, _ACROSS_FROM.sub(" ", label)) if _town(m)}
    # The whole noun as well as its last word: "port of entry" is a crossing, "entry" no venue.
    venues = label_venues | {_fold(v) for v in label_nouns}
    for sentence in sentences:
        if names_main_group(sentence, label_venues, kind):
            found = of_sentence(sentence)
            if kind != "caravan":  # a camp or shelters stay put: "In <another town>, the shelters"
                found = Location(found.towns - framing_towns(sentence), found.venues)
            towns |= found.towns | route_towns(sentence)
            if kind == "caravan":
                venues |= found.venues
            else:
                venues |= _listed_with(sentence, label_venues)
    return Location(frozenset(towns), frozenset(venues))


_NOT_LISTED = lexicons.pattern("place_cues", "moved")


def _listed_with(sentence: str, label_venues: set[str]) -> set[str]:
    """Venues counted together with the label's ("1,240 people at the terminal and the parish",
    "in the terminal, its forecourt and the courtyard"): the main group is in all of them."""
    found = list(_venue_heads().finditer(sentence))
    anchors = [m for m in found if _head(m.group()) in label_venues]
    listed: set[str] = set()
    for anchor in anchors:
        for other in found:
            if other is anchor:
                continue
            left, right = sorted((anchor, other), key=lambda m: m.start())
            gap = sentence[left.end() : right.start()]
            joined = ("," in gap or re.search(r"(?i)\band\b", gap)) and len(gap) <= 40
            if joined and not _NOT_LISTED.search(gap):
                listed.add(_fold(other.group()))
    return listed


@cache
def _subject_venue() -> re.Pattern[str]:
    return re.compile(rf"(?i)\s*(?:the|a)\s+((?:[\w'’-]+\s+){{0,3}}?(?:{_venue_nouns()}))\b")


def names_a_venue(name: str) -> bool:
    """Whether a name is a venue's ("Capital Crossroads Welcome Center"), not a town's."""
    return _venue_heads().search(name) is not None


@cache
def _venue_heads() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{_venue_nouns()})\b")


@cache
def _street() -> re.Pattern[str]:
    types = "|".join(re.escape(r["word"].rstrip(".")) for r in lexicons.rows("street_types"))
    return re.compile(rf"\b((?:{types})\s+{_NAME}|{_NAME}\s+(?:{types}))\b")


def street_of(sentence: str) -> str:
    """The street a sentence names ("on Avenida Tecnológico", "at 12 Elm Street"), or ""."""
    found = _street().search(sentence)
    return found.group(1) if found else ""


def is_main_town(town: str, main: Location) -> bool:
    """Whether the main group is reported in ``town`` ("Acuña" is "Ciudad Acuña")."""
    folded = _fold(town)
    return any(folded in m or m in folded for m in (_fold(t) for t in main.towns))


def elsewhere(location: Location, main: Location) -> str:
    """The name of a town or venue of ``location`` where the main group is never reported, or
    "" when the figure is placed where the main group is (or nowhere)."""
    for town in sorted(location.towns):
        if not is_main_town(town, main):
            return town
    main_kinds = {_venue_kind(v) for v in main.venues}
    if any(_venue_kind(v) in main_kinds for v in location.venues):
        return ""  # "at the plaza of the New International Bridge": the main group's bridge
    for venue in sorted(location.venues):
        if _venue_kind(venue) not in main_kinds:
            return venue
    return ""


def elsewhere_by_name(location: Location, main: Location) -> str:
    """A named venue ("the Los Indios bridge") none of whose name words is in a main place's
    name, even when the main group is at a venue of the same kind ("the New International
    Bridge"): two bridges with names are two places."""
    main_words = {w for name in (*main.towns, *main.venues) for w in _fold(name).split()}
    for venue in sorted(location.venues):
        words = set(venue.split()) - set(_head(venue).split()) - {"the"}
        if words and not words & main_words:
            return venue
    return ""


def venue_identity(name: str) -> set[str]:
    """The words of a named venue without its noun, plus its kind ("paso del norte bridge" →
    {paso, del, norte, kind=5}); an empty set for a name with no venue noun or no other words."""
    titled = name.title()  # keys are lower case; a crossing is a venue only with its name
    heads = list(_venue_heads().finditer(titled))
    if not heads:
        return set()
    words = set(_fold(titled[: heads[-1].end()]).split()[:-1]) - {"the", "a"}  # all but the noun
    return words | {f"kind={_venue_kind(titled)}"} if words else set()


def _venue_kind(venue: str) -> int:
    """The row of ``venue_nouns.csv`` a venue's noun is on: a levee and a riverbank are one kind
    of place (the border), a consulate and an office another."""
    last_end, kind = -1, -1
    for number, pattern in enumerate(_venue_kinds()):
        for found in pattern.finditer(venue):
            if found.end() > last_end:
                last_end, kind = found.end(), number
    return kind


@cache
def _venue_kinds() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?i)\b(?:{r['pattern']})\b") for r in lexicons.rows("venue_nouns"))


def _head(venue: str) -> str:
    """ "terminal" for "the bus terminal": venues compare by their last word."""
    found = _venue_heads().findall(venue)
    return _fold(found[-1] if found else venue).split()[-1]
