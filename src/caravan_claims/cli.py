"""The ``caravan-claims`` command: regenerate tables and reports from any folder of articles."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from caravan_claims import (
    atomic,
    copies,
    corpus,
    derived,
    engine,
    ingest,
    locks,
    paths,
    pipeline,
    processes,
)
from caravan_claims.errors import InputError, NotebookFailed
from caravan_claims.numbers import format_number

if TYPE_CHECKING:
    from caravan_claims.reports import KeptPlan, KernelPool, NotebookInfo, ReportJob

CORPUS_HELP = (
    "folder of .txt articles, or one file of articles (.jsonl, .parquet) with article_id, text "
    "and metadata columns"
)


def _add_corpus_arguments(parser: argparse.ArgumentParser, positional: bool) -> None:
    if positional:
        parser.add_argument("seeds_dir", type=Path, help=CORPUS_HELP)
    else:
        parser.add_argument(
            "--seeds",
            dest="seeds_dir",
            type=Path,
            default=None,
            help=f"{CORPUS_HELP} (default: the bundled seeds/)",
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
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on an empty article or a symbolic link out of the folder instead of "
        "skipping it with a warning",
    )


def _add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes extracting at once (default: every core; 1 = in this process; with "
        "--engine dask, the local cluster's workers)",
    )
    parser.add_argument(
        "--engine",
        choices=engine.ENGINES,
        default="local",
        help="where extraction runs: this machine's cores (local, default) or a Dask cluster",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: an existing dask.distributed scheduler (tcp://host:8786); "
        "default: a local cluster started for the run",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=corpus.BATCH_SIZE,
        help=f"articles read and extracted at a time (default: {corpus.BATCH_SIZE}); memory "
        "grows with it, not with the corpus",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar (default: on a terminal, never in CI)",
    )


def _add_copy_window_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--copy-window-days",
        type=float,
        default=copies.COPY_WINDOW_DAYS,
        metavar="DAYS",
        help="a sentence counts as a wire copy only of sentences published at most DAYS before "
        f"it (default: {copies.COPY_WINDOW_DAYS}); memory grows with the sentences of this "
        "window, not with the corpus",
    )


def _copy_window(args: argparse.Namespace) -> float:
    if not args.copy_window_days > 0:
        raise InputError(f"--copy-window-days {args.copy_window_days}: expected more than 0")
    return args.copy_window_days


def _engine_options(args: argparse.Namespace) -> dict[str, object]:
    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers {args.workers}: expected 1 or more")
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler: only with --engine dask")
    return {
        "engine": args.engine,
        "workers": args.workers,
        "scheduler": args.scheduler,
        "batch_size": args.batch_size,
        "progress": args.progress,
    }


KERNEL_NAME = "python3"  # reports.KERNEL_NAME, without importing papermill and nbconvert here


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caravan-claims",
        description="Traceable tables of the figures news articles report about migrant caravans.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("reports", help="run every notebook and publish HTML reports")
    _add_corpus_arguments(run, positional=False)
    run.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    run.add_argument(
        "--pages",
        type=Path,
        default=None,
        help="a folder of saved web pages (.html) and texts: ingested into OUT/articles/ first, "
        "then reported on (instead of --seeds)",
    )
    run.add_argument("--event", default="", help="with --pages: the event_id of every article")
    run.add_argument("--kernel", default=KERNEL_NAME, help="Jupyter kernel name")
    run.add_argument(
        "--force",
        action="store_true",
        help="run every notebook, even those whose notebook, parameters and inputs are unchanged",
    )
    run.add_argument(
        "--fresh-kernels",
        action="store_true",
        help="start a new kernel for every notebook (by default each worker keeps its kernel and "
        "clears it between notebooks: variables, figures, plot settings, warnings, folder)",
    )
    _add_engine_arguments(run)
    run.set_defaults(handler=_run_reports)

    extract = commands.add_parser("extract", help="every reported figure of a folder of articles")
    _add_corpus_arguments(extract, positional=True)
    extract.add_argument(
        "-o", "--output", type=Path, required=True,
        help="claims table to write (CSV; Parquet when the name ends in .parquet)",
    )  # fmt: skip
    extract.add_argument(
        "--rejected",
        type=Path,
        default=None,
        help="also write the numbers deliberately not taken (dates, junk, ...) to this CSV",
    )
    extract.add_argument(
        "--denials",
        type=Path,
        default=None,
        help="also write the sentences that deny a figure or a group's existence to this CSV",
    )
    _add_engine_arguments(extract)
    _add_copy_window_argument(extract)
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
    _add_engine_arguments(rec)
    _add_copy_window_argument(rec)
    rec.set_defaults(handler=_run_reconcile)

    pages = commands.add_parser(
        "ingest", help="turn saved web pages (.html) and texts (.txt) into a folder of articles"
    )
    pages.add_argument("pages_dir", type=Path, help="folder of saved .html pages and .txt files")
    pages.add_argument(
        "--out", type=Path, required=True, help="a new folder for the articles and articles.csv"
    )
    pages.add_argument(
        "--event", default="", help="event_id to give every article (must be in events.csv)"
    )
    pages.set_defaults(handler=_run_ingest)

    data = commands.add_parser("data", help="regenerate the derived tables in data/ from seeds/")
    data.add_argument("--out", type=Path, default=None, help="folder (default: data/)")
    _add_engine_arguments(data)
    data.set_defaults(handler=_run_data)
    return parser


def _absolute(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None


def _run_reports(args: argparse.Namespace) -> int:
    _without_the_iri_grammar()
    from caravan_claims import reports  # papermill and nbconvert: only when reports are made

    out_dir = args.out or paths.reports_dir()
    if args.pages is not None:
        if args.seeds_dir is not None:
            raise InputError("--pages and --seeds: expected one of them, not both")
        args.seeds_dir = out_dir / "articles"
        ingested = ingest.ingest(args.pages, args.seeds_dir, args.event)
        for result in ingested:
            if result.skipped:
                print(f"caravan-claims: warning: {result.source}: skipped: {result.skipped}",
                      file=sys.stderr)  # fmt: skip
    inputs = _inputs_digest(args)
    with (
        tempfile.TemporaryDirectory(prefix="caravan-claims-") as shared,
        reports.KernelPool(
            processes.resolve_workers(args.workers),
            args.kernel,
            # every notebook reads this run's extraction of the corpus instead of making its own
            env={pipeline.SHARED_EXTRACTION_ENV: str(pipeline.shared_extraction_path(shared))},
            fresh_kernels=args.fresh_kernels,
            warm_imports=reports.WARM_IMPORTS,
            # when every report was made from these inputs, likely none re-runs: no kernel ahead
            start_ahead=args.force or not reports.made_from(out_dir, inputs),
        ) as pool,
    ):
        return _extract_and_report(args, pool, Path(shared), inputs)


def _without_the_iri_grammar() -> None:
    """nbformat validates notebooks with jsonschema, which imports ``rfc3987_syntax`` when it is
    installed (JupyterLab's event schemas want it) and compiles that package's grammar on
    import: 0.7 s of every report run's start, for IRI formats no notebook schema uses. Blocked
    unless something in this process has already imported it."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _extract_and_report(
    args: argparse.Namespace, pool: KernelPool, shared: Path, inputs: str
) -> int:
    """The corpus extracted once, then every report run on ``pool``'s kernels (which started
    while the corpus was being read). When every report is one a run made from these very
    inputs, the corpus is not read at all: the plan that run kept names the reports."""
    from caravan_claims import reports

    out_dir = args.out or paths.reports_dir()
    _check_outputs({"--out": out_dir}, _input_files(args))
    parameters = {
        "seeds_dir": _absolute(args.seeds_dir),
        "metadata_path": _absolute(args.metadata_path),
        "events_path": _absolute(args.events_path),
        "strict": args.strict,
    }
    notebooks = reports.discover_notebooks()
    kept = None if args.force else reports.load_plan(out_dir, inputs, parameters)
    if kept is not None:
        jobs = reports.plan_jobs(notebooks, parameters, _values_from(kept.values))
        if reports.all_unchanged(jobs, out_dir, inputs, args.kernel):
            for warning in kept.warnings:
                print(f"caravan-claims: warning: {warning}", file=sys.stderr)
            return _report(args, pool, jobs, notebooks, inputs, kept, out_dir)
    stream = corpus.stream(args.seeds_dir, args.metadata_path, args.events_path, args.strict)
    extraction = pipeline.extract_stream(stream, texts=True, **_engine_options(args))
    tables = pipeline.from_extraction(extraction, stream, args.seeds_dir)
    _warn(tables.skipped)
    labels = dict(zip(tables.events["event_id"], tables.events["label"], strict=True))
    used = sorted({e for e in tables.corpus["event_id"] if e})
    plan = reports.KeptPlan(
        values={"event_id": [(e, labels.get(e, e), _size_status(tables, e)) for e in used]},
        warnings=[str(item) for item in tables.skipped],
    )
    jobs = reports.plan_jobs(notebooks, parameters, _values_from(plan.values))
    key = pipeline.tables_key(args.seeds_dir, None, None, 0)  # from_extraction's defaults above
    pipeline.share_extraction(extraction, stream, shared, tables, key)
    status = _report(args, pool, jobs, notebooks, inputs, plan, out_dir)
    reports.save_plan(out_dir, inputs, parameters, plan)
    return status


