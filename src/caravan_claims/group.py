"""Stage 3a — give every claim a quantity key: what it measures, about whom, for when.

Two claims can only be reconciled when they speak of the same quantity: the same *subject* (the
main group of an event from ``events.csv``, another group of that event, a part of a group, an
actor, or a standing subject such as the U.S. southwest border), the same *measure* (caravan or
camp size, detained, deported, border encounters per month, ...) and the same *period*. Keys come
from each claim's role (:mod:`roles`), unit, rate, sentence and its article's metadata; curated
corrections come from ``data/claim_overrides.csv`` and are never edits to derived tables.

A group's size changes as it walks: all size claims of one group are one quantity, whatever their
dates, and reconciliation reads them as a series (:mod:`reconcile`), so an override of a claim's
measure or date never splits a group by day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Hashable
from concurrent.futures import Executor
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa

from caravan_claims import frames, group_model, lexicons, processes, roles
from caravan_claims.corpus import read_csv_as_text, validate
from caravan_claims.errors import InputError

BORDER = "us_sw_border"
UNSPECIFIED = roles.UNSPECIFIED
UNASSIGNED = "unassigned"
OVERRIDE_FIELDS = ("subject", "event_id", "measure", "period", "as_of", "exclude")
GROUPED_COLUMNS = [
    "claim_id", "quantity_id", "subject", "event_id", "measure", "period", "as_of", "as_of_basis",
    "role_in_group", "group_kind", "part_kind", "part_of", "part_of_claim", "breakdown",
    "role_note", "grouping_note",
]  # fmt: skip

# What a border figure counts, from the words of its clause (lexicons/border_counts.csv); the
# order matters ("apprehended" before "crossed": "apprehended after they crossed" counts
# apprehensions).
_COUNT_WORDS = [
    (r["count"], re.compile(f"(?i){r['pattern']}"), r["border"] == "yes")
    for r in lexicons.rows("border_counts")
]
_BORDER_COUNTS = {name for name, _, _ in _COUNT_WORDS}  # a unit that is one of them is that count
_BORDER_CONTEXT = lexicons.pattern("quantity_cues", "border")
_CARAVAN_CONTEXT = lexicons.pattern("quantity_cues", "caravan")


def _units(kind: str, measure: str | None = None) -> dict[str, str]:
    """The units of ``unit_measures.csv`` of one kind (and measure), each with its measure."""
    return {
        r["unit"]: r["measure"]
        for r in lexicons.rows("unit_measures")
        if r["kind"] == kind and measure in {None, r["measure"]}
    }


_DISTANCE_UNITS = set(_units("quantity", "distance"))
_MONEY_UNITS = set(_units("quantity", "money"))
_DURATION_UNITS = set(_units("quantity", "duration"))
_UNIT_MEASURES = _units("rated")


# Measures of people that no border-enforcement statistic counts, whatever the sentence says of
# the border ("2,900 CBP One appointments ... since the apprehension of 230 people")
_NOT_BORDER_MEASURES = {
    "asylum_applied", "visas", "capacity", "injured", "hospitalised", "dead", "kidnapped",
}  # fmt: skip


def measure_of(claim: pd.Series | dict) -> str:
    """The measure a claim reports, from its unit, rate and the words of its sentence."""
    unit, per, sentence = claim["unit"], claim["per"], claim["sentence"]
    if unit in _DISTANCE_UNITS:
        return "distance"
    if unit in _MONEY_UNITS:
        return "money"
    if unit in _DURATION_UNITS or unit == "age":
        return unit if unit == "age" else "duration"
    if unit == "percent":
        return "share"
    if unit in _UNIT_MEASURES:
        return _UNIT_MEASURES[unit] + (f"_per_{per}" if per else "")
    if unit == "people" and _CARAVAN_CONTEXT.search(sentence):
        return "caravan_size"
    # a row of a table of a sector's monthly apprehensions: the heading names what it counts
    counted = _border_count(unit, f"{roles.table_heading(claim)} {sentence}")
    if counted:
        return f"border_{counted}_{_granularity(per, claim['period'])}"
    return f"other_{unit}"


def _border_count(unit: str, sentence: str) -> str | None:
    """Encounters, apprehensions and expulsions are border-enforcement terms in themselves;
    crossings, arrests and deportations count only where the sentence speaks of the border."""
    if unit in _BORDER_COUNTS:
        return unit
    if unit not in {"people", "count"}:
        return None
    for name, pattern, needs_border in _COUNT_WORDS:
        if pattern.search(sentence) and (not needs_border or _BORDER_CONTEXT.search(sentence)):
            return name
    return None


def _granularity(per: str, period: str) -> str:
    """day / month / year for rates and whole calendar months, else 'period' (e.g. a weekend)."""
    if per:
        return per
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "month"
    if re.fullmatch(r"\d{4}", period):
        return "year"
    return "period"


def period_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a period covers ("2023-11" → Nov 1 to Nov 30), or None if empty."""
    if not period:
        return None
    first, _, last = period.partition("/")
    return _start_of(first), _end_of(last or first)


def _start_of(part: str) -> dt.date:
    pieces = [int(p) for p in part.split("-")]
    return dt.date(
        pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1
    )


