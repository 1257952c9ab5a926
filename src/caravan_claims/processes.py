"""Pools of worker processes, for the stages that spread their work over every core
(extraction's batches in :mod:`engine`, the roles of articles in :mod:`roles`): workers forked
from a small server that has imported what they need once, not copies of this process."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import TypeVar

from caravan_claims.errors import InputError

T = TypeVar("T")


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    if workers is None or workers == 0:
        return default_workers()
    if workers < 0:
        raise InputError(f"--workers {workers}: expected a positive number (0 = every core)")
    return workers


@contextlib.contextmanager
def pool(workers: int, preload: str) -> Iterator[ProcessPoolExecutor]:
    """Worker processes forked from a small server that has imported ``preload`` (a module)
    once: no copy of this process's threads (a Jupyter kernel's, a Dask client's) and no import
    per worker. On an interruption queued tasks are cancelled and the workers stopped."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([preload])
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        executor.shutdown(wait=True)


def workers_of(executor: Executor) -> int:
    """How many processes ``executor`` runs (1 when it does not say)."""
    return int(getattr(executor, "_max_workers", 1))


def runs(items: list[T], n: int, size: Callable[[T], int]) -> list[list[T]]:
    """``items`` cut into at most ``n`` runs of consecutive items, of about the same total
    ``size`` each: tasks for a pool whose results are joined back in order."""
    total = sum(map(size, items))
    cut: list[list[T]] = [[]]
    taken = 0
    for item in items:
        if taken >= total * len(cut) / n and cut[-1]:
            cut.append([])
        cut[-1].append(item)
        taken += size(item)
    return cut


def submit_runs(
    executor: Executor,
    function: Callable[..., list],
    items: list[T],
    size: Callable[[T], int],
    *args: object,
    runs_per_worker: int = 2,
) -> list[Future]:
    """``function(run, *args)`` for each of a few :func:`runs` of ``items`` per worker,
    submitted to ``executor``; :func:`joined` reads their lists back in order."""
    cut = runs(items, runs_per_worker * workers_of(executor), size)
    return [executor.submit(function, run, *args) for run in cut]


def joined(futures: list[Future]) -> list:
    """The lists the futures of :func:`submit_runs` return, one after another (waits)."""
    return [result for future in futures for result in future.result()]


def release_worker_server() -> None:
    """Stop the fork server the workers were forked from, if one runs: it holds the package and
    pandas imported (over 100 MiB) after the pool is done, while what follows (copy detection,
    grouping over the whole corpus) needs the memory. A later pool starts it again."""
    try:
        from multiprocessing import forkserver
    except ImportError:  # a platform without fork servers
        return
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # its own way out
    if callable(stop):
        stop()