def _values_from(
    values: dict[str, list[tuple[str, str, str]]],
) -> Callable[[str], list[tuple[str, str, str]]]:
    """``values_for`` of :func:`reports.plan_jobs`: the values of the one parameter the runner
    iterates over (event_id), each with its label and the note the index shows."""

    def values_for(name: str) -> list[tuple[str, str, str]]:
        if name not in values:
            raise InputError(f"notebook parameter {name!r}: the runner only iterates over event_id")
        return values[name]

    return values_for


def _report(
    args: argparse.Namespace,
    pool: KernelPool,
    jobs: list[ReportJob],
    notebooks: list[NotebookInfo],
    inputs: str,
    plan: KeptPlan,
    out_dir: Path,
) -> int:
    from caravan_claims import reports

    result = reports.run_reports(
        jobs,
        out_dir,
        kernel_name=args.kernel,
        skipped=reports.not_run(notebooks, jobs),
        warnings=plan.warnings,
        inputs=inputs,
        force=args.force,
        pool=pool,
    )
    reused = f" ({len(result.reused)} unchanged, not re-run)" if result.reused else ""
    print(f"wrote {len(result.written)} files to {out_dir}{reused}")
    return 0


def _inputs_digest(args: argparse.Namespace) -> str:
    """A hash of everything a report is made from besides its notebook and parameters: the
    articles, metadata, events and overrides, the bundled tables in data/ (the official record,
    curated tables) and this package's code and word lists."""
    files = [*_input_files(args), paths.data_dir(), Path(pipeline.__file__).parent]
    overrides = pipeline.default_overrides(args.seeds_dir)
    if overrides is not None:
        files.append(overrides)
    from caravan_claims import reports

    return reports.digest_files(files)


