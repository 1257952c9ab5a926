"""What a per-event reconciliation report shows, computed from the pipeline's tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from caravan_claims import escape, group, plots
from caravan_claims.errors import InputError
from caravan_claims.official import series_for_plot
from caravan_claims.pipeline import Tables
from caravan_claims.reconcile import Interval, agreed_readings, interval_label
from caravan_claims.tables import TABLE_STYLE, cells_table, sentence_with_quote, value_label


@dataclass(frozen=True)
class EventView:
    event_id: str
    label: str
    tables: Tables
    article_ids: list[str]
    reconciled: pd.DataFrame  # the quantities this event's articles speak of

    def heading(self) -> HTML:
        """The event, its articles' outlets and the main group's size verdict, as escaped HTML:
        the label comes from events.csv, outlets from articles.csv, explanations quote articles."""
        outlets = sorted({o or f"article {a}" for a, o in self._outlets().items()})
        size = self.main_size
        parts = [
            f"<p><strong>{escape.text(self.label)}</strong> (<code>{escape.text(self.event_id)}"
            f"</code>): {len(self.article_ids)} article(s) — "
            f"{escape.text(', '.join(outlets))}.</p>"
        ]
        for row in size.itertuples(index=False):
            what = row.measure.replace("_size", "").capitalize()
            parts.append(
                f"<p><strong>{escape.text(what)} size, {escape.text(row.status)}.</strong> "
                f"{escape.text(row.explanation)}</p>"
            )
        return HTML("".join(parts))

    def _outlets(self) -> dict[str, str]:
        corpus = self.tables.corpus.set_index("article_id")
        return {a: corpus.loc[a, "outlet"] for a in self.article_ids}

    @property
    def main_size(self) -> pd.DataFrame:
        """The size of the event's main group (the caravan, or the camp of a camp event)."""
        rows = self.reconciled
        return rows[(rows["subject"] == self.event_id) & rows["measure"].str.endswith("_size")]

    @property
    def group_sizes(self) -> pd.DataFrame:
        """The sizes of every group of the event: the main one, other groups, parts."""
        rows = self.reconciled
        mine = rows["subject"].str.startswith(self.event_id) & rows["measure"].str.endswith("_size")
        return rows[mine]

    @property
    def border_quantities(self) -> pd.DataFrame:
        return self.reconciled[self.reconciled["subject"] == group.BORDER]

    def status_counts(self) -> str:
        counts = self.reconciled["status"].value_counts().sort_index()
        return ", ".join(f"{status}: {count}" for status, count in counts.items()) or "none"

    def summary(self) -> pd.DataFrame:
        shown = self.reconciled.copy()
        shown["agreed"] = [
            interval_label(Interval(r.low, r.high, r.low_open, r.high_open))
            if pd.notna(r.low)
            else r.readings
            for r in shown.itertuples(index=False)
        ]
        shown["estimate"] = [_estimate_label(r) for r in shown.itertuples(index=False)]
        shown["reports"] = [
            f"{r.n_independent} independent of {r.n_claims} claims" for r in shown.itertuples()
        ]
        return shown[
            ["quantity_id", "status", "agreed", "estimate", "estimate_basis", "reports",
             "explanation"]
        ]  # fmt: skip

    def groups(self) -> pd.DataFrame:
        """Each group of the event (the main one and the others: other caravans, camps,
        shelters), with its dates, status, estimate and day-by-day series."""
        rows = self.group_sizes[self.group_sizes["part_of"] == ""]
        shown = pd.DataFrame(
            {
                "group": [_group_name(r.subject, self.event_id) for r in rows.itertuples()],
                "kind": rows["measure"].str.replace("_size", "", regex=False),
                "as of": [_dates(r) for r in rows.itertuples()],
                "status": rows["status"],
                "estimate": [_estimate_label(r) for r in rows.itertuples()],
                "day by day": rows["series"],
                "independent reports": rows["carried_by"],
            }
        )
        return shown

    def parts(self) -> pd.DataFrame:
        """Each sub-population with the group it is a part of, and the checks of parts
        against totals (a part never exceeds its total; a breakdown adds up)."""
        rows = self.reconciled[self.reconciled["part_of"] != ""]
        return pd.DataFrame(
            {
                "part": [_group_name(r.subject, self.event_id) for r in rows.itertuples()],
                "measure": rows["measure"].str.replace("_", " ", regex=False),
                "part of": [
                    _group_name(p.rsplit(":", 1)[0], self.event_id) for p in rows["part_of"]
                ],
                "status": rows["status"],
                "estimate": [_estimate_label(r) for r in rows.itertuples()],
            }
        )

    def part_checks(self) -> pd.DataFrame:
        checks = self.checks()
        return checks[checks["kind"].isin(["part_within_total", "parts_sum_to_total"])]

    def forecasts_and_denials(self) -> pd.DataFrame:
        """What sources said the groups would become, and what they denied: never support for a
        size, shown apart."""
        rows = []
        quantities = self.tables.quantities.merge(self._claims_with_outlets(), on="claim_id")
        mine = quantities[quantities["article_id"].isin(self.article_ids)]
        for claim in mine.itertuples(index=False):
            if claim.role in {"forecast", "denied"}:
                rows.append(
                    {
                        "kind": "forecast" if claim.role == "forecast" else "figure denied",
                        "about": _group_name(claim.subject, self.event_id),
                        "source": claim.outlet or claim.article_id,
                        "words": claim.sentence,
                    }
                )
        denials = self.tables.denials
        if not denials.empty:
            for denial in denials[denials["article_id"].isin(self.article_ids)].itertuples():
                rows.append(
                    {
                        "kind": "denial",
                        "about": "another group" if denial.about_other_group else "the main group",
                        "source": denial.denied_by or denial.article_id,
                        "words": denial.sentence,
                    }
                )
        return pd.DataFrame(rows, columns=["kind", "about", "source", "words"])

    def _claims_with_outlets(self) -> pd.DataFrame:
        return self.tables.claims.merge(
            self.tables.corpus[["article_id", "outlet"]], on="article_id", how="left"
        )

    def forest(self, quantities: pd.DataFrame) -> Figure | str:
        if quantities.empty:
            return "No claims of this kind in these articles."
        rows = self.tables.quantities[
            self.tables.quantities["quantity_id"].isin(quantities["quantity_id"])
            & (self.tables.quantities["role"] != "not_reconciled")
        ]
        agreed = {
            key: agreed_readings(group_rows) for key, group_rows in rows.groupby("quantity_id")
        }
        rows = rows[rows["claim_id"].str.rsplit(":", n=1).str[0].isin(self.article_ids)]
        return plots.forest(quantities, rows, self._claims_with_outlets(), agreed)

    def claims_table(self) -> HTML:
        """Each independent claim in its sentence; copies of it are collapsed into a count of
        the outlets that carried it."""
        rows = []
        claim_rows = self._claim_rows()
        copies = claim_rows[claim_rows["copy_of"] != ""].groupby("copy_of")
        carried = {
            original: sorted({o or a for o, a in zip(g["outlet"], g["article_id"], strict=True)})
            for original, g in copies
        }
        for row in claim_rows[claim_rows["copy_of"] == ""].itertuples(index=False):
            allowed = (
                interval_label(
                    Interval(row.interval_low, row.interval_high, row.low_open, row.high_open)
                )
                if pd.notna(row.interval_low)
                else ""
            )
            texts_before = [row.quantity_id, row.outlet or row.article_id, row.attributed_to]
            also = carried.get(row.claim_id, [])
            copied = f"{len(also)} more: {', '.join(also)}" if also else ""
            texts_after = [value_label(row.low, row.high, row.qualifier), allowed, row.as_of,
                           counted_as(row), row.role.replace("_", " "), row.reason,
                           copied]  # fmt: skip
            rows.append(
                [
                    *(escape.text(t) for t in texts_before),
                    sentence_with_quote(row),
                    *(escape.text(t) for t in texts_after),
                ]
            )
        headers = ("quantity", "outlet", "source", "claim in its sentence", "value", "allows",
                   "as of", "counted as", "role", "why", "copies carried by")  # fmt: skip
        return HTML(TABLE_STYLE + cells_table(headers, rows))

    def _claim_rows(self) -> pd.DataFrame:
        rows = self.tables.quantities[
            self.tables.quantities["quantity_id"].isin(self.reconciled["quantity_id"])
        ]
        rows = rows.merge(self._claims_with_outlets(), on="claim_id", suffixes=("", "_claim"))
        rows = rows[rows["article_id"].isin(self.article_ids)]
        return rows.sort_values(["quantity_id", "as_of", "claim_id"])

    def checks(self) -> pd.DataFrame:
        checks = self.tables.checks
        mine = set(self.reconciled["quantity_id"])
        relevant = checks[checks["quantity_a"].isin(mine) | checks["quantity_b"].isin(mine)]
        shown = relevant[["kind", "a", "b", "passed", "explanation"]].copy()
        shown["passed"] = shown["passed"].map({True: "pass", False: "FAIL"})
        return shown

    def not_reconciled(self) -> pd.DataFrame:
        quantities = self.tables.quantities
        rows = quantities[
            (quantities["role"] == "not_reconciled")
            & quantities["claim_id"].str.rsplit(":", n=1).str[0].isin(self.article_ids)
        ].merge(
            self.tables.claims[["claim_id", "quote", "low", "high", "qualifier"]], on="claim_id"
        )
        rows["value"] = [value_label(r.low, r.high, r.qualifier) for r in rows.itertuples()]
        rows["why"] = [
            r.grouping_note
            if r.subject == group.UNASSIGNED
            else f"measure '{r.measure}' is not reconciled (it names no single shared number)"
            for r in rows.itertuples()
        ]
        return rows[["claim_id", "quote", "value", "measure", "why"]]


