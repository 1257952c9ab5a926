"""The whole flow in one call, for the CLI, the derived tables and the notebooks:
articles → claims (+ statement type, copies) and denials → quantity keys and roles → reconciled
quantities → consistency checks."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
from tqdm import tqdm

from caravan_claims import (
    atomic,
    checks,
    copies,
    corpus,
    extract,
    group,
    paths,
    processes,
    reconcile,
    statements,
)
from caravan_claims import engine as engine_module


@dataclass(frozen=True)
class Tables:
    corpus: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    rejected: pd.DataFrame
    quantities: pd.DataFrame  # one row per claim: its quantity key, interval, weight and role
    reconciled: pd.DataFrame
    checks: pd.DataFrame
    denials: pd.DataFrame = field(default_factory=pd.DataFrame)  # sentences denying a figure
    skipped: list[corpus.Skipped] = field(default_factory=list)  # files not read, and why


def default_overrides(seeds_dir: str | Path | None) -> Path | None:
    """The bundled ``data/claim_overrides.csv`` for the bundled seeds, else a
    ``claim_overrides.csv`` inside the folder (beside a corpus file), else none."""
    inputs = corpus.resolve_inputs(seeds_dir)
    if inputs.seeds_dir.resolve() == paths.bundled_seeds_dir().resolve():
        return paths.data_dir() / "claim_overrides.csv"
    folder = inputs.seeds_dir.parent if inputs.seeds_dir.is_file() else inputs.seeds_dir
    candidate = folder / "claim_overrides.csv"
    return candidate if candidate.is_file() else None


def run(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
    overrides_path: str | Path | None = None,
    rules: reconcile.IntervalRules | None = None,
    window_days: int = 0,
    strict: bool = False,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = corpus.BATCH_SIZE,
    progress: bool | None = False,
    texts: bool = True,
    copy_window_days: float | None = copies.COPY_WINDOW_DAYS,
) -> Tables:
    """Extract, group, reconcile and check a folder (or file) of articles (defaults: the bundled
    data).

    Extraction reads the corpus in batches on ``engine`` (:mod:`engine`: ``"local"`` on
    ``workers`` processes, None = every core; ``"dask"`` on a local cluster or the scheduler at
    ``scheduler``); the tables are the same whichever runs it. Grouping and reconciliation read
    the claims tables only, never the article text. ``texts=False`` leaves the text out of
    ``Tables.corpus``, so that no stage holds every article at once. ``copy_window_days``: a
    sentence is a wire copy only of sentences published at most that many days before it
    (:class:`copies.CopyFinder`; None: any earlier one)."""
    stream = corpus.stream(seeds_dir, metadata_path, events_path, strict)
    payload = _shared_payload(stream)  # read once for the tables and the extraction
    key = tables_key(seeds_dir, overrides_path, rules, window_days, copy_window_days)
    shared = _shared_tables(payload, key, texts)
    if shared is not None:
        return shared
    extracted = _shared_extraction(payload, texts, copy_window_days)
    if extracted is None:
        extracted = extract_stream(
            stream, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size,
            progress=progress, texts=texts, copy_window_days=copy_window_days,
        )  # fmt: skip
    return from_extraction(
        extracted, stream, seeds_dir, overrides_path, rules, window_days, workers=workers
    )


def from_extraction(
    extracted: Extraction,
    stream: corpus.CorpusStream,
    seeds_dir: str | Path | None = None,
    overrides_path: str | Path | None = None,
    rules: reconcile.IntervalRules | None = None,
    window_days: int = 0,
    *,
    workers: int | None = 1,
) -> Tables:
    """The stages after extraction (grouping, reconciliation, checks) on an extraction.
    ``workers``: processes for the roles of a large corpus' articles (None or 0: every core)."""
    articles = extracted.corpus
    without_text = articles.drop(columns=["text"], errors="ignore")
    claims = extracted.claims
    overrides = group.load_overrides(
        Path(overrides_path) if overrides_path else default_overrides(seeds_dir)
    )
    workers = processes.resolve_workers(workers)
    keys = group.assign(claims, without_text, stream.events, overrides, workers)
    reconciled, intervals = reconcile.reconcile(
        claims, keys, without_text, rules, extracted.denials, window_days
    )
    quantities = keys.merge(intervals.drop(columns=["quantity_id"]), on="claim_id", how="left")
    quantities["role"] = quantities["role"].fillna("not_reconciled")
    quantities["reason"] = quantities["reason"].fillna("")
    return Tables(
        articles,
        stream.events,
        claims,
        extracted.rejected,
        quantities,
        reconciled,
        checks.run_checks(reconciled, quantities, claims),
        extracted.denials,
        stream.skipped,
    )


