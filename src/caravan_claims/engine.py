"""Where extraction runs: in this process, on every core of the machine (the default), or on a
Dask cluster — with the same rows in the same order whichever runs it.

Extraction is the only stage that reads article text, and each article is read on its own, so the
corpus is cut into batches (:func:`corpus.CorpusStream.batches`) and each batch is extracted
independently (:func:`extract_batch`): claims with their statement type, numbers left out, denial
sentences, and the wire agency each article names. Results come back in the order the batches
went out, so the tables are those of a single-process run. Only a bounded number of batches is in
flight at once, so memory is bounded by the batch, not the corpus. What needs the whole corpus —
copies across articles, grouping and reconciliation — runs afterwards on the claims tables, which
carry their sentences and never the article text (:mod:`pipeline`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field

import pandas as pd

from caravan_claims import copies, extract, processes, statements
from caravan_claims.errors import InputError

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, few in memory


@dataclass
class Extracted:
    """The extraction tables of one batch of articles."""

    claims: pd.DataFrame  # extract.CLAIM_COLUMNS + statement, denied_by (no copy_of, wire yet)
    rejected: pd.DataFrame
    denials: pd.DataFrame
    wires: dict[str, str] = field(default_factory=dict)  # article_id -> wire agency named
    sketches: copies.Sketches | None = None  # the claims' sentences, hashed for copy detection
    n_articles: int = 0
    n_bytes: int = 0
    pid: int = 0  # the process that extracted the batch


def extract_batch(batch: pd.DataFrame) -> Extracted:
    """Everything extraction reads from the text of these articles (picklable, so it runs in a
    worker process or on a Dask worker alike)."""
    claims, rejected = extract.extract_corpus(batch)
    wires = {
        row.article_id: copies.wire_agency(row.text, row.outlet)
        for row in batch.itertuples(index=False)
    }
    n_bytes = sum(len(text.encode("utf-8")) for text in batch["text"])
    claims, denials = statements.with_denials(claims, batch)
    return Extracted(
        claims,
        rejected,
        denials,
        wires,
        copies.sketch_sentences(claims),
        len(batch),
        n_bytes,
        os.getpid(),
    )


def run(
    batches: Iterable[pd.DataFrame],
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[Extracted]:
    """:func:`extract_batch` over every batch, results in the order of the batches.

    ``engine="local"``: a pool of ``workers`` processes (None or 0: every core; 1: this process),
    started only when there is more than one batch. ``engine="dask"``: partitions of a
    ``dask.bag`` on the scheduler at ``scheduler``, or on a local cluster of ``workers``
    processes started for the run."""
    if engine not in ENGINES:
        raise InputError(f"engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if engine == "dask":
        return _run_dask(batches, workers, scheduler)
    if scheduler:
        raise InputError("--scheduler: only with --engine dask")
    return _run_local(batches, processes.resolve_workers(workers))


def _run_local(batches: Iterable[pd.DataFrame], workers: int) -> Iterator[Extracted]:
    pending = iter(batches)
    first = next(pending, None)
    if first is None:
        return
    second = next(pending, None)
    if workers == 1 or second is None:
        yield extract_batch(first)
        if second is not None:
            yield extract_batch(second)
        yield from map(extract_batch, pending)
        return
    with processes.pool(workers, preload="caravan_claims.engine") as pool:
        in_flight: deque[Future[Extracted]] = deque()
        for batch in itertools.chain([first, second], pending):
            in_flight.append(pool.submit(extract_batch, batch))
            if len(in_flight) >= workers * IN_FLIGHT_PER_WORKER:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def _run_dask(
    batches: Iterable[pd.DataFrame], workers: int | None, scheduler: str | None
) -> Iterator[Extracted]:
    """Waves of batches, each a ``dask.bag`` with one partition per batch, computed on the
    cluster while the next wave is read: partitions come back in order, and no more than two
    waves are in memory here."""
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "--engine dask needs dask[distributed]; expected it installed with this package"
        ) from None
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler, set_as_default=False))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=processes.resolve_workers(workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=40,
                )
            )
            client = stack.enter_context(Client(cluster, set_as_default=False))
        wave_size = max(1, sum(client.nthreads().values()) * IN_FLIGHT_PER_WORKER)
        running = None
        wave: list[pd.DataFrame] = []
        for batch in batches:
            wave.append(batch)
            if len(wave) == wave_size:
                if running is not None:
                    yield from running.result()
                running = _submit_wave(client, db, wave)
                wave = []
        if running is not None:
            yield from running.result()
        if wave:
            yield from _submit_wave(client, db, wave).result()


def _submit_wave(client, db, wave: list[pd.DataFrame]):  # dask types are optional
    bag = db.from_sequence(wave, npartitions=len(wave)).map(extract_batch)
    return client.compute(bag)


def progress_enabled(requested: bool | None = None) -> bool:
    """A progress bar only for a person watching: on a terminal, and never in CI."""
    if requested is not None:
        return requested
    return sys.stderr.isatty() and not os.environ.get("CI")
