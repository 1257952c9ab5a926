"""Stage 1 — load a folder of ``.txt`` articles and their optional metadata into a validated table.

Article text is decoded as strict UTF-8 and kept exactly as decoded (no newline or whitespace
normalisation), so that character offsets found later slice the same words out of the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from caravan_claims import dates, paths
from caravan_claims.errors import InputError

ARTICLE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DATE_PRECISIONS = ("day", "week", "month", "year")

METADATA_COLUMNS = (
    "article_id",
    "outlet",
    "title",
    "published",
    "date_precision",
    "date_evidence",
    "event_id",
    "notes",
)
EVENT_COLUMNS = ("event_id", "label", "start", "end", "description")
CORPUS_COLUMNS = (
    "article_id", "path", "n_chars", "sha256", *METADATA_COLUMNS[1:], "date_source", "text",
)  # fmt: skip


def _is_iso_date_or_empty(values: pd.Series) -> pd.Series:
    filled = values != ""
    parsed = pd.to_datetime(values.where(filled), format="%Y-%m-%d", errors="coerce")
    return ~filled | (values.str.fullmatch(ISO_DATE_PATTERN) & parsed.notna())


def _optional_text() -> pa.Column:
    return pa.Column(str, required=False)


def metadata_schema(
    known_event_ids: set[str], events_path: Path | None = None
) -> pa.DataFrameSchema:
    """Schema for ``articles.csv``; every cell is read as text, empty meaning unknown."""
    listed_in = (
        f"listed in {events_path}" if events_path else "listed in an events.csv (none found)"
    )
    return pa.DataFrameSchema(
        {
            "article_id": pa.Column(
                str,
                checks=pa.Check.str_matches(
                    ARTICLE_ID_PATTERN, error="a file stem of letters, digits, '_', '-' or '.'"
                ),
                unique=True,
                report_duplicates="exclude_first",
            ),
            "outlet": _optional_text(),
            "title": _optional_text(),
            "published": pa.Column(
                str,
                checks=pa.Check(
                    _is_iso_date_or_empty, error="an ISO date YYYY-MM-DD, or empty when unknown"
                ),
                required=False,
            ),
            "date_precision": pa.Column(
                str,
                checks=pa.Check.isin(
                    ["", *DATE_PRECISIONS], error=f"one of {', '.join(DATE_PRECISIONS)}, or empty"
                ),
                required=False,
            ),
            "date_evidence": _optional_text(),
            "event_id": pa.Column(
                str,
                checks=pa.Check.isin(
                    ["", *sorted(known_event_ids)],
                    error=f"an event_id {listed_in}, or empty",
                ),
                required=False,
            ),
            "notes": _optional_text(),
        },
        strict=False,
    )


EVENTS_SCHEMA = pa.DataFrameSchema(
    {
        "event_id": pa.Column(
            str,
            checks=pa.Check.str_matches(
                r"^[a-z0-9][a-z0-9_]*$", error="lower-case letters, digits and '_'"
            ),
            unique=True,
            report_duplicates="exclude_first",
        ),
        "label": pa.Column(str, checks=pa.Check.str_length(min_value=1, error="a non-empty label")),
        "start": pa.Column(
            str, checks=pa.Check(_is_iso_date_or_empty, error="an ISO date YYYY-MM-DD, or empty")
        ),
        "end": pa.Column(
            str, checks=pa.Check(_is_iso_date_or_empty, error="an ISO date YYYY-MM-DD, or empty")
        ),
        "description": _optional_text(),
    },
    checks=pa.Check(
        lambda df: (df["start"] == "") | (df["end"] == "") | (df["start"] <= df["end"]),
        error="start on or before end",
    ),
    strict=False,
)


@dataclass(frozen=True)
class CorpusInputs:
    """The resolved input files for one run; ``metadata`` and ``events`` may be absent."""

    seeds_dir: Path
    metadata: Path | None
    events: Path | None


def resolve_inputs(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
) -> CorpusInputs:
    """Fill in defaults the way a user expects.

    ``seeds_dir`` None means the bundled ``seeds/``. Metadata, when not named, is the bundled
    ``data/articles.csv`` for the bundled seeds, else an ``articles.csv`` inside the folder,
    else none.
    Events, when not named, is an ``events.csv`` beside the metadata, else the bundled one.
    """
    seeds = Path(seeds_dir) if seeds_dir else paths.bundled_seeds_dir()
    if is_corpus_file(seeds):
        return CorpusInputs(seeds, _named_file("metadata_path", metadata_path),
                            _events_beside(seeds.parent, events_path))  # fmt: skip
    if not seeds.is_dir():
        raise InputError(
            f"seeds_dir {str(seeds)!r}: not a folder or a corpus file; expected a folder of .txt "
            f"articles or one file of articles ({', '.join(CORPUS_FILE_SUFFIXES)})"
        )
    metadata = _named_file("metadata_path", metadata_path)
    if metadata is None:
        if seeds.resolve() == paths.bundled_seeds_dir().resolve():
            metadata = paths.data_dir() / "articles.csv"
        elif (seeds / "articles.csv").is_file():
            metadata = seeds / "articles.csv"
    events = _named_file("events_path", events_path)
    if events is None:
        beside = metadata.parent / "events.csv" if metadata else None
        bundled = paths.data_dir() / "events.csv"
        events = beside if beside and beside.is_file() else (bundled if bundled.is_file() else None)
    return CorpusInputs(seeds, metadata, events)


CORPUS_FILE_SUFFIXES = (".jsonl", ".parquet")


def is_corpus_file(path: Path) -> bool:
    """One file of articles (JSON Lines or Parquet) rather than a folder of ``.txt`` files."""
    return path.suffix.lower() in CORPUS_FILE_SUFFIXES and path.is_file()


def _events_beside(folder: Path, events_path: str | Path | None) -> Path | None:
    """The events CSV named, else ``events.csv`` in ``folder``, else the bundled one."""
    events = _named_file("events_path", events_path)
    if events is None:
        beside, bundled = folder / "events.csv", paths.data_dir() / "events.csv"
        events = beside if beside.is_file() else (bundled if bundled.is_file() else None)
    return events


def _named_file(parameter: str, value: str | Path | None) -> Path | None:
    if value is None or str(value) == "":
        return None
    path = Path(value)
    if not path.is_file():
        raise InputError(f"{parameter} {str(path)!r}: no such file; expected a CSV file")
    return path


class EmptyArticle(InputError):
    """An article file with no text: skipped with a warning unless the run is strict."""


@dataclass(frozen=True)
class Skipped:
    """A file of the folder that is not read as an article, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped: {self.reason}"