# Set by `caravan-claims reports` for the kernels it starts: a file holding the extraction it made
# of the corpus, so that each report does not extract the same articles again.
SHARED_EXTRACTION_ENV = "CARAVAN_CLAIMS_SHARED_EXTRACTION"


def _extraction_key(stream: corpus.CorpusStream) -> tuple[str, ...]:
    inputs = stream.inputs
    return (
        str(inputs.seeds_dir), str(inputs.metadata), str(inputs.events), str(stream.strict),
        corpus_digest(stream),
    )  # fmt: skip


def corpus_digest(stream: corpus.CorpusStream) -> str:
    """A hash of the corpus files' names, sizes and modification times: a shared extraction is
    used only while the articles are those it was made from."""
    source = Path(stream.inputs.seeds_dir)
    files = sorted(source.glob("*")) if source.is_dir() else [source]
    extra = [p for p in (stream.inputs.metadata, stream.inputs.events) if p is not None]
    digest = hashlib.sha256()
    for path in [*files, *map(Path, extra)]:
        if path.is_file():
            status = path.stat()
            digest.update(f"{path.name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def shared_extraction_path(folder: Path | str) -> Path:
    """Where :func:`share_extraction` writes in ``folder``: known before it writes, so the
    runner can point :data:`SHARED_EXTRACTION_ENV` at it when it starts the kernels."""
    return Path(folder) / "shared-extraction.pickle"


def share_extraction(
    extracted: Extraction,
    stream: corpus.CorpusStream,
    folder: Path,
    tables: Tables | None = None,
    key: tuple[str, ...] = (),
) -> Path:
    """Write ``extracted`` (made with ``texts=True`` and the default copy window) for the
    notebooks of one reports run, and the ``tables`` made from it with the options ``key``
    names (:func:`tables_key`); the runner points :data:`SHARED_EXTRACTION_ENV` at the file this
    returns."""
    path = shared_extraction_path(folder)
    payload = {"key": _extraction_key(stream), "extraction": extracted,
               "skipped": list(stream.skipped), "tables": tables,
               "tables_key": tuple(key)}  # fmt: skip
    with path.open("wb") as handle:
        pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def tables_key(
    seeds_dir: str | Path | None,
    overrides_path: str | Path | None,
    rules: reconcile.IntervalRules | None,
    window_days: int,
    copy_window_days: float | None = copies.COPY_WINDOW_DAYS,
) -> tuple[str, ...]:
    """What, besides the extraction, the tables of :func:`run` are made from: the overrides
    file, the interval rules and the two windows."""
    overrides = Path(overrides_path) if overrides_path else default_overrides(seeds_dir)
    return (
        str(overrides.resolve()) if overrides else "",
        repr(rules or reconcile.IntervalRules()),
        str(window_days),
        str(copy_window_days),
    )


def _shared_payload(stream: corpus.CorpusStream) -> dict | None:
    """What the runner shared when it was made of these very inputs, else None."""
    location = os.environ.get(SHARED_EXTRACTION_ENV)
    if not location or not Path(location).is_file():
        return None
    with Path(location).open("rb") as handle:
        payload = pickle.load(handle)  # our own file, written by this run's runner
    if tuple(payload["key"]) != _extraction_key(stream):
        return None
    stream.skipped[:] = payload["skipped"]
    return payload


def _shared_extraction(
    payload: dict | None, texts: bool, copy_window_days: float | None
) -> Extraction | None:
    """The shared extraction (``payload``: :func:`_shared_payload`'s), when its copy window is
    the one asked for, else None."""
    if payload is None or copy_window_days != copies.COPY_WINDOW_DAYS:
        return None
    extracted: Extraction = payload["extraction"]
    return extracted if texts else _without_text(extracted)


def _shared_tables(payload: dict | None, key: tuple[str, ...], texts: bool) -> Tables | None:
    """The shared tables (``payload``: :func:`_shared_payload`'s), when they were made with the
    options ``key`` names, else None."""
    if payload is None or payload.get("tables") is None or payload["tables_key"] != key:
        return None
    tables: Tables = payload["tables"]
    return tables if texts else _without_text(tables)


SharedT = TypeVar("SharedT", "Extraction", "Tables")


def _without_text(shared: SharedT) -> SharedT:
    """A shared extraction or set of tables whose corpus table leaves the article text out."""
    return dataclasses.replace(shared, corpus=shared.corpus.drop(columns=["text"], errors="ignore"))


def extract_all(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The extraction stage, the last to read article text: every figure with its statement
    type and copy status, the numbers left out, and the sentences that deny a figure (in this
    process, on a corpus table already loaded; :func:`extract_stream` for a stream)."""
    claims, rejected = extract.extract_corpus(articles)
    claims, denials = statements.with_denials(claims, articles)
    return copies.annotate(claims, articles), rejected, denials


@dataclass(frozen=True)
class Extraction:
    """The extraction tables of a whole corpus, and the corpus table (text left out unless
    asked for)."""

    claims: pd.DataFrame
    rejected: pd.DataFrame
    denials: pd.DataFrame
    corpus: pd.DataFrame
    n_articles: int
    n_bytes: int


# The columns of the claims table that copy detection reads: the sentence, never the article.
COPY_COLUMNS = ["claim_id", "article_id", "sentence_start", "sentence", "low", "high",
                "qualifier", "quote"]  # fmt: skip
ORDER_COLUMNS = ["article_id", "published", "outlet"]  # what orders articles for copies


def _batches(
    stream: corpus.CorpusStream,
    *,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    batch_size: int,
    progress: bool | None,
    texts: bool,
) -> Iterator[tuple[pd.DataFrame, engine_module.Extracted]]:
    """(corpus batch, its extraction) in corpus order; the batch keeps its text only if asked."""
    sent: deque[pd.DataFrame] = deque()

    def reading() -> Iterator[pd.DataFrame]:
        for batch in stream.batches(batch_size):
            sent.append(batch if texts else batch.drop(columns=["text"]))
            yield batch

    with tqdm(
        total=stream.n_articles,
        unit="article",
        desc="extract",
        disable=not engine_module.progress_enabled(progress),
        file=sys.stderr,
    ) as bar:
        for result in engine_module.run(reading(), engine, workers, scheduler):
            bar.update(result.n_articles)
            yield sent.popleft(), result


def extract_stream(
    stream: corpus.CorpusStream,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = corpus.BATCH_SIZE,
    progress: bool | None = False,
    texts: bool = False,
    copy_window_days: float | None = copies.COPY_WINDOW_DAYS,
) -> Extraction:
    """:func:`extract_all` over a stream of batches, held in memory as tables (the claims of a
    corpus; its texts only with ``texts=True``). In a notebook that ``caravan-claims reports``
    runs, the extraction the command already made of the same inputs is read instead
    (:func:`share_extraction`)."""
    shared = _shared_extraction(_shared_payload(stream), texts, copy_window_days)
    if shared is not None:
        return shared
    parts = list(
        _batches(
            stream, engine=engine, workers=workers, scheduler=scheduler,
            batch_size=batch_size, progress=progress, texts=texts,
        )
    )  # fmt: skip
    articles = _concat([batch for batch, _ in parts])
    claims = _concat([result.claims for _, result in parts])
    wires: dict[str, str] = {}
    for _, result in parts:
        wires.update(result.wires)
    claims = with_copies(
        claims, articles[ORDER_COLUMNS], wires, [result.sketches for _, result in parts],
        copy_window_days,
    )  # fmt: skip
    return Extraction(
        claims,
        _concat([result.rejected for _, result in parts]),
        _concat([result.denials for _, result in parts]),
        articles,
        sum(result.n_articles for _, result in parts),
        sum(result.n_bytes for _, result in parts),
    )


def with_copies(
    claims: pd.DataFrame,
    order: pd.DataFrame,
    wires: dict[str, str],
    sketches: list[copies.Sketches | None] | None = None,
    window_days: float | None = copies.COPY_WINDOW_DAYS,
) -> pd.DataFrame:
    """``copy_of`` and ``wire`` added as :func:`copies.annotate` adds them, from the claims'
    sentences and the articles' dates and outlets, with the wire agencies found in the text
    beforehand (``wires``) and the sentences hashed beforehand (``sketches``, in claims order,
    when every batch has them): the text itself is no longer needed."""
    known = sketches if sketches and all(s is not None for s in sketches) else None
    found = copies.find_copies(claims[COPY_COLUMNS], order, known, window_days)
    return _with_found(claims, found, wires)


def _with_found(claims: pd.DataFrame, found: dict[str, str], wires: dict[str, str]) -> pd.DataFrame:
    annotated = claims.copy()
    annotated["copy_of"] = [found.get(c, "") for c in claims["claim_id"]]
    annotated["wire"] = [wires.get(a, "") for a in claims["article_id"]]
    return annotated


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Batches back into one table with the dtypes one table would have had: empty batches,
    whose columns have no type, are left out unless every batch is empty."""
    if not frames:
        return pd.DataFrame()
    filled = [frame for frame in frames if not frame.empty]
    if not filled:
        return frames[0]
    return pd.concat(filled, ignore_index=True) if len(filled) > 1 else filled[0]


@dataclass(frozen=True)
class Written:
    n_articles: int
    n_bytes: int
    n_claims: int
    skipped: list[corpus.Skipped]


def extract_to_files(
    stream: corpus.CorpusStream,
    claims_path: Path,
    rejected_path: Path | None = None,
    denials_path: Path | None = None,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = corpus.BATCH_SIZE,
    progress: bool | None = None,
    copy_window_days: float | None = copies.COPY_WINDOW_DAYS,
) -> Written:
    """The extraction tables written as the batches come (CSV, or Parquet for a ``.parquet``
    target), so that memory holds a few batches and the sentences copy detection compares, not
    the corpus. Claims wait in a spill folder beside their target until copies are known; every
    table goes to a temporary file renamed into place only when all are complete, so an
    interrupted run leaves no partial table and can simply be run again."""
    targets = [claims_path, *(p for p in (rejected_path, denials_path) if p is not None)]
    wires: dict[str, str] = {}
    finder = copies.CopyFinder(copy_window_days)  # the figures' sentences, spilled as they come
    order: list[pd.DataFrame] = []
    n_articles = n_bytes = n_claims = 0
    with (
        atomic.streamed_tables(targets) as writers,
        tempfile.TemporaryDirectory(prefix=".spill-", dir=claims_path.parent) as spill_name,
    ):
        spill = Path(spill_name)
        claims_writer, *others = writers
        rejected_writer = others.pop(0) if rejected_path is not None else None
        denials_writer = others.pop(0) if denials_path is not None else None
        spilled: list[Path] = []
        for batch, result in _batches(
            stream, engine=engine, workers=workers, scheduler=scheduler,
            batch_size=batch_size, progress=progress, texts=False,
        ):  # fmt: skip
            spilled.append(spill / f"{len(spilled):08d}.pickle")
            result.claims.to_pickle(spilled[-1])
            finder.add(result.sketches or copies.sketch_sentences(result.claims))
            finder.add_figures(result.claims)
            order.append(batch[ORDER_COLUMNS])
            wires.update({a: w for a, w in result.wires.items() if w})
            if rejected_writer is not None:
                rejected_writer.write(result.rejected)
            if denials_writer is not None:
                denials_writer.write(result.denials)
            n_articles += result.n_articles
            n_bytes += result.n_bytes
        processes.release_worker_server()
        found = finder.find(_concat(order))
        del finder, order
        for path in spilled:
            claims = pd.read_pickle(path)
            claims["copy_of"] = [found.get(c, "") for c in claims["claim_id"]]
            claims["wire"] = [wires.get(a, "") for a in claims["article_id"]]
            claims_writer.write(claims)
            n_claims += len(claims)
            path.unlink()
    return Written(n_articles, n_bytes, n_claims, stream.skipped)