def _size_status(tables: pipeline.Tables, event_id: str) -> str:
    """ "caravan size: agree (8,000)" (or "camp size: series (4,400)") for the index page."""
    rows = tables.reconciled[
        (tables.reconciled["subject"] == event_id)
        & tables.reconciled["measure"].str.endswith("_size")
    ]
    if rows.empty:
        return "size of the main group: not reported"
    parts = []
    for row in rows.itertuples(index=False):
        value = "" if pd.isna(row.estimate) else f" ({format_number(row.estimate)})"
        parts.append(f"{row.measure.replace('_', ' ')}: {row.status}{value}")
    return "; ".join(parts)


def _run_extract(args: argparse.Namespace) -> int:
    outputs = {"--output": args.output, "--rejected": args.rejected, "--denials": args.denials}
    options = _engine_options(args)
    _check_outputs(outputs, _input_files(args))
    stream = corpus.stream(args.seeds_dir, args.metadata_path, args.events_path, args.strict)
    written = [path for path in outputs.values() if path is not None]
    with _folder_locks(written):
        result = pipeline.extract_to_files(
            stream, args.output, args.rejected, args.denials, **options,
            copy_window_days=_copy_window(args),
        )  # fmt: skip
    _warn(result.skipped)
    print(f"{result.n_claims} figures from {result.n_articles} articles -> {args.output}")
    return 0


def _run_reconcile(args: argparse.Namespace) -> int:
    outputs = {"--output": args.output, "--checks": args.checks, "--quantities": args.quantities}
    _check_outputs(outputs, _input_files(args))
    tables = pipeline.run(
        args.seeds_dir, args.metadata_path, args.events_path, args.overrides_path,
        strict=args.strict, texts=False, **_engine_options(args),
        copy_window_days=_copy_window(args),
    )  # fmt: skip
    _warn(tables.skipped)
    written = {args.output: tables.reconciled}
    if args.checks:
        written[args.checks] = tables.checks
    if args.quantities:
        written[args.quantities] = tables.quantities
    _write_together(written)
    counts = tables.reconciled["status"].value_counts().to_dict()
    print(f"{len(tables.reconciled)} quantities ({counts}) -> {args.output}")
    return 0