@dataclass(frozen=True)
class FolderScan:
    files: dict[str, Path]  # article id (file stem) -> path
    skipped: list[Skipped]


def read_article(path: Path) -> str:
    """Decode one article as strict UTF-8; refuse empty files and undecodable bytes."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}: line {line}: byte 0x{data[err.start]:02x} at offset {err.start} "
            "is not UTF-8; "
            "expected a UTF-8 text article"
        ) from None
    if not text.strip():
        raise EmptyArticle(
            f"{path}: empty article ({len(data)} bytes, no text); expected article text"
        )
    return text


def scan_folder(seeds_dir: Path) -> FolderScan:
    """Every ``.txt`` file of the folder by article id (file stem), refusing duplicate stems.
    Symbolic links that lead out of the folder, or nowhere, are not followed: they are listed
    as skipped, so a folder cannot make the run read files elsewhere on the machine."""
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []
    root = seeds_dir.resolve()
    for path in sorted(seeds_dir.iterdir()):
        if path.suffix.lower() != ".txt":
            continue
        if path.is_symlink():
            reason = _symlink_problem(path, root)
            if reason:
                skipped.append(Skipped(path, reason))
                continue
        if not path.is_file():
            continue
        if path.stem in found:
            raise InputError(
                f"{path}: duplicate article id {path.stem!r} (also {found[path.stem].name}); "
                "expected one file per id"
            )
        found[path.stem] = path
    if not found:
        raise InputError(
            f"seeds_dir {str(seeds_dir)!r}: no .txt files; expected article text files"
        )
    return FolderScan(found, skipped)


def _symlink_problem(path: Path, root: Path) -> str | None:
    target = path.resolve()
    if not target.exists():
        return f"a symbolic link to {target}, which does not exist"
    if not target.is_relative_to(root):
        return f"a symbolic link to {target}, outside the folder (not followed)"
    return None


def article_files(seeds_dir: Path) -> dict[str, Path]:
    """Map article id (file stem) to path for every ``.txt`` file that is read as an article."""
    return scan_folder(seeds_dir).files


def read_csv_as_text(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Read a curated CSV with every cell as text (empty = unknown) and check its header."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; expected a UTF-8 CSV file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        reason = " ".join(str(err).split())
        raise InputError(f"{path}: not a readable CSV ({reason}); expected a header row") from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas made the extra fields an index
        raise InputError(_too_many_fields(path))
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise InputError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    return frame


def _too_many_fields(path: Path) -> str:
    """The first line of a CSV with more fields than its header, as a message."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        width = len(next(rows, []))
        for row in rows:
            if len(row) > width:
                return (
                    f"{path}: line {rows.line_num}: {len(row)} fields, expected {width} as in "
                    "the header (a value with a comma must be in double quotes)"
                )
    return f"{path}: more fields in a row than in the header; expected {width}"


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, path: Path, key: str) -> pd.DataFrame:
    """Validate with ``schema``; turn every failure into one line naming the CSV line and column."""
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = _describe_failures(errors.failure_cases, frame, path, key)
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise InputError(problems[0] + more) from None


