"""One writer per output folder: concurrent runs into the same folder wait for each other
(or give up with a clear error), so a folder never holds a mix of two runs' files."""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from caravan_claims.errors import InputError

DEFAULT_TIMEOUT_S = 900.0


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextmanager
def folder_lock(
    folder: Path,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    log: Callable[[str], None] = _stderr,
) -> Iterator[None]:
    """Hold an exclusive advisory lock (``flock``) on ``folder`` itself: no lock file is left in
    it, and the operating system releases the lock when the process ends, so a killed run leaves
    no stale lock."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _acquire(fd, folder, timeout_s, log)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, folder: Path, timeout_s: float, log: Callable[[str], None]) -> None:
    if _try_lock(fd):
        return
    log(f"{folder}: another caravan-claims run is writing here; waiting up to {timeout_s:.0f} s")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if _try_lock(fd):
            return
    raise InputError(
        f"{folder}: still locked by another caravan-claims run after {timeout_s:.0f} s; "
        "expected that run to finish first"
    )


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
