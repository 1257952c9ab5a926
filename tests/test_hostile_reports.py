"""Hostile articles and metadata through every report, the per-event one included (slow).

Every string an article or a user's CSV supplies must reach the HTML as text: the pages are parsed
and any element or attribute that could only have come from the input fails the test.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from caravan_claims import cli, escape, reports

pytestmark = pytest.mark.slow

EVIL_HOST = "evil.example"
PAYLOADS = [
    "<script>alert('pwned')</script>",
    "<img src=x onerror=alert(1)>",
    f'<iframe src="http://{EVIL_HOST}/frame"></iframe>',
    f'<form action="http://{EVIL_HOST}/post"><input name=q></form>',
    f'<meta http-equiv="refresh" content="0;url=http://{EVIL_HOST}/">',
    f'<a href="http://{EVIL_HOST}/">click</a>',
    "<style>body{display:none;--hostile-marker:1}</style>",
    f'<base href="http://{EVIL_HOST}/">',
    "**bold** [link](http://evil.example/md)",
]
ARTICLE = (
    "{} About 5,000 migrants left Tapachula on Monday, according to {} Officials. "
    "Organisers {} said about 6,000 people were walking north in the caravan. "
    "Honduras denied such a caravan exists {}, and officials {} said there is no caravan. "
    "A second article {} says about 5,500 migrants were in the caravan {} {} {}.\n"
).format(*PAYLOADS)
COPY = f"Police said more than 4,800 people were in the caravan on Monday {PAYLOADS[0]}.\n"

FORBIDDEN_TAGS = {"script", "iframe", "form", "input", "object", "embed", "base", "link", "frame"}


class Collector(HTMLParser):
    """Every start tag with its attributes, the text of every <style> element, and the text a
    reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def injected(page: str) -> list[str]:
    """Elements and attributes in ``page`` that could only have come from the hostile input."""
    parser = Collector()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        if tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            if value and EVIL_HOST in value:
                found.append(f"<{tag} {name}={value!r}>")
    found += [f"<style>{s[:40]}" for s in parser.styles if "--hostile-marker" in s]
    return found


def write_hostile_corpus(seeds: Path) -> Path:
    """Hostile articles, with metadata and events whose cells are hostile too."""
    seeds.mkdir(parents=True)
    (seeds / "evil.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "evil_copy.txt").write_text(COPY, encoding="utf-8")
    (seeds / "articles.csv").write_text(
        "article_id,outlet,title,published,date_precision,event_id\n"
        f'evil,"{PAYLOADS[0]}","{PAYLOADS[1]}",2023-12-25,day,evil_event\n'
        f'evil_copy,"{csv_quoted(PAYLOADS[2])}","{csv_quoted(PAYLOADS[4])}",2023-12-26,day,'
        "evil_event\n",
        encoding="utf-8",
    )
    (seeds / "events.csv").write_text(
        "event_id,label,start,end,description\n"
        f'evil_event,"Caravan {PAYLOADS[0]} {csv_quoted(PAYLOADS[5])}",2023-12-24,,'
        f'"{PAYLOADS[6]}"\n',
        encoding="utf-8",
    )
    return seeds


def csv_quoted(text: str) -> str:
    return text.replace('"', '""')


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    seeds = write_hostile_corpus(root / "seeds")
    out = root / "out"
    assert cli.main(["reports", "--seeds", str(seeds), "--out", str(out)]) == 0
    return out


def test_every_report_is_made_including_the_per_event_one(hostile_reports: Path):
    names = {p.name for p in hostile_reports.glob("*.html")}
    assert "03_reconcile_evil_event.html" in names and "index.html" in names
    assert len(names) == 5


@pytest.mark.parametrize(
    "name",
    ["index", "01_corpus", "02_figures", "03_reconcile_evil_event", "04_border_record"],
)
def test_no_element_or_attribute_comes_from_the_input(hostile_reports: Path, name: str):
    page = (hostile_reports / f"{name}.html").read_text(encoding="utf-8")
    assert injected(page) == []


def test_the_hostile_text_is_shown_as_text_in_the_event_report(hostile_reports: Path):
    parser = Collector()
    parser.feed((hostile_reports / "03_reconcile_evil_event.html").read_text(encoding="utf-8"))
    shown = "".join(parser.text)
    assert f"Caravan {PAYLOADS[0]}" in shown  # the event label, visible as words
    assert f"{PAYLOADS[2]}, {PAYLOADS[0]}" in shown  # the outlets, sorted
    assert "**bold** [link](http://evil.example/md)" in shown  # Markdown is not interpreted


def test_csp_forbids_forms_and_base(hostile_reports: Path):
    for page in hostile_reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert reports.CSP in text
        assert "form-action 'none'" in reports.CSP and "base-uri 'none'" in reports.CSP


def test_the_checker_catches_what_it_is_meant_to():
    """The parser-based check itself: raw payloads are caught, escaped ones are not."""
    for payload in PAYLOADS[:-1]:
        assert injected(f"<p>{payload}</p>"), payload
        assert injected(f"<p>{escape.text(payload)}</p>") == []


def test_escape_neutralises_controls_and_direction_overrides():
    assert escape.text("a<b>\"c\"'d'&") == "a&lt;b&gt;&quot;c&quot;&#x27;d&#x27;&amp;"
    assert escape.text("evil\u202eexe.txt\x00") == "evil\ufffdexe.txt\ufffd"
    assert escape.text(None) == "" and escape.text(float("nan")) == ""