def _run_data(args: argparse.Namespace) -> int:
    out_dir = args.out or paths.data_dir()
    _check_outputs({"--out": out_dir}, [])
    derived_tables = derived.derived_tables(**_engine_options(args))
    tables = {out_dir / name: table for name, table in derived_tables.items()}
    _write_together(tables)
    for path, table in tables.items():
        print(f"{path}: {len(table)} rows")
    return 0


def _run_ingest(args: argparse.Namespace) -> int:
    results = ingest.ingest(args.pages_dir, args.out, args.event)
    for result in results:
        if result.skipped:
            print(
                f"caravan-claims: warning: {result.source}: skipped: {result.skipped}",
                file=sys.stderr,
            )
    written = [r for r in results if not r.skipped]
    dated = sum(1 for r in written if r.row.get("published"))
    print(f"{len(written)} articles ({dated} dated) -> {args.out} (with articles.csv)")
    return 0


def _warn(skipped: list[corpus.Skipped]) -> None:
    for item in skipped:
        print(f"caravan-claims: warning: {item}", file=sys.stderr)


def _write_together(tables: dict[Path, pd.DataFrame]) -> None:
    """All tables of one command or none (CSV, or Parquet for a ``.parquet`` name), under the
    lock of each folder they go to."""
    with _folder_locks(list(tables)):
        atomic.write_tables(tables)


@contextlib.contextmanager
def _folder_locks(targets: list[Path]) -> Iterator[None]:
    folders = sorted({path.resolve().parent for path in targets})
    with contextlib.ExitStack() as stack:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            stack.enter_context(locks.folder_lock(folder))
        yield


def _input_files(args: argparse.Namespace) -> list[Path]:
    """Every file this run reads: the articles, the metadata, events and overrides CSVs."""
    inputs = corpus.resolve_inputs(args.seeds_dir, args.metadata_path, args.events_path)
    if corpus.is_corpus_file(inputs.seeds_dir):
        files = [inputs.seeds_dir]
    else:
        files = [inputs.seeds_dir / path.name for path in inputs.seeds_dir.glob("*.txt")]
    files += [path for path in (inputs.metadata, inputs.events) if path is not None]
    overrides = getattr(args, "overrides_path", None)
    if overrides is not None:
        files.append(overrides)
    return files


def _check_outputs(outputs: dict[str, Path | None], inputs: list[Path]) -> None:
    """Refuse, before any work, an output that is a folder, sits under a file, is an input of
    the run, or is another output of the same command."""
    reading = {path.resolve(): path for path in inputs}
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        resolved = path.resolve()
        folder_expected = option == "--out"
        if not folder_expected and path.is_dir():
            raise InputError(f"{option} {str(path)!r}: is a folder; expected a file name to write")
        if folder_expected and path.exists() and not path.is_dir():
            raise InputError(f"{option} {str(path)!r}: is a file; expected a folder")
        blocking = next((p for p in path.absolute().parents if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise InputError(
                f"{option} {str(path)!r}: {blocking} is a file, not a folder; "
                "expected a path in a folder"
            )
        if resolved in reading:
            raise InputError(
                f"{option} {str(path)!r}: is an input of this run ({reading[resolved]}); "
                "expected a new file (outputs never overwrite inputs)"
            )
        if resolved in seen:
            raise InputError(
                f"{option} {str(path)!r}: is also given to {seen[resolved]}; "
                "expected a different file for each output"
            )
        seen[resolved] = option


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, NotebookFailed) as err:
        print(f"caravan-claims: error: {_one_line(str(err))}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"caravan-claims: error: {_describe_os_error(err)}", file=sys.stderr)
        return 2


def _describe_os_error(err: OSError) -> str:
    """ "PATH: Permission denied" from an OSError, naming both paths of a failed rename."""
    where = " -> ".join(str(name) for name in (err.filename, err.filename2) if name)
    what = err.strerror or str(err)
    return _one_line(f"{where}: {what}" if where else what)


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