def _describe_failures(cases: pd.DataFrame, frame: pd.DataFrame, path: Path, key: str) -> list[str]:
    problems = []
    for case in cases.itertuples(index=False):
        index = case.index
        where = f"{path}"
        line = _row_number(index)
        if line is not None and line in frame.index:
            row = frame.loc[line]
            where += f": line {line + 2} ({key}={row.get(key, '')!r})"
        column = f"column {case.column!r}: " if isinstance(case.column, str) else ""
        expected = str(case.check)
        if expected.startswith("field_uniqueness") or "unique" in expected:
            expected = "a unique value"
        elif expected.startswith("column_in_dataframe"):
            expected = "the column to be present"
        problems.append(f"{where}: {column}expected {expected}, got {case.failure_case!r}")
    return problems


def _row_number(index: object) -> int | None:
    """The row a failure case names, if it names one by number."""
    try:
        return None if index is None or pd.isna(index) else int(index)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def load_events(path: Path | None) -> pd.DataFrame:
    """The curated events table (empty when there is none)."""
    if path is None:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in EVENT_COLUMNS})
    frame = read_csv_as_text(path, ("event_id", "label", "start", "end"))
    if "description" not in frame.columns:
        frame["description"] = ""
    return validate(frame, EVENTS_SCHEMA, path, "event_id")


def load_metadata(
    path: Path | None, known_event_ids: set[str], events_path: Path | None = None
) -> pd.DataFrame:
    """Curated article metadata with every optional column present (empty when unknown)."""
    if path is None:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in METADATA_COLUMNS})
    frame = read_csv_as_text(path, ("article_id",))
    for column in METADATA_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = validate(frame, metadata_schema(known_event_ids, events_path), path, "article_id")
    _check_dates_and_precisions(frame, path)
    return frame


def _check_dates_and_precisions(frame: pd.DataFrame, path: Path) -> None:
    """A publication date needs its precision and a precision its date; the message names the
    column that is missing."""
    published, precision = frame["published"] != "", frame["date_precision"] != ""
    if not (published ^ precision).any():
        return  # every row has both or neither: nothing to say
    for index, row in frame.iterrows():
        where = f"{path}: line {int(index) + 2} (article_id={row['article_id']!r})"
        if row["published"] and not row["date_precision"]:
            raise InputError(
                f"{where}: column 'date_precision' is empty but published is "
                f"{row['published']!r}; expected one of {', '.join(DATE_PRECISIONS)}"
            )
        if row["date_precision"] and not row["published"]:
            raise InputError(
                f"{where}: column 'published' is empty but date_precision is "
                f"{row['date_precision']!r}; expected an ISO date YYYY-MM-DD"
            )


@dataclass(frozen=True)
class LoadedCorpus:
    articles: pd.DataFrame
    skipped: list[Skipped]


def load_corpus(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
    strict: bool = False,
) -> pd.DataFrame:
    """Articles joined to their metadata: one row per ``.txt`` file, ordered by article id.

    ``published`` is a datetime (NaT when unknown). Raises :class:`InputError` for a missing folder,
    no articles, a non-UTF-8 file, duplicate ids, or a metadata row naming no file; empty files
    and symbolic links out of the folder are skipped (see :func:`load`), or refused when strict.
    """
    return load(seeds_dir, metadata_path, events_path, strict).articles


