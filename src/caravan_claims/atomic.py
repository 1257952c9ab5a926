"""Writes that never leave a half-written file behind: write a temporary sibling, then rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pandas as pd


def _temporary_sibling(target: Path) -> Path:
    """An empty temporary file beside ``target`` whose name stays short even when the target's
    is near the file system's limit (255 bytes)."""
    stem = target.name[:40]
    digest = hashlib.sha1(target.name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.{digest}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp_name)


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary_sibling(target)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths for several targets, renamed onto them only when every one was written:
    tables that belong together are published together or not at all."""
    with ExitStack() as stack:
        temporaries = [stack.enter_context(_unrenamed(Path(t))) for t in targets]
        yield temporaries
        for tmp, target in zip(temporaries, targets, strict=True):
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)


@contextmanager
def _unrenamed(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary_sibling(target)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def write_text(target: Path | str, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_bytes(target: Path | str, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_csv(target: Path | str, frame: pd.DataFrame) -> None:
    """Write a table as UTF-8 CSV with Unix newlines, no index and whole numbers without ".0",
    atomically, so the same table always gives the same bytes."""
    write_text(target, to_csv_text(frame))


def write_csvs(tables: Mapping[Path, pd.DataFrame]) -> None:
    """Write several tables as :func:`write_csv` does, all of them or none."""
    targets = list(tables)
    with atomic_paths(targets) as temporaries:
        for tmp, frame in zip(temporaries, tables.values(), strict=True):
            tmp.write_text(to_csv_text(frame), encoding="utf-8", newline="\n")


def to_csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.15g")
