"""Stage 0 — saved web pages (and plain texts) in, a folder of articles out.

``caravan-claims ingest PAGES_DIR --out SEEDS_DIR`` turns each ``.html`` page into the article's
main text (``trafilatura``: boilerplate, navigation and comments removed) and each ``.txt`` file
into itself, and writes ``articles.csv`` with outlet, title and publication date. Every inferred
field records where it came from: a meta tag, the page's structured data, its address, or the
text. Dates come from ``htmldate`` (meta tags, structured data, the address), else from the
article's own words (:mod:`dates`). Nothing is fetched: pages are read from disk.

The folder is written whole or not at all: into a staging folder beside it, renamed at the end.
"""

from __future__ import annotations

import csv
import html as html_module
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from caravan_claims import dates
from caravan_claims.corpus import ARTICLE_ID_PATTERN, METADATA_COLUMNS
from caravan_claims.errors import InputError

PAGE_SUFFIXES = {".html", ".htm"}
MIN_WORDS = 20  # fewer words than this is a menu or an error page, not an article
TEXT_SUFFIXES = {".txt"}
INGEST_COLUMNS = [*METADATA_COLUMNS, "outlet_source", "title_source", "source_file", "url"]

_META = r"<meta\s+[^>]*?(?:property|name)\s*=\s*[\"']{name}[\"'][^>]*?content\s*=\s*[\"']([^\"']*)"
_META_REVERSED = (
    r"<meta\s+[^>]*?content\s*=\s*[\"']([^\"']*)[\"'][^>]*?(?:property|name)\s*=\s*[\"']{name}[\"']"
)
_TITLE = re.compile(r"(?is)<title[^>]*>(.*?)</title>")
_CANONICAL = re.compile(
    r"(?is)<link\s+[^>]*rel\s*=\s*[\"']canonical[\"'][^>]*href\s*=\s*[\"']([^\"']+)"
)


@dataclass
class Ingested:
    """One article: its id, text and metadata row, or the reason it was skipped."""

    source: Path
    article_id: str = ""
    text: str = ""
    row: dict[str, str] = field(default_factory=dict)
    skipped: str = ""


def _meta(html: str, name: str) -> str:
    for pattern in (_META, _META_REVERSED):
        found = re.search(pattern.format(name=re.escape(name)), html, re.IGNORECASE)
        if found and found.group(1).strip():
            return _unescape(found.group(1).strip())
    return ""


def _unescape(text: str) -> str:
    return " ".join(html_module.unescape(text).split())


def _decode_page(path: Path) -> str:
    data = path.read_bytes()
    declared = re.search(rb"(?i)<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", data[:4096])
    for encoding in ("utf-8", declared.group(1).decode("ascii") if declared else "", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{path}: not decodable as UTF-8 or its declared charset; expected a web page")


def _outlet(html: str, extracted: dict, url: str) -> tuple[str, str]:
    site = _meta(html, "og:site_name")
    if site:
        return site, "meta og:site_name"
    host = re.match(r"https?://(?:www\.)?([^/]+)", url or "")
    name = extracted.get("sitename") or ""
    if name and not (host and name.lower() == host.group(1).lower()):
        return name, "page metadata (structured data or publisher, read by trafilatura)"
    if host:
        return host.group(1), "the page's address (host name)"
    return "", "not found"


def _title(html: str, extracted: dict) -> tuple[str, str]:
    title = _meta(html, "og:title")
    if title:
        return title, "meta og:title"
    found = _TITLE.search(html)
    if found and found.group(1).strip():
        return _unescape(found.group(1)), "<title>"
    if extracted.get("title"):
        return extracted["title"], "page headline (trafilatura)"
    return "", "not found"


def _page_date(html: str, url: str, text: str) -> tuple[str, str, str]:
    """(published, precision, evidence) from the page's metadata or address, else its text."""
    from htmldate import find_date

    found = find_date(
        html, url=url or None, extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
    )
    if found:
        compact = found.replace("-", "")
        in_url = url and (found in url or found.replace("-", "/") in url or compact in url)
        where = (
            "the page's address" if in_url else "the page's metadata (meta tags, structured data)"
        )
        return found, "day", f"{where}, read by htmldate"
    guess = dates.infer_publication_date(text)
    if guess:
        return guess.published, guess.precision, f"inferred from the text: {guess.evidence}"
    return "", "", ""


def read_page(path: Path) -> Ingested:
    import trafilatura

    html = _decode_page(path)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    extracted = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    text = (extracted.get("text") or "").strip()
    words = len(text.split())
    if words < MIN_WORDS:
        return Ingested(path, skipped=f"no article text found in the page ({words} words)")
    canonical = _CANONICAL.search(html)
    url = canonical.group(1) if canonical else (extracted.get("url") or _meta(html, "og:url"))
    outlet, outlet_source = _outlet(html, extracted, url)
    title, title_source = _title(html, extracted)
    published, precision, evidence = _page_date(html, url, text)
    row = {"outlet": outlet, "title": title, "published": published,
           "date_precision": precision, "date_evidence": evidence, "outlet_source": outlet_source,
           "title_source": title_source, "url": url}  # fmt: skip
    return Ingested(path, text=text + "\n", row=row)


def read_text_file(path: Path) -> Ingested:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: byte {err.start} is not UTF-8; expected a UTF-8 text") from None
    if not text.strip():
        return Ingested(path, skipped="empty file (no text)")
    guess = dates.infer_publication_date(text)
    row = {"outlet": "", "title": "", "outlet_source": "not found", "title_source": "not found",
           "published": guess.published if guess else "",
           "date_precision": guess.precision if guess else "",
           "date_evidence": f"inferred from the text: {guess.evidence}" if guess else "",
           "url": ""}  # fmt: skip
    return Ingested(path, text=text, row=row)


def article_id_for(path: Path, taken: set[str]) -> str:
    """The file stem made a valid, unique article id ("My page (2).html" → "My_page_2")."""
    stem = re.sub(r"[^A-Za-z0-9_.\-]+", "_", path.stem).strip("_.-") or "page"
    if not re.match(ARTICLE_ID_PATTERN, stem):
        stem = f"a_{stem}"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}_{number}", number + 1
    return candidate


