"""Stage 1 — load a folder of ``.txt`` articles and their optional metadata into a validated table.

Article text is decoded as strict UTF-8 and kept exactly as decoded (no newline or whitespace
normalisation), so that character offsets found later slice the same words out of the file.
"""

from __future__ import annotations

import hashlib
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
    if not seeds.is_dir():
        raise InputError(
            f"seeds_dir {str(seeds)!r}: not a folder; expected a folder of .txt articles"
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
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise InputError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    return frame


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
        if index is not None and not pd.isna(index) and int(index) in frame.index:
            row = frame.loc[int(index)]
            where += f": line {int(index) + 2} ({key}={row.get(key, '')!r})"
        column = f"column {case.column!r}: " if isinstance(case.column, str) else ""
        expected = str(case.check)
        if expected.startswith("field_uniqueness") or "unique" in expected:
            expected = "a unique value"
        elif expected.startswith("column_in_dataframe"):
            expected = "the column to be present"
        problems.append(f"{where}: {column}expected {expected}, got {case.failure_case!r}")
    return problems


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
    """:func:`load_corpus`, and the files that were skipped with the reason for each."""
    inputs = resolve_inputs(seeds_dir, metadata_path, events_path)
    events = load_events(inputs.events)
    metadata = load_metadata(inputs.metadata, set(events["event_id"]), inputs.events)
    scan = scan_folder(inputs.seeds_dir)
    if strict and scan.skipped:
        raise InputError(f"{scan.skipped[0]} (strict: every .txt file must be an article)")
    skipped_ids = {item.path.stem for item in scan.skipped}
    for line, article_id in enumerate(metadata["article_id"], start=2):
        if article_id not in scan.files and article_id not in skipped_ids:
            raise InputError(
                f"{inputs.metadata}: line {line}: article_id {article_id!r} names "
                f"{inputs.seeds_dir / (article_id + '.txt')}, which does not exist; "
                "expected a .txt file with that stem"
            )
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
    for index, row in corpus.iterrows():
        if row["published"]:
            sources.append("curated")
            continue
        guess = dates.infer_publication_date(row["text"])
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