_COUNTED_AS = {
    "total": "the group itself", "part": "a part", "other_group": "another group",
    "other_measure": "another count of its people", "other_actor": "an actor",
    "not_people": "not people", "border": "a border statistic", "unassigned": "no event",
}  # fmt: skip


def counted_as(row: object) -> str:
    """What the figure counts in its group, and why in the roles stage's words ("a part
    (minors): a sub-population"; a learned model's revision says so, with its probability)."""
    role = str(getattr(row, "role_in_group", "") or "")
    label = _COUNTED_AS.get(role, role.replace("_", " "))
    kind = str(getattr(row, "part_kind", "") or "")
    if role == "part" and kind:
        label = f"{label} ({kind.replace('_', ' ')})"
    measure = str(getattr(row, "measure", "") or "")
    if role == "other_measure" and measure:
        label = f"{label} ({measure.replace('_', ' ')})"
    note = getattr(row, "role_note", "")
    note = note if isinstance(note, str) else ""
    return f"{label}: {note}" if note else label


def _estimate_label(row: object) -> str:
    if pd.isna(row.estimate):
        return ""
    value = f"{row.estimate:,.0f}"
    if pd.notna(row.estimate_low) and row.estimate_low != row.estimate_high:
        value += f" ({row.estimate_low:,.0f}–{row.estimate_high:,.0f})"
    return value


