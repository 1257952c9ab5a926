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


def to_csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    return frame.to_csv(index=False, header=header, lineterminator="\n", float_format="%.15g")


def write_tables(tables: Mapping[Path, pd.DataFrame]) -> None:
    """:func:`write_csvs`, each table as CSV or, for a ``.parquet`` target, as Parquet."""
    with streamed_tables(list(tables)) as writers:
        for writer, frame in zip(writers, tables.values(), strict=True):
            writer.write(frame)


class TableWriter:
    """A table written batch by batch to ``path``: CSV exactly as :func:`write_csv` writes the
    whole (header once, the same formatting), or Parquet (``parquet=True``, needs pyarrow) with
    the column types of the first batch that has rows."""

    def __init__(self, path: Path, parquet: bool = False) -> None:
        self.path, self.parquet = path, parquet
        self._columns: pd.DataFrame | None = None  # an empty frame with the columns, for a header
        self._header_written = False
        self._parquet_writer = None
        self._schema = None

    def write(self, frame: pd.DataFrame) -> None:
        if self._columns is None:
            self._columns = frame.iloc[:0]
        if self.parquet:
            self._write_parquet(frame)
            return
        if frame.empty and self._header_written:
            return
        with self.path.open("a", encoding="utf-8", newline="\n") as out:
            out.write(to_csv_text(frame, header=not self._header_written))
        self._header_written = True

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if frame.empty:
            return
        if self._parquet_writer is None:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            self._schema = table.schema
            self._parquet_writer = pq.ParquetWriter(self.path, self._schema)
        else:
            table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
        self._parquet_writer.write_table(table)

    def close(self) -> None:
        if self.parquet:
            if self._parquet_writer is not None:
                self._parquet_writer.close()
            else:
                import pyarrow as pa
                import pyarrow.parquet as pq

                empty = self._columns if self._columns is not None else pd.DataFrame()
                pq.write_table(pa.Table.from_pandas(empty, preserve_index=False), self.path)
        elif not self._header_written:
            empty = self._columns if self._columns is not None else pd.DataFrame()
            self.path.write_text(to_csv_text(empty), encoding="utf-8", newline="\n")


def is_parquet(target: Path) -> bool:
    return Path(target).suffix.lower() == ".parquet"


@contextmanager
def streamed_tables(targets: list[Path]) -> Iterator[list[TableWriter]]:
    """A :class:`TableWriter` per target (Parquet for a ``.parquet`` name, else CSV), each on a
    temporary sibling; all are renamed onto their targets only when the block completes, so an
    interrupted run leaves every target as it was (and no temporary file behind)."""
    if any(is_parquet(t) for t in targets):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            from caravan_claims.errors import InputError

            raise InputError(
                "a .parquet output needs pyarrow; expected `pip install pyarrow` or a .csv name"
            ) from None
    with ExitStack() as stack:
        temporaries = [stack.enter_context(_unrenamed(Path(t))) for t in targets]
        pairs = zip(temporaries, targets, strict=True)
        writers = [TableWriter(tmp, is_parquet(target)) for tmp, target in pairs]
        yield writers
        for writer in writers:
            writer.close()
        for tmp, target in zip(temporaries, targets, strict=True):
            os.chmod(tmp, 0o644)
            os.replace(tmp, Path(target))
