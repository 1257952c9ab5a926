"""The ``caravan-claims`` command: regenerate tables and reports from any folder of articles."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from caravan_claims import atomic, corpus, derived, extract, paths, pipeline, reports
from caravan_claims.errors import InputError
from caravan_claims.numbers import format_number


def _add_corpus_arguments(parser: argparse.ArgumentParser, positional: bool) -> None:
    if positional:
        parser.add_argument("seeds_dir", type=Path, help="folder of .txt articles")
    else:
        parser.add_argument(
            "--seeds",
            dest="seeds_dir",
            type=Path,
            default=None,
            help="folder of .txt articles (default: the bundled seeds/)",
        )
    parser.add_argument(
        "--metadata",
        dest="metadata_path",
        type=Path,
        default=None,
        help="articles CSV (default: data/articles.csv for the bundled seeds, "
        "else articles.csv inside the folder, else none)",
    )
    parser.add_argument(
        "--events",
        dest="events_path",
        type=Path,
        default=None,
        help="events CSV (default: events.csv beside the metadata, else data/events.csv)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caravan-claims",
        description="Traceable tables of the figures news articles report about migrant caravans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("reports", help="run every notebook and publish HTML reports")
    _add_corpus_arguments(run, positional=False)
    run.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    run.add_argument("--kernel", default=reports.KERNEL_NAME, help="Jupyter kernel name")
    run.set_defaults(handler=_run_reports)

    extract = commands.add_parser("extract", help="every reported figure of a folder of articles")
    _add_corpus_arguments(extract, positional=True)
    extract.add_argument("-o", "--output", type=Path, required=True, help="claims CSV to write")
    extract.add_argument(
        "--rejected",
        type=Path,
        default=None,
        help="also write the numbers deliberately not taken (dates, junk, ...) to this CSV",
    )
    extract.set_defaults(handler=_run_extract)

    rec = commands.add_parser(
        "reconcile", help="extract, group and reconcile the figures of a folder of articles"
    )
    _add_corpus_arguments(rec, positional=True)
    rec.add_argument(
        "--overrides",
        dest="overrides_path",
        type=Path,
        default=None,
        help="curated corrections CSV (claim_id, field, value, reason); default: "
        "data/claim_overrides.csv for the bundled seeds, else claim_overrides.csv in the folder",
    )
    rec.add_argument("-o", "--output", type=Path, required=True, help="reconciled CSV to write")
    rec.add_argument("--checks", type=Path, default=None, help="also write the consistency checks")
    rec.add_argument(
        "--quantities",
        type=Path,
        default=None,
        help="also write each claim's quantity key, interval and role",
    )
    rec.set_defaults(handler=_run_reconcile)

    data = commands.add_parser("data", help="regenerate the derived tables in data/ from seeds/")
    data.add_argument("--out", type=Path, default=None, help="folder (default: data/)")
    data.set_defaults(handler=_run_data)
    return parser


def _absolute(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None


def _run_reports(args: argparse.Namespace) -> int:
    tables = pipeline.run(args.seeds_dir, args.metadata_path, args.events_path)
    labels = dict(zip(tables.events["event_id"], tables.events["label"], strict=True))
    parameters = {
        "seeds_dir": _absolute(args.seeds_dir),
        "metadata_path": _absolute(args.metadata_path),
        "events_path": _absolute(args.events_path),
    }

    def values_for(name: str) -> list[tuple[str, str, str]]:
        if name != "event_id":
            raise InputError(f"notebook parameter {name!r}: the runner only iterates over event_id")
        used = sorted({e for e in tables.corpus["event_id"] if e})
        return [(e, labels.get(e, e), _size_status(tables, e)) for e in used]

    notebooks = reports.discover_notebooks()
    jobs = reports.plan_jobs(notebooks, parameters, values_for)
    out_dir = args.out or paths.reports_dir()
    skipped = reports.not_run(notebooks, jobs)
    result = reports.run_reports(jobs, out_dir, kernel_name=args.kernel, skipped=skipped)
    print(f"wrote {len(result.written)} files to {out_dir}")
    return 0


def _size_status(tables: pipeline.Tables, event_id: str) -> str:
    """ "caravan size: agree (8,000)" for the index page."""
    rows = tables.reconciled[
        (tables.reconciled["subject"] == event_id)
        & (tables.reconciled["measure"] == "caravan_size")
    ]
    if rows.empty:
        return "caravan size: not reported"
    parts = []
    for row in rows.itertuples(index=False):
        value = "" if pd.isna(row.estimate) else f" ({format_number(row.estimate)})"
        parts.append(f"{row.status}{value}")
    return "caravan size: " + "; ".join(parts)


def _run_extract(args: argparse.Namespace) -> int:
    articles = corpus.load_corpus(args.seeds_dir, args.metadata_path, args.events_path)
    claims, rejected = extract.extract_corpus(articles)
    atomic.write_csv(args.output, claims)
    if args.rejected:
        atomic.write_csv(args.rejected, rejected)
    print(f"{len(claims)} figures from {len(articles)} articles -> {args.output}")
    return 0


def _run_reconcile(args: argparse.Namespace) -> int:
    tables = pipeline.run(args.seeds_dir, args.metadata_path, args.events_path, args.overrides_path)
    atomic.write_csv(args.output, tables.reconciled)
    if args.checks:
        atomic.write_csv(args.checks, tables.checks)
    if args.quantities:
        atomic.write_csv(args.quantities, tables.quantities)
    counts = tables.reconciled["status"].value_counts().to_dict()
    print(f"{len(tables.reconciled)} quantities ({counts}) -> {args.output}")
    return 0


def _run_data(args: argparse.Namespace) -> int:
    out_dir = args.out or paths.data_dir()
    for name, table in derived.derived_tables().items():
        atomic.write_csv(out_dir / name, table)
        print(f"{out_dir / name}: {len(table)} rows")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, reports.NotebookFailed) as err:
        print(f"caravan-claims: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