def load(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
    strict: bool = False,
) -> LoadedCorpus:
    """:func:`load_corpus`, and the files that were skipped with the reason for each. A corpus
    file (JSON Lines or Parquet) is read whole here; :func:`stream` reads it in batches."""
    inputs = resolve_inputs(seeds_dir, metadata_path, events_path)
    if is_corpus_file(inputs.seeds_dir):
        whole = stream(seeds_dir, metadata_path, events_path, strict)
        frame = pd.concat(list(whole.batches()), ignore_index=True)
        return LoadedCorpus(frame, whole.skipped)
    events = load_events(inputs.events)
    metadata = load_metadata(inputs.metadata, set(events["event_id"]), inputs.events)
    scan = scan_folder(inputs.seeds_dir)
    if strict and scan.skipped:
        raise InputError(f"{scan.skipped[0]} (strict: every .txt file must be an article)")
    _check_metadata_names_files(metadata, scan, inputs)
    rows, skipped = _read_articles(scan.files, strict)
    skipped = sorted([*scan.skipped, *skipped], key=lambda item: str(item.path))
    if not rows:
        raise InputError(
            f"seeds_dir {str(inputs.seeds_dir)!r}: no article with text "
            f"({len(skipped)} file(s) skipped); expected article text files"
        )
    articles = pd.DataFrame(rows)
    corpus = articles.merge(metadata[list(METADATA_COLUMNS)], on="article_id", how="left")
    corpus[list(METADATA_COLUMNS[1:])] = corpus[list(METADATA_COLUMNS[1:])].fillna("")
    corpus = _dates_from_text(corpus)
    corpus["published"] = pd.to_datetime(corpus["published"].replace("", None), format="%Y-%m-%d")
    frame = corpus[list(CORPUS_COLUMNS)].sort_values("article_id").reset_index(drop=True)
    return LoadedCorpus(frame, skipped)


def _check_metadata_names_files(
    metadata: pd.DataFrame, scan: FolderScan, inputs: CorpusInputs
) -> None:
    """Every metadata row names a .txt file of the folder (one skipped as empty counts)."""
    skipped_ids = {item.path.stem for item in scan.skipped}
    for line, article_id in enumerate(metadata["article_id"], start=2):
        if article_id not in scan.files and article_id not in skipped_ids:
            raise InputError(
                f"{inputs.metadata}: line {line}: article_id {article_id!r} names "
                f"{inputs.seeds_dir / (article_id + '.txt')}, which does not exist; "
                "expected a .txt file with that stem"
            )


def _read_articles(files: dict[str, Path], strict: bool) -> tuple[list[dict], list[Skipped]]:
    rows, skipped = [], []
    for article_id, path in files.items():
        try:
            text = read_article(path)
        except EmptyArticle:
            if strict:
                raise
            skipped.append(Skipped(path, "empty file (no text)"))
            continue
        rows.append(
            {
                "article_id": article_id,
                "path": str(path),
                "n_chars": len(text),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "text": text,
            }
        )
    return rows, skipped


def _dates_from_text(corpus: pd.DataFrame) -> pd.DataFrame:
    """Articles whose metadata gives no publication date get one from their own words when they
    say it (:mod:`dates`); ``date_source`` says which dates were curated, inferred or unknown."""
    corpus = corpus.copy()
    sources = []
    rows = zip(corpus.index, corpus["published"], corpus["text"], strict=True)
    for index, published, text in rows:
        if published:
            sources.append("curated")
            continue
        guess = dates.infer_publication_date(text)
        if guess is None:
            sources.append("unknown")
            continue
        corpus.at[index, "published"] = guess.published
        corpus.at[index, "date_precision"] = guess.precision
        corpus.at[index, "date_evidence"] = f"inferred from the text: {guess.evidence}"
        sources.append("inferred")
    corpus["date_source"] = sources
    return corpus


def skipped_table(skipped: list[Skipped]) -> pd.DataFrame:
    """The skipped files as a table a report shows."""
    return pd.DataFrame(
        {"file": [item.path.name for item in skipped], "why": [item.reason for item in skipped]}
    )


def describe_articles(corpus: pd.DataFrame) -> pd.DataFrame:
    """The articles table a reader sees: no text, unknown values spelled out."""
    shown = corpus.drop(columns=["text", "path", "sha256"]).copy()
    shown["published"] = shown["published"].dt.strftime("%Y-%m-%d").fillna("unknown")
    for column in ("outlet", "event_id", "date_precision"):
        shown[column] = shown[column].replace("", "unknown")
    return shown


# Streaming: a corpus read in batches, so that no stage holds every article text at once.