def ingest(pages_dir: Path, out_dir: Path, event_id: str = "") -> list[Ingested]:
    """Read every page and text of ``pages_dir`` and write the articles and ``articles.csv``
    into ``out_dir`` (a new or empty folder), all at once. With ``event_id`` every article gets
    it, and an ``events.csv`` naming it is written beside them."""
    if event_id and not re.fullmatch(r"[a-z0-9][a-z0-9_]*", event_id):
        raise InputError(f"--event {event_id!r}: expected lower-case letters, digits and '_'")
    if not pages_dir.is_dir():
        raise InputError(
            f"{pages_dir}: not a folder; expected a folder of saved .html or .txt files"
        )
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InputError(
            f"--out {out_dir}: exists and is not an empty folder; expected a new folder"
        )
    results = [_read(path) for path in sorted(pages_dir.iterdir()) if _wanted(path, pages_dir)]
    articles = [r for r in results if not r.skipped]
    if not articles:
        raise InputError(
            f"{pages_dir}: no page or text with article text; expected .html or .txt files"
        )
    taken: set[str] = set()
    for article in articles:
        article.article_id = article_id_for(article.source, taken)
        taken.add(article.article_id)
        article.row.update(article_id=article.article_id, event_id=event_id, notes="",
                           source_file=article.source.name)  # fmt: skip
    _write_folder(out_dir, articles)
    return results


def _wanted(path: Path, pages_dir: Path) -> bool:
    if path.suffix.lower() not in PAGE_SUFFIXES | TEXT_SUFFIXES:
        return False
    return path.is_file() and path.resolve().is_relative_to(pages_dir.resolve())


def _read(path: Path) -> Ingested:
    return read_page(path) if path.suffix.lower() in PAGE_SUFFIXES else read_text_file(path)


def _write_folder(out_dir: Path, articles: list[Ingested]) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name[:40]}.", dir=out_dir.parent))
    try:
        for article in articles:
            (staging / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
        (staging / "articles.csv").write_text(_metadata_csv(articles), encoding="utf-8")
        event_id = articles[0].row.get("event_id", "")
        if event_id:
            (staging / "events.csv").write_text(_events_csv(event_id, articles), encoding="utf-8")
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _events_csv(event_id: str, articles: list[Ingested]) -> str:
    """An events.csv naming the one event the articles were given, starting on the earliest
    publication date: a start to edit, so that figures from before it are read as another group."""
    published = sorted(a.row["published"] for a in articles if a.row.get("published"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["event_id", "label", "start", "end", "description"])
    label = event_id.replace("_", " ").capitalize()
    start = published[0] if published else ""
    note = (
        "Created by caravan-claims ingest from the articles' dates; edit the label and the start "
        "(the day the group set off)."
    )
    writer.writerow([event_id, label, start, "", note])
    return buffer.getvalue()


def _metadata_csv(articles: list[Ingested]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=INGEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for article in articles:
        writer.writerow({column: article.row.get(column, "") for column in INGEST_COLUMNS})
    return buffer.getvalue()