def _end_of(part: str) -> dt.date:
    pieces = [int(p) for p in part.split("-")]
    if len(pieces) == 3:
        return dt.date(*pieces)
    if len(pieces) == 2:
        following = dt.date(pieces[0] + pieces[1] // 12, pieces[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(pieces[0], 12, 31)


def as_of_and_basis(claim: dict, published: pd.Timestamp | None) -> tuple[str, str]:
    """The date a claim speaks for, and how it was found.

    The date: its period when that is a single day, else the article's publication date, else
    its period's last day. A running count "since Sunday" speaks for the day it was written, not
    for Sunday; so does a new size after a word of change ("has dwindled to about 3,000 ... down
    from about 7,000 when it set out on Thursday": Thursday dates the 7,000).

    The basis: ``text`` (the sentence names the day, or says the figure is the size now: "has
    dwindled to"), else ``published`` (the article's date, which for an explainer restating old
    figures is later than the figures)."""
    bounds = period_bounds(claim["period"])
    one_day = bool(bounds) and bounds[0] == bounds[1]
    now = _speaks_for_now(claim)
    if one_day and not now:
        date = bounds[0].isoformat()
    elif published is not None and not pd.isna(published):
        date = published.date().isoformat()
    else:
        date = bounds[1].isoformat() if bounds else ""
    return date, "text" if now or one_day else "published"


_NOW_BEFORE = re.compile(
    rf"(?i){lexicons.WORD_START}(?:{lexicons.alternation('quantity_cues', 'now_verb')})\s+to\s+"
    rf"(?:(?:{lexicons.alternation('quantity_cues', 'now_qualifier')}) )?$"
)
_RUNNING = lexicons.alternation("quantity_cues", "running")


def _speaks_for_now(claim: pd.Series | dict) -> bool:
    sentence = str(claim.get("sentence", ""))
    offset = int(claim.get("start", 0)) - int(claim.get("sentence_start", 0))
    text = str(claim.get("period_text", ""))
    running = bool(text) and re.search(rf"(?i)\b(?:{_RUNNING})\s+{re.escape(text)}", sentence)
    if running:
        return True
    offset = max(offset, 0)  # "... has dwindled to about |3,000"
    return bool(_NOW_BEFORE.search(sentence, max(0, offset - _NOW_REACH), offset))


# How far before its figure "has dwindled to about" can start: searching only there, not the
# whole sentence before the figure, saves a search from every word of a long sentence.
_NOW_REACH = 80


def assign(
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    events: pd.DataFrame,
    overrides: pd.DataFrame | None = None,
    workers: int = 1,
    *,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """One row per claim with its quantity key and its role (see ``GROUPED_COLUMNS``).

    Border counts belong to the standing subject ``us_sw_border``. Counts of people in an
    event's article take the role :func:`roles.assign_roles` gives them: the event's main group
    (subject = the event), another group (``event/other:...``, ``event/shelter:...``), a part of a
    group (``parent/minors``, linked by ``part_of``), another measure of a group's people
    (detained, deported ...), or an actor. Overrides are applied last. ``workers``: processes
    that read the articles for roles and cluster the events' other groups, from
    ``PARALLEL_FROM`` claims (the rows are the same as in this process). ``executor``: a pool
    the caller keeps (:func:`processes.pool`), used instead of ``workers``."""
    if executor is not None:
        return _assign(claims, corpus, events, overrides, executor)
    if workers > 1 and len(claims) >= PARALLEL_FROM:
        with processes.pool(workers, preload="caravan_claims.group") as executor:
            grouped = _assign(claims, corpus, events, overrides, executor)
        processes.release_worker_server()  # what follows needs the memory, not the server
        return grouped
    return _assign(claims, corpus, events, overrides, None)


# Below this many claims a pool of processes costs more than it saves (starting it, importing
# the package in its server, sending the claims).
PARALLEL_FROM = 20_000


def _assign(
    claims: pd.DataFrame,
    corpus: pd.DataFrame,
    events: pd.DataFrame,
    overrides: pd.DataFrame | None,
    executor: Executor | None,
) -> pd.DataFrame:
    # plain dictionaries: per-claim pandas look-ups dominated the time on large corpora
    articles = frames.by_index(corpus.set_index("article_id")[["event_id", "published"]])
    records = frames.records(claims)  # one conversion for the roles and the keys
    # the facts of each claim alone, in the workers while this process reads the events
    dated = [(claim, articles[claim["article_id"]]["published"]) for claim in records]
    facts = (
        processes.submit_runs(executor, _facts_of, dated, lambda _: 1)
        if executor is not None
        else None
    )
    infos = roles.event_context(events, claims, corpus, executor)
    role_rows = roles.assign_roles(
        claims, corpus, events, infos, _roles_of_the_rules, executor, records
    )
    role_rows = frames.by_index(role_rows.set_index("claim_id"))
    every_fact = processes.joined(facts) if facts is not None else _facts_of(dated)
    every_fact = _dated_by_the_sentence_before(records, every_fact, role_rows)
    rows: list[dict] = []
    keyed: dict[str, tuple[str, str]] = {}  # claim_id -> (subject, measure), for parts
    for claim, fact in zip(records, every_fact, strict=True):
        article = articles[claim["article_id"]]
        role = role_rows[claim["claim_id"]]
        row = _key(claim, fact, role, article, infos, keyed)
        keyed[claim["claim_id"]] = (row["subject"], row["measure"])
        rows.append(row)
    grouped = pd.DataFrame(rows, columns=[c for c in GROUPED_COLUMNS if c != "quantity_id"])
    grouped = _copies_keep_their_original_date(grouped, claims)
    value_of = _values_of(claims)
    grouped = _undated_incidents_join_their_day(grouped, value_of)
    grouped = _unplaced_detentions_join_the_days_one_place(grouped)
    grouped = _sectors_named_once(grouped)
    grouped = _sector_figures_repeated(grouped, value_of)
    grouped = _far_below_the_days_other_counts(grouped, claims)
    grouped = _other_groups_clustered(grouped, claims, executor=executor)
    grouped = _parts_follow_their_groups(grouped, keyed)
    if overrides is not None and not overrides.empty:
        grouped = apply_overrides(grouped, overrides)
    grouped["quantity_id"] = [
        quantity_id(row.subject, row.measure, row.period) for row in grouped.itertuples()
    ]
    final = dict(zip(grouped["claim_id"], grouped["quantity_id"], strict=True))
    grouped["part_of"] = [
        final.get(parent) or (quantity_id(*keyed[parent], "") if parent in keyed else "")
        for parent in grouped["part_of"]
    ]
    return grouped[GROUPED_COLUMNS]


def _parts_follow_their_groups(
    grouped: pd.DataFrame, keyed: dict[str, tuple[str, str]]
) -> pd.DataFrame:
    """A part is keyed under its group's subject when the rules see it (``keyed``); when a later
    step moved that group (the learned clustering put it with another group's figures, a day's
    incident took its day), the part moves with it: the minors among the detained at one
    checkpoint stay apart from those detained at another. A part that took its group's measure
    takes the group's new one."""
    position = {claim: n for n, claim in enumerate(grouped["claim_id"])}
    subjects, measures = grouped["subject"].tolist(), grouped["measure"].tolist()
    for n, (role, kind, parent) in enumerate(
        zip(grouped["role_in_group"], grouped["part_kind"], grouped["part_of_claim"], strict=True)
    ):
        p = position.get(parent)
        if role != "part" or p is None or parent not in keyed:
            continue
        old_subject, old_measure = keyed[parent]
        if (subjects[p], measures[p]) == (old_subject, old_measure):
            continue
        if subjects[n] == f"{old_subject}/{kind}":
            subjects[n] = f"{subjects[p]}/{kind}"
        if measures[n] == old_measure:
            measures[n] = measures[p]
    grouped = grouped.copy()
    grouped["subject"], grouped["measure"] = subjects, measures
    return grouped


_CLAIM_COLUMNS = (
    "sentence", "start", "end", "sentence_start", "low", "article_id", "copy_of", "lead",
    "attributed_to", "noun",
)  # fmt: skip


_NOT_PEOPLE_MEASURES = {"distance", "money", "duration", "age", "share"}


def _roles_of_the_rules(claim: dict) -> bool:
    """Claims whose role the learned model does not revise: a border statistic (its role is the
    rules' and this stage's: a sector's count or the border's), and a figure whose unit is not
    people (km, dollars, days, an age, a percentage), whatever the words around it."""
    measure = measure_of(claim)
    return measure.startswith("border_") or measure in _NOT_PEOPLE_MEASURES


def _other_groups_clustered(
    grouped: pd.DataFrame,
    claims: pd.DataFrame,
    models: dict[str, group_model.Model] | None = None,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """The figures of other groups of each event, its other counts of people (detained,
    injured ...) and its actors, each clustered by its learned model (:mod:`group_model`): one
    subject per cluster, named by its members' most common name (the rules' keys) or else its
    first member's (``other:unnamed``, then ``other:unnamed_2`` ...); for other groups, one size
    measure per cluster when all are sizes. A figure whose subject changes says so in its
    grouping note. ``models``: by kind (default: the committed ones). ``executor``: a pool of
    processes that clusters runs of the events' blocks."""
    models = group_model.models() if models is None else models
    blocks = _rows_to_cluster(grouped, claims, set(models), executor)
    if not blocks:
        return grouped
    work = [(kind, rows) for (kind, _), (_, rows) in blocks.items()]
    if executor is None:
        found = _cluster_blocks(work, models)
    else:
        found = processes.joined(
            processes.submit_runs(
                executor, _cluster_blocks, work, lambda b: len(b[1]) ** 2, models,
                runs_per_worker=4,
            )
        )  # fmt: skip
    subjects, measures = grouped["subject"].tolist(), grouped["measure"].tolist()
    notes = grouped["grouping_note"].tolist()
    periods = grouped["period"].tolist()
    for (positions, rows), (clusters, joined) in zip(blocks.values(), found, strict=True):
        taken: set[str] = set()
        for members in clusters:
            _one_incident_day(members, rows, positions, periods, notes)
            _undated_members_join_the_clusters_day(members, rows, positions, periods, notes)
            subject = _cluster_subject([rows[m]["subject"] for m in members], taken)
            sizes = [rows[m]["measure"] for m in members]
            size = max(sorted(set(sizes)), key=sizes.count) if all(
                m.endswith("_size") for m in sizes
            ) else ""  # fmt: skip
            for m in members:
                n = positions[m]
                if subject != subjects[n]:
                    with_whom = "" if joined[m] != joined[m] else f", probability {joined[m]:.2f}"
                    notes[n] = (
                        f"{notes[n]}; the learned model puts it with the figures of "
                        f"{subject}{with_whom}"
                    )
                subjects[n] = subject
                measures[n] = size or measures[n]
    grouped = grouped.copy()
    grouped["subject"], grouped["measure"], grouped["grouping_note"] = subjects, measures, notes
    grouped["period"] = periods
    return grouped


def _one_incident_day(
    members: list[int],
    rows: list[dict],
    positions: list[int],
    periods: list[str],
    notes: list[str],
) -> None:
    """A count of an incident told again on a later day with the same number ("43 people" hurt
    on Tuesday, "43 treated" in Thursday's story), which the model puts with that day's count, is
    that day's count: one incident, not a new one each day it is retold."""
    told: dict[tuple[str, float], str] = {}  # (measure, value) -> the first day it was given
    for m in sorted(members, key=lambda m: rows[m]["period"]):
        row = rows[m]
        if row["measure"] not in INCIDENTS or not row["period"]:
            continue
        first = told.setdefault((row["measure"], row["low"]), row["period"])
        n = positions[m]
        if first != periods[n]:
            notes[n] = f"{notes[n]}; the same {row['measure']} count as on {first}, told again"
            periods[n] = first


def _undated_members_join_the_clusters_day(
    members: list[int],
    rows: list[dict],
    positions: list[int],
    periods: list[str],
    notes: list[str],
) -> None:
    """A toll or a count of admissions without a day ("the toll rose to four") that the model
    put with one incident's dated counts is that incident's running count: it takes the
    cluster's one day, as :func:`_undated_incidents_join_their_day` does for the rules' keys
    (a count of admissions only a day on or before its own)."""
    for measure in RUNNING_COUNTS:
        of_measure = [m for m in members if rows[m]["measure"] == measure]
        days = {periods[positions[m]] for m in of_measure} - {""}
        for m in of_measure:
            n = positions[m]
            day = _running_count_day(measure, days, str(rows[m]["as_of"] or ""))
            if periods[n] or not day:
                continue
            periods[n] = day
            notes[n] = f"{notes[n]}; the running count of the incident of {day}"


RUNNING_COUNTS = ("dead", "hospitalised")


def _running_count_day(measure: str, days: set[str], as_of: str) -> str:
    """The day of the one dated incident an undated running count of ``measure`` ("the toll
    rose to four", "the number admitted had risen to 11") belongs to, or "". A toll is the one
    deadly incident's, whenever dated; a count of admissions joins an incident of its day or
    before, never a later one. Not "injured": running counts of people treated span many
    incidents."""
    if len(days) != 1:
        return ""
    day = next(iter(days))
    return day if measure == "dead" or day <= (as_of or day) else ""


def _cluster_blocks(
    blocks: list[tuple[str, list[dict]]], models: dict[str, group_model.Model]
) -> list[tuple[list[list[int]], list[float]]]:
    """Each block's (kind, rows) clustered by the model of its kind: its clusters and, per
    figure, the probability it joined with (:func:`group_model.cluster`)."""
    found = []
    for kind, rows in blocks:
        model = models[kind]
        figures = [group_model.figure(row) for row in rows]
        found.append(group_model.cluster(figures, model.probability, model.join_at))
    return found


def figures_to_cluster(
    grouped: pd.DataFrame, claims: pd.DataFrame, kinds: set[str]
) -> dict[tuple[str, str], tuple[list[int], list[group_model.Figure]]]:
    """Per (kind, event): the positions in ``grouped`` of the figures a model of one of
    ``kinds`` clusters, and those figures as the model reads them."""
    return {
        block: (positions, [group_model.figure(row) for row in rows])
        for block, (positions, rows) in _rows_to_cluster(grouped, claims, kinds).items()
    }


def _rows_to_cluster(
    grouped: pd.DataFrame,
    claims: pd.DataFrame,
    kinds: set[str],
    executor: Executor | None = None,
) -> dict[tuple[str, str], tuple[list[int], list[dict]]]:
    """Per (kind, event): the positions in ``grouped`` of the figures a model of one of
    ``kinds`` clusters, and their rows joined with their claims' columns the model reads."""
    positions: dict[tuple[str, str], list[int]] = {}
    for n, (event_id, role, measure) in enumerate(
        zip(grouped["event_id"], grouped["role_in_group"], grouped["measure"], strict=True)
    ):
        kind = clustered_by_the_model(role, measure)
        if event_id and kind in kinds:
            positions.setdefault((kind, event_id), []).append(n)
    wanted = sorted(n for rows in positions.values() for n in rows)
    records = dict(zip(wanted, frames.records(grouped.iloc[wanted]), strict=True))
    columns = [c for c in _CLAIM_COLUMNS if c in claims.columns]
    ids = {records[n]["claim_id"] for n in wanted}
    claim_of = frames.by_index(claims[claims["claim_id"].isin(ids)].set_index("claim_id")[columns])
    names = _article_names(claims, {claim_of[i]["article_id"] for i in ids}, executor)
    joined = {
        n: {**records[n], **(claim := claim_of[records[n]["claim_id"]]),
            "article_names": names[claim["article_id"]]}
        for n in wanted
    }  # fmt: skip
    return {block: (rows, [joined[n] for n in rows]) for block, rows in positions.items()}


def _article_names(
    claims: pd.DataFrame, articles: set[str], executor: Executor | None = None
) -> dict[str, frozenset[str]]:
    """The names in each of ``articles``' figures' sentences (each sentence read once; in runs
    of articles on ``executor`` when given)."""
    wanted = claims[claims["article_id"].isin(articles)]
    sentences: dict[str, dict[str, None]] = {}
    for article, sentence in zip(wanted["article_id"], wanted["sentence"], strict=True):
        sentences.setdefault(article, {})[str(sentence)] = None
    texts = [list(s) for s in sentences.values()]
    if executor is None:
        names = _names_of_articles(texts)
    else:
        names = processes.joined(processes.submit_runs(executor, _names_of_articles, texts, len))
    return dict(zip(sentences, names, strict=True))


def _names_of_articles(articles: list[list[str]]) -> list[frozenset[str]]:
    return [group_model.article_names(sentences) for sentences in articles]


def clustered_by_the_model(role_in_group: str, measure: str) -> str:
    """Which learned model clusters a figure ("" for none): figures of other groups, other
    counts of people and actors deployed, but not a sector's border statistics (keyed by their
    sector and period)."""
    if measure.startswith("border_") or role_in_group not in group_model.KINDS:
        return ""
    return role_in_group


def _cluster_subject(members: list[str], taken: set[str]) -> str:
    named = [s for s in members if not group_model.unnamed(s)]
    ranked = sorted(set(named), key=lambda s: (-named.count(s), members.index(s)))
    for subject in ranked:
        if subject not in taken:
            taken.add(subject)
            return subject
    base = ranked[0] if ranked else members[0]  # unnamed: the first member's own key
    subject, n = base, 2
    while subject in taken:
        subject, n = f"{base}_{n}", n + 1
    taken.add(subject)
    return subject


# A count of the main group below this share of the median of its other counts within a day
# is another group's: organisers and officials differ by two or three times, not five.
_FAR_BELOW = 0.2
_SPANS_DAYS = re.compile(r"^\d{4}(?:-\d{2})?$")
_NOT_CENTRAL = {"upper", "vague"}  # a ceiling or a vague word says little of the day's size


def _median_without(ordered: list[float], index: int) -> float:
    """The median of a sorted list with the item at ``index`` left out."""
    size = len(ordered) - 1

    def at(k: int) -> float:
        return ordered[k] if k < index else ordered[k + 1]

    middle = size // 2
    return at(middle) if size % 2 else (at(middle - 1) + at(middle)) / 2


def _far_below_the_days_other_counts(grouped: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """A count of an event's main group far below every count of it a day around ("230" among
    reports of 2,300 the same day) is another group's: people left behind or a group apart whose
    words did not say so. Needs two other counts of the day (not copies, forecasts, denials,
    ceilings or vague words); never moves a ceiling ("fewer than 500") or a vague word."""
    info = claims.set_index("claim_id").reindex(
        columns=["low", "high", "qualifier", "statement", "copy_of", "period"]
    )
    facts = frames.by_index(info.fillna({"statement": "", "copy_of": "", "period": ""}))
    rows = frames.records(grouped)
    days = pd.to_datetime(grouped["as_of"], errors="coerce").tolist()
    dated: dict[str, list[tuple[int, pd.Timestamp, float, str]]] = {}
    for n, (row, day) in enumerate(zip(rows, days, strict=True)):
        fact = facts[row["claim_id"]]
        main = row["subject"] == row["event_id"] and row["measure"].endswith("_size")
        if not main or row["role_in_group"] != "total" or fact["copy_of"]:
            continue
        if fact["statement"] in {"forecast", "denial"} or _SPANS_DAYS.search(fact["period"]):
            continue  # a month's or a year's count ("in June") is no day's
        if not pd.isna(day):
            value = (fact["low"] + fact["high"]) / 2
            dated.setdefault(row["event_id"], []).append((n, day, value, fact["qualifier"]))
    if not dated:
        return grouped
    grouped = grouped.copy()
    subjects, roles_in, notes = (grouped[c].tolist() for c in ("subject", "role_in_group",
                                                                 "grouping_note"))  # fmt: skip
    moved: dict[str, str] = {}  # claim_id -> its note
    for counts in dated.values():
        central = [(n, day, value) for n, day, value, q in counts if q not in _NOT_CENTRAL]
        by_day: dict[pd.Timestamp, list[float]] = {}
        for _, day, value in central:
            by_day.setdefault(day, []).append(value)
        windows = {  # each day's counts with those of the days either side, sorted
            day: sorted(
                v for offset in (-1, 0, 1) for v in by_day.get(day + pd.Timedelta(days=offset), [])
            )
            for day in by_day
        }
        for n, day, value in central:
            window = windows[day]
            if len(window) < 3:  # itself and two others at least
                continue
            typical = _median_without(window, bisect.bisect_left(window, value))
            if value < _FAR_BELOW * typical:
                moved[rows[n]["claim_id"]] = (
                    f"another group of {rows[n]['event_id']}: {value:,.0f} is less than a fifth "
                    f"of the other counts of its main group a day around (median {typical:,.0f})"
                )
    for n, row in enumerate(rows):
        original = facts[row["claim_id"]]["copy_of"]
        note = moved.get(row["claim_id"]) or (moved.get(original) if original else None)
        if note and subjects[n] == row["event_id"]:  # a copy goes where its original went
            subjects[n] = f"{row['event_id']}/other:unnamed"
            roles_in[n] = "other_group"
            notes[n] = note
    grouped["subject"] = subjects
    grouped["role_in_group"] = roles_in
    grouped["grouping_note"] = notes
    return grouped


def _copies_keep_their_original_date(grouped: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """A copy speaks for the day its original does: "on Saturday" in a wire story reposted on
    Monday still means the Saturday the wire story meant."""
    if "copy_of" not in claims.columns:
        return grouped
    grouped = grouped.copy()
    original_of = dict(zip(claims["claim_id"], claims["copy_of"], strict=True))
    originals = [original_of.get(claim_id, "") for claim_id in grouped["claim_id"]]
    present = set(grouped["claim_id"])
    rows = [n for n, original in enumerate(originals) if original and original in present]
    # the originals' values, read before any change
    for column in ("as_of", "as_of_basis", "period"):
        value_of = dict(zip(grouped["claim_id"], grouped[column], strict=True))
        values = grouped[column].tolist()
        for n in rows:
            values[n] = value_of[originals[n]]
        grouped[column] = values
    return grouped


def _values_of(claims: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Each claim's number, as (low, high): two claims repeat a figure when these are equal."""
    values = zip(claims["low"], claims["high"], strict=True)
    return dict(zip(claims["claim_id"], values, strict=True))


def _undated_incidents_join_their_day(
    grouped: pd.DataFrame, value_of: dict[str, tuple[float, float]]
) -> pd.DataFrame:
    """An incident recalled without its day ("two walkers dead" in a column written days later)
    is the incident an article dated with the same number, not a new one on the column's date:
    it joins the latest such day before it."""
    dated: dict[tuple, list[str]] = {}
    rows = frames.records(grouped)
    for row in rows:
        if row["measure"] in INCIDENTS and row["period"] and row["as_of_basis"] == "text":
            key = (row["subject"], row["measure"], value_of.get(row["claim_id"]))
            dated.setdefault(key, []).append(row["period"])
    if not dated:
        return grouped
    days_of: dict[tuple, set[str]] = {}  # every day an incident count is given for
    for row in rows:
        if row["measure"] in INCIDENTS and row["period"]:
            days_of.setdefault((row["subject"], row["measure"]), set()).add(row["period"])
    periods = grouped["period"].tolist()
    for n, row in enumerate(rows):
        if row["measure"] not in INCIDENTS:
            continue
        if not row["period"] and row["measure"] in RUNNING_COUNTS:
            days = days_of.get((row["subject"], row["measure"]), set())
            day = _running_count_day(row["measure"], days, str(row["as_of"] or ""))
            if day:
                periods[n] = day
            continue
        if not row["period"]:
            continue
        if row["as_of_basis"] == "text":
            continue
        key = (row["subject"], row["measure"], value_of.get(row["claim_id"]))
        days = [day for day in dated.get(key, []) if day <= row["period"]]
        if days:
            periods[n] = max(days)
    grouped = grouped.copy()
    grouped["period"] = periods
    return grouped


def _unplaced_detentions_join_the_days_one_place(grouped: pd.DataFrame) -> pd.DataFrame:
    """Detentions of the main group's people counted without a place ("the organisers said more
    than 300 had been detained") on a day when the event's articles place that day's detentions
    at one place only ("the INM detained 180 at its Ocozocoautla checkpoint") are those, told
    another way: one incident with two counts, not two incidents."""
    placed: dict[tuple[str, str, str], set[str]] = {}
    for row in grouped.itertuples(index=False):
        if row.measure == "detained" and row.subject.startswith(f"{row.event_id}/at:"):
            placed.setdefault((row.event_id, row.measure, row.as_of), set()).add(row.subject)
    if not placed:
        return grouped
    subjects, notes = grouped["subject"].tolist(), grouped["grouping_note"].tolist()
    for n, row in enumerate(grouped.itertuples(index=False)):
        if row.measure != "detained" or row.subject != row.event_id or row.role_in_group == "part":
            continue
        places_that_day = placed.get((row.event_id, row.measure, row.as_of), set())
        if len(places_that_day) == 1:
            subjects[n] = next(iter(places_that_day))
            notes[n] = f"{notes[n]}; the day's one detention incident its articles place"
    grouped = grouped.copy()
    grouped["subject"], grouped["grouping_note"] = subjects, notes
    return grouped


class ClaimFacts(NamedTuple):
    """What a claim's own row says, whatever its role: its measure and as-of date."""

    measure: str
    as_of: str
    as_of_basis: str


def _facts_of(dated: list[tuple[dict, pd.Timestamp | None]]) -> list[ClaimFacts]:
    """Each claim's :class:`ClaimFacts`, from (claim, its article's publication date)."""
    return [
        ClaimFacts(measure_of(claim), *as_of_and_basis(claim, published))
        for claim, published in dated
    ]


def _dated_by_the_sentence_before(
    records: list[dict], facts: list[ClaimFacts], role_rows: dict[Hashable, dict]
) -> list[ClaimFacts]:
    """A figure whose own sentence names no day speaks for the day of the figure just before it
    when that one's sentence names its day and ends right where this sentence starts, or is this
    sentence: "Civil protection counted fewer than 900 people entering the city on Tuesday. The
    organisers said 2,500." The 2,500 is Tuesday's, not the publication day's. News tells a
    day's figures together, and a reply names no day of its own; a sentence that names another
    day or period, or speaks of its own time (:func:`_told_in_the_same_time`), keeps its own.
    Sizes only: a count of the detained or the injured with no day of its own joins its day's
    incident (:func:`_undated_incidents_join_their_day`)."""
    dated = list(facts)
    last: dict[str, tuple[int, int, str]] = {}  # article -> the last dated sentence and its day
    for n in sorted(range(len(records)), key=lambda n: records[n]["start"]):
        claim, fact = records[n], dated[n]
        article, start = claim["article_id"], claim["sentence_start"]
        end = start + len(claim["sentence"])
        if fact.as_of_basis == "text":
            last[article] = (start, end, fact.as_of)
            continue
        before = last.get(article)
        if before is None or claim["period"] or not fact.as_of:
            continue  # "in May 2023": a period of its own, not a day
        if role_rows[claim["claim_id"]]["count_of"] not in {"size", ""}:
            continue  # a count of the detained, injured ... with no day joins its day's incident
        adjacent = start == before[0] or -1 <= start - before[1] <= _SENTENCE_GAP
        if adjacent and _told_in_the_same_time(claim["sentence"]):
            dated[n] = fact._replace(as_of=before[2], as_of_basis="text")
            last[article] = (start, end, before[2])
    return dated


_SENTENCE_GAP = 1  # characters between two sentences of one paragraph (a space)
_OWN_TIME = lexicons.pattern("quantity_cues", "own_time")
_OF_THEM_OPENING = lexicons.pattern("quantity_cues", "of_them_opening")


def _told_in_the_same_time(sentence: str) -> bool:
    """A sentence that reports in the past ("The organisers said 2,500.") or takes part of the
    figure before it ("Of those, 720 are men"), not one of the present or future ("The shelter
    already houses 1,150", "The center has beds for 60")."""
    return bool(_OF_THEM_OPENING.search(sentence)) or not _OWN_TIME.search(sentence)


def _key(
    claim: dict,
    facts: ClaimFacts,
    role: dict,
    article: dict,
    infos: dict[str, roles.EventInfo],
    keyed: dict[str, tuple[str, str]],
) -> dict:
    event_id = article["event_id"]
    date, basis = facts.as_of, facts.as_of_basis
    row = {
        "claim_id": claim["claim_id"],
        "event_id": event_id,
        "period": "",
        "as_of": date,
        "as_of_basis": basis,
        "role_in_group": role["role"],
        "group_kind": role["group_kind"],
        "part_kind": role["part_kind"],
        "part_of": "",
        "part_of_claim": role["part_of_claim"],
        "breakdown": role["breakdown"],
        "role_note": role["role_note"],
    }
    measure = facts.measure
    named_group = (
        role["role"] == "part"
        or (role["role"] == "other_group" and role["group_key"] != UNSPECIFIED)
        or role["count_of"] in _NOT_BORDER_MEASURES  # appointments, visas, capacity, injuries
    )
    sector = _sector(claim["sentence"]) if event_id and measure.startswith("border_") else ""
    if sector and not named_group:
        row.update(subject=f"{event_id}/{sector}", measure=measure, period=claim["period"])
        row.update(role_in_group="other_group", group_kind="group", grouping_note=_SECTOR_NOTE)
        row["role_note"] = "a border statistic of a sector: its words, not the roles, key it"
        return row
    if measure.startswith("border_") and not named_group:
        row.update(subject=BORDER, measure=measure, period=claim["period"], role_in_group="border")
        row.update(group_kind="", grouping_note=_BORDER_NOTE)
        row["role_note"] = "a border statistic: its words, not the roles, key it"
        return row
    if role["role"] == "not_people" or not event_id:
        subject, note = _subject(event_id)
        row.update(subject=subject, measure=measure, grouping_note=note)
        row["period"] = claim["period"] if not measure.endswith("_size") else ""
        if not event_id and role["role"] != "not_people":
            row["role_in_group"] = "unassigned"
            row["role_note"] = "an article with no event: no group to count it in"
        return row
    main_kind = infos[event_id].kind if event_id in infos else "caravan"
    subject, size_measure, note = _group_of(role, event_id, main_kind)
    if role["role"] == "part":
        parent = keyed.get(role["part_of_claim"], (event_id, f"{main_kind}_size"))
        subject, size_measure = f"{parent[0]}/{role['part_kind']}", parent[1]
        main = f"<main group of {event_id}>"  # a part naming no group before it
        keyed[main] = (event_id, f"{main_kind}_size")
        row["part_of"] = role["part_of_claim"] or main
        note = f"a part ({role['part_kind']}) of {quantity_id(*parent, '')}"
    measure = size_measure if role["count_of"] in {"size", ""} else role["count_of"]
    if measure in INCIDENTS and not lexicons.pattern("change_cues").search(claim["sentence"]):
        row["period"] = row["as_of"]  # "12 injured on Monday": that day's incident, its own count
    if role["count_of"] == "people":
        measure = "other_people"  # people, but no group: shown, not reconciled
    row.update(subject=subject, measure=measure, grouping_note=note)
    return row


_BORDER_NOTE = "a border count: the standing subject, the U.S. southwest border"
_SECTOR_NOTE = "a Border Patrol sector's count: that sector's, not the whole southwest border's"
_SECTOR = lexicons.pattern("quantity_cues", "sector")
_SECTOR_NAME = re.compile(  # case-sensitive: the capitalised words right before "sector"
    r"((?:[A-ZÁÉÍÓÚÑ][\w.-]*\s+){1,4})(?i:sector)\b"
)
_NOT_NAME = re.compile(rf"^(?:(?:{lexicons.alternation('role_cues', 'not_shelter_name')})\s+)+")
UNNAMED_SECTOR = "other:sector"


def _sector(sentence: str) -> str:
    """ "other:tucson_sector" when a border count's sentence names the Border Patrol sector that
    counted ("Border Patrol's Tucson sector said agents apprehended 340 people"); "other:sector"
    for "the sector" alone; "" when no sector is named (the southwest border's statistic)."""
    if not _SECTOR.search(sentence):
        return ""
    named = _SECTOR_NAME.search(sentence)
    name = _NOT_NAME.sub("", named.group(1)).strip() if named else ""
    return f"other:{roles._slug(name)}_sector" if name else UNNAMED_SECTOR


def _sectors_named_once(grouped: pd.DataFrame) -> pd.DataFrame:
    """In an event whose articles name one Border Patrol sector, "the sector" is that one ("The
    sector recorded 9,800 encounters in September"), and so are the event's dated border counts
    that name no sector ("its agents apprehended 340 people west of the port late Monday"): a
    count of a day or a few days near the event is local, never the whole border's statistic."""
    named: dict[str, set[str]] = {}
    for event_id, subject in zip(grouped["event_id"], grouped["subject"], strict=True):
        if subject.endswith("_sector") and subject.startswith(f"{event_id}/other:"):
            named.setdefault(event_id, set()).add(subject)
    sector_of = {event_id: next(iter(s)) for event_id, s in named.items() if len(s) == 1}
    if not sector_of:
        return grouped
    grouped = grouped.copy()
    subjects, roles_in_group = grouped["subject"].tolist(), grouped["role_in_group"].tolist()
    for n, row in enumerate(grouped.itertuples(index=False)):
        sector = sector_of.get(row.event_id, "")
        dated = row.measure.startswith("border_") and row.measure.endswith("_period")
        if sector and row.subject == f"{row.event_id}/{UNNAMED_SECTOR}":
            subjects[n] = sector
        elif sector and row.subject == BORDER and dated and row.role_in_group == "border":
            subjects[n], roles_in_group[n] = sector, "other_group"
    grouped["subject"], grouped["role_in_group"] = subjects, roles_in_group
    return grouped


def _sector_figures_repeated(
    grouped: pd.DataFrame, value_of: dict[str, tuple[float, float]]
) -> pd.DataFrame:
    """A border count that repeats, in an event's article, a figure the event's articles give
    for a named sector (same count, month and number: "Across the river, the Border Patrol made
    about 9,700 apprehensions in September") is that sector's, not the whole border's. A sector's
    count read with no period ("About 13,900 — Border Patrol apprehensions in the Tucson sector
    in July", the month after the dash unread) takes the month its articles give that number
    for, when they give it for one only."""
    sector_figures: dict[tuple, str] = {}
    for row in grouped.itertuples(index=False):
        if row.subject.endswith("_sector") and row.subject.startswith(f"{row.event_id}/"):
            key = (row.event_id, row.measure, row.period, value_of.get(row.claim_id))
            sector_figures[key] = row.subject
    if not sector_figures:
        return grouped
    grouped = grouped.copy()
    subjects, roles_in_group = grouped["subject"].tolist(), grouped["role_in_group"].tolist()
    notes = grouped["grouping_note"].tolist()
    measures, periods = grouped["measure"].tolist(), grouped["period"].tolist()
    dated: dict[tuple, set[tuple[str, str]]] = {}  # (subject, count, value) -> (measure, period)
    for (_, measure, period, value), subject in sector_figures.items():
        if period:
            dated.setdefault((subject, _count_of(measure), value), set()).add((measure, period))
    for n, row in enumerate(grouped.itertuples(index=False)):
        if row.subject.endswith("_sector") and not row.period and row.measure.startswith("border_"):
            told = dated.get((row.subject, _count_of(row.measure), value_of.get(row.claim_id)))
            if told and len(told) == 1:
                measures[n], periods[n] = next(iter(told))
                notes[n] = f"{notes[n]}; the same number its articles give for {periods[n]}"
            continue
        if row.subject != BORDER or not row.event_id:
            continue
        key = (row.event_id, row.measure, row.period, value_of.get(row.claim_id))
        if key in sector_figures:
            subjects[n], roles_in_group[n] = sector_figures[key], "other_group"
            notes[n] = f"{_SECTOR_NOTE}: the same figure its articles give for that sector"
    grouped["subject"], grouped["role_in_group"], grouped["grouping_note"] = (
        subjects,
        roles_in_group,
        notes,
    )
    grouped["measure"], grouped["period"] = measures, periods
    return grouped


def _count_of(measure: str) -> str:
    """ "apprehensions" of ``border_apprehensions_month``."""
    return measure.split("_")[1] if measure.startswith("border_") else measure


def _subject(event_id: str) -> tuple[str, str]:
    if not event_id:
        return UNASSIGNED, "the article has no event_id in its metadata"
    return event_id, f"the article's event ({event_id})"


def _group_of(role: dict, event_id: str, main_kind: str) -> tuple[str, str, str]:
    """The subject and size measure of the group a claim speaks of."""
    key, kind = role["group_key"], role["group_kind"] or main_kind
    if role["role"] == "other_actor":
        return f"{event_id}/{key}", "deployed", f"an actor in {event_id} ({key.split(':', 1)[1]})"
    if key.startswith("at:"):
        place = key.split(":", 1)[1].replace("_", " ")
        return f"{event_id}/{key}", f"{kind}_size", f"the main group of {event_id}, at {place}"
    if key:
        return f"{event_id}/{key}", f"{kind}_size", f"another group of {event_id} ({key})"
    return event_id, f"{main_kind}_size", f"the main group of {event_id}"


def is_reconciled_measure(measure: str) -> bool:
    """Measures whose claims compete to describe one number: group sizes, counts of a group's
    people (detained, deported ...), actors deployed, border counts, visas. Others (a tariff
    schedule, distances to different places, durations) are grouped for reading only."""
    return (
        measure.endswith("_size")
        or measure.startswith(("border_", "visas"))
        or (measure in COUNT_MEASURES)
    )


# People hurt, killed, kidnapped or rescued in one incident: figures of different days are
# different incidents unless the words make them a running total ("since Sunday", "so far").
INCIDENTS = {"injured", "hospitalised", "dead", "kidnapped", "rescued"}
COUNT_MEASURES = {
    "detained", "deported", "returned", "dead", "injured", "hospitalised", "arrived",
    "asylum_applied", "visas", "capacity", "kidnapped", "rescued", "deployed",
}  # fmt: skip


def quantity_id(subject: str, measure: str, period: str) -> str:
    return ":".join(part for part in (subject, measure, period) if part)


OVERRIDES_SCHEMA = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(
            str, checks=pa.Check.str_matches(r"^.+:\d+$", error="an article_id:start claim id")
        ),
        "field": pa.Column(
            str, checks=pa.Check.isin(list(OVERRIDE_FIELDS), error=f"one of {OVERRIDE_FIELDS}")
        ),
        "value": pa.Column(str),
        "reason": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="a reason")),
    },
    strict=False,
)


def load_overrides(path: Path | None) -> pd.DataFrame:
    """Curated corrections: one row per (claim_id, field) with the new value and the reason."""
    if path is None or not Path(path).is_file():
        return pd.DataFrame(columns=["claim_id", "field", "value", "reason"])
    frame = read_csv_as_text(Path(path), ("claim_id", "field", "value", "reason"))
    frame = validate(frame, OVERRIDES_SCHEMA, Path(path), "claim_id")
    frame.attrs["path"] = str(path)  # named in the errors of apply_overrides
    return frame


def apply_overrides(grouped: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """Apply curated corrections; an override naming an unknown claim is an error, since a
    silently ignored correction is a correction lost."""
    grouped = grouped.copy()
    known = set(grouped["claim_id"])
    for line, row in enumerate(overrides.itertuples(index=False), start=2):
        if row.claim_id not in known:
            where = overrides.attrs.get("path", "claim overrides")
            raise InputError(
                f"{where}: line {line}: claim_id {row.claim_id!r} is not in the claims "
                "table; expected the claim_id of an extracted figure"
            )
        mask = grouped["claim_id"] == row.claim_id
        if row.field == "exclude":
            grouped.loc[mask, "measure"] = "excluded"
            grouped.loc[mask, "subject"] = UNASSIGNED
        else:
            grouped.loc[mask, row.field] = row.value
        grouped.loc[mask, "grouping_note"] = f"override ({row.field}): {row.reason}"
        if row.field == "role_in_group":
            grouped.loc[mask, "role_note"] = f"override: {row.reason}"
    return grouped