BATCH_SIZE = 256  # articles per batch: large enough to amortise a process hop, small in memory


@dataclass
class CorpusStream:
    """A corpus read batch by batch: :meth:`batches` yields tables of ``CORPUS_COLUMNS`` (text
    included) in a deterministic order (a folder: by article id; a file: in file order), each
    batch validated as :func:`load` validates the whole. ``skipped`` fills in as batches are read;
    ``n_articles`` is known before reading for a folder (files, not all of them articles) and a
    Parquet file (rows), and is None for JSON Lines."""

    inputs: CorpusInputs
    events: pd.DataFrame
    strict: bool
    skipped: list[Skipped]
    n_articles: int | None

    def batches(self, size: int = BATCH_SIZE) -> Iterator[pd.DataFrame]:
        if size < 1:
            raise InputError(f"batch size {size}: expected at least 1 article per batch")
        if is_corpus_file(self.inputs.seeds_dir):
            yield from _file_batches(self, size)
        else:
            yield from _folder_batches(self, size)


def stream(
    seeds_dir: str | Path | None = None,
    metadata_path: str | Path | None = None,
    events_path: str | Path | None = None,
    strict: bool = False,
) -> CorpusStream:
    """The corpus as a :class:`CorpusStream`; the inputs, events and (for a folder) the metadata
    are checked now, article texts only as the batches are read."""
    inputs = resolve_inputs(seeds_dir, metadata_path, events_path)
    events = load_events(inputs.events)
    if is_corpus_file(inputs.seeds_dir):
        if inputs.metadata is not None:
            raise InputError(
                f"metadata_path {str(inputs.metadata)!r}: a corpus file carries its metadata as "
                f"columns ({', '.join(METADATA_COLUMNS[1:])}); expected no separate metadata CSV"
            )
        return CorpusStream(inputs, events, strict, [], _rows_in(inputs.seeds_dir))
    scan = scan_folder(inputs.seeds_dir)
    if strict and scan.skipped:
        raise InputError(f"{scan.skipped[0]} (strict: every .txt file must be an article)")
    return CorpusStream(inputs, events, strict, list(scan.skipped), len(scan.files))


def _folder_batches(stream: CorpusStream, size: int) -> Iterator[pd.DataFrame]:
    inputs = stream.inputs
    metadata = load_metadata(inputs.metadata, set(stream.events["event_id"]), inputs.events)
    scan = scan_folder(inputs.seeds_dir)
    _check_metadata_names_files(metadata, scan, inputs)
    metadata = metadata[list(METADATA_COLUMNS)]
    ids = sorted(scan.files)
    read = 0
    for first in range(0, len(ids), size):
        chunk = {article_id: scan.files[article_id] for article_id in ids[first : first + size]}
        rows, skipped = _read_articles(chunk, stream.strict)
        stream.skipped[:] = sorted([*stream.skipped, *skipped], key=lambda item: str(item.path))
        if rows:
            read += len(rows)
            yield _finish(pd.DataFrame(rows), metadata)
    if not read:
        raise InputError(
            f"seeds_dir {str(inputs.seeds_dir)!r}: no article with text "
            f"({len(stream.skipped)} file(s) skipped); expected article text files"
        )


def _finish(articles: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """Articles joined to their metadata, dates inferred where missing, as :func:`load` does."""
    corpus = articles.merge(metadata, on="article_id", how="left")
    corpus[list(METADATA_COLUMNS[1:])] = corpus[list(METADATA_COLUMNS[1:])].fillna("")
    corpus = _dates_from_text(corpus)
    corpus["published"] = pd.to_datetime(corpus["published"].replace("", None), format="%Y-%m-%d")
    return corpus[list(CORPUS_COLUMNS)].reset_index(drop=True)


def _rows_in(path: Path) -> int | None:
    if path.suffix.lower() != ".parquet":
        return None
    return _parquet_file(path).metadata.num_rows


def _parquet_file(path: Path):  # pyarrow is optional: no type named here
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            f"{path}: reading Parquet needs pyarrow; expected `pip install pyarrow` "
            "(or a JSON Lines corpus)"
        ) from None
    try:
        return pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises its own types for a damaged file
        raise InputError(f"{path}: not a readable Parquet file ({_one_line(err)})") from None


def _one_line(err: object) -> str:
    return " ".join(str(err).split())