def _dates(row: object) -> str:
    if row.as_of_first == row.as_of_last:
        return row.as_of_first
    return f"{row.as_of_first} to {row.as_of_last}"


def _group_name(subject: str, event_id: str) -> str:
    """ "the main group", "other group: salvadorans", "shelter: casa guadalupe / minors"."""
    if subject == event_id:
        return "the main group"
    if subject == group.BORDER:
        return "U.S. southwest border (official statistics)"
    rest = subject[len(event_id) + 1 :] if subject.startswith(event_id + "/") else subject
    if not rest.startswith(("other:", "shelter:", "camp:", "earlier:", "actor:")):
        rest = f"the main group / {rest}"
    return rest.replace("_", " ").replace("other:", "other group: ").replace(":", ": ")


def event_view(tables: Tables, event_id: str) -> EventView:
    """The quantities, claims and checks an event's report shows; a clear error for an
    event_id that is not in events.csv or that no article covers."""
    events = tables.events.set_index("event_id")
    if event_id not in events.index:
        known = ", ".join(events.index) or "none"
        raise InputError(f"event_id {event_id!r}: not in events.csv; expected one of {known}")
    article_ids = sorted(tables.corpus.loc[tables.corpus["event_id"] == event_id, "article_id"])
    if not article_ids:
        raise InputError(f"event_id {event_id!r}: no article has this event_id in its metadata")
    keys = tables.quantities
    from_articles = keys[keys["claim_id"].str.rsplit(":", n=1).str[0].isin(article_ids)]
    reconciled = tables.reconciled[
        tables.reconciled["quantity_id"].isin(from_articles["quantity_id"])
    ]
    return EventView(event_id, events.loc[event_id, "label"], tables, article_ids, reconciled)


def official_checks_table(checks: pd.DataFrame, tables: Tables) -> HTML:
    """Every official-record check with the claim highlighted in its sentence (escaped)."""
    rows = checks.merge(tables.claims, on="claim_id", how="left", suffixes=("", "_claim"))
    rows = rows.merge(tables.corpus[["article_id", "outlet"]], on="article_id", how="left")
    cells = []
    for row in rows.itertuples(index=False):
        official = "" if pd.isna(row.official_value) else f"{row.official_value:,.0f}"
        difference = "" if pd.isna(row.difference) else f"{row.difference:+,.0f}"
        after = [row.kind, row.month, official, difference, row.verdict, row.explanation]
        cells.append(
            [
                escape.text(row.outlet or row.article_id),
                escape.text(row.attributed_to),
                sentence_with_quote(row),
                *(escape.text(t) for t in after),
            ]
        )
    headers = ("outlet", "source", "claim in its sentence", "kind", "month", "official",
               "difference", "verdict", "explanation")  # fmt: skip
    return HTML(TABLE_STYLE + cells_table(headers, cells))


def official_record_table(record: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """The record (most authoritative release) per month for the three encounter series."""
    wide = series_for_plot(record, first, last)
    wide.index = wide.index.strftime("%Y-%m")
    shown = wide.reset_index().rename(columns={"index": "month"})
    for column in shown.columns[1:]:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    return shown