def _records(path: Path, size: int) -> Iterator[list[tuple[int, object]]]:
    """Lists of (line or row number, record) from a JSON Lines or Parquet file, ``size`` at a
    time; blank JSON lines are not records."""
    if path.suffix.lower() == ".parquet":
        number = 0
        for batch in _parquet_file(path).iter_batches(batch_size=size):
            records = batch.to_pylist()
            yield [(number + n + 1, record) for n, record in enumerate(records)]
            number += len(records)
        return
    chunk: list[tuple[int, object]] = []
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                chunk.append((number, json.loads(raw.decode("utf-8"))))
            except UnicodeDecodeError:
                raise InputError(f"{path}: line {number}: not UTF-8; expected UTF-8 JSON") from None
            except json.JSONDecodeError as err:
                raise InputError(
                    f"{path}: line {number}: not JSON ({err.msg}); expected one JSON object "
                    "per line with article_id and text"
                ) from None
            if len(chunk) == size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _file_batches(stream: CorpusStream, size: int) -> Iterator[pd.DataFrame]:
    """Batches of a JSON Lines or Parquet corpus: ``article_id`` (or ``id``) and ``text`` per
    record, the metadata columns optional; ids must be unique across the whole file."""
    path = stream.inputs.seeds_dir
    event_ids = set(stream.events["event_id"])
    schema = metadata_schema(event_ids, stream.inputs.events)
    seen: set[str] = set()
    read = 0
    for chunk in _records(path, size):
        rows, metadata = [], []
        for number, record in chunk:
            row = _article_record(path, number, record, seen)
            if row is None:
                item = Skipped(Path(f"{path}:{number}"), "empty article (no text)")
                if stream.strict:
                    raise EmptyArticle(f"{item} (strict: every record must have text)")
                stream.skipped.append(item)
                continue
            text, meta = row
            rows.append({"article_id": meta["article_id"], "path": f"{path}:{number}",
                         "n_chars": len(text),
                         "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                         "text": text})  # fmt: skip
            metadata.append(meta)
        if not rows:
            continue
        # Index = line - 2, so that validation messages name the file's own line or row.
        numbers = [int(row["path"].rsplit(":", 1)[1]) - 2 for row in rows]
        frame = pd.DataFrame(metadata, columns=list(METADATA_COLUMNS), index=numbers)
        if not _plainly_valid(frame, event_ids):
            frame = validate(frame, schema, path, "article_id")  # names what is wrong
        _check_dates_and_precisions(frame, path)
        read += len(rows)
        yield _finish(pd.DataFrame(rows), frame.reset_index(drop=True))
    if not read:
        raise InputError(
            f"{path}: no article with text ({len(stream.skipped)} record(s) skipped); "
            "expected records with article_id and text"
        )


def _plainly_valid(frame: pd.DataFrame, event_ids: set[str]) -> bool:
    """Whether every row passes each check of :func:`metadata_schema`, tested directly: the
    schema's own validation costs as much as reading a batch, so it runs only to describe a
    batch that fails here (the message is then the schema's)."""
    ids = frame["article_id"]
    return bool(
        all(isinstance(value, str) for column in METADATA_COLUMNS for value in frame[column])
        and ids.is_unique
        and ids.str.match(ARTICLE_ID_PATTERN, na=False).all()
        and _is_iso_date_or_empty(frame["published"]).all()
        and frame["date_precision"].isin(["", *DATE_PRECISIONS]).all()
        and frame["event_id"].isin(["", *sorted(event_ids)]).all()
    )


def _article_record(
    path: Path, number: int, record: object, seen: set[str]
) -> tuple[str, dict[str, str]] | None:
    """(text, metadata) of one record, None when its text is empty; refuses a record that is not
    an object, lacks an id or text, or repeats an id."""
    where = f"{path}: line {number}" if path.suffix.lower() == ".jsonl" else f"{path}: row {number}"
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected an object with article_id and text")
    article_id = record.get("article_id", record.get("id"))
    if not isinstance(article_id, str) or not article_id:
        raise InputError(f"{where}: no article_id (or id); expected a non-empty string")
    if article_id in seen:
        raise InputError(f"{where}: duplicate article id {article_id!r}; expected one per record")
    seen.add(article_id)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: article {article_id!r}: expected its text as a string")
    if not text.strip():
        return None
    meta = {"article_id": article_id}
    for column in METADATA_COLUMNS[1:]:
        value = record.get(column)
        if isinstance(value, dt.date):
            value = value.isoformat()[:10]
        meta[column] = "" if value is None else str(value)
    return text, meta
