"""Saved web pages in: main text, outlet, title and date with where each came from; dates from the
text when nothing else says; one command from pages to reports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from caravan_claims import cli, corpus, dates, ingest
from caravan_claims.errors import InputError

PAGES = ROOT / "tests" / "fixtures" / "pages"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ingest") / "articles"
    ingest.ingest(PAGES, out, "caravan_2025_06")
    return out


def metadata(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False).set_index(
        "article_id"
    )


def test_each_field_says_where_it_came_from(ingested: Path):
    rows = metadata(ingested)
    herald = rows.loc["gulf_herald_caravan"]
    assert (herald.outlet, herald.outlet_source) == ("Gulf Herald", "meta og:site_name")
    assert (herald.title, herald.title_source) == (
        "Caravan of 3,000 leaves Tapachula",
        "meta og:title",
    )
    assert (herald.published, herald.date_precision) == ("2025-06-03", "day")
    assert "metadata" in herald.date_evidence
    assert rows.loc["valley_times_url_date", "published"] == "2025-06-07"
    assert "address" in rows.loc["valley_times_url_date", "date_evidence"]
    assert rows.loc["border_ledger_jsonld", "outlet"] == "Border Ledger"
    assert rows.loc["border_ledger_jsonld", "published"] == "2025-06-05"
    blog = rows.loc["old_blog_text_date"]
    assert blog.published == "2021-09-18" and blog.date_evidence.startswith(
        "inferred from the text"
    )
    assert rows.loc["wire_note", "published"] == "2025-06-09"


def test_boilerplate_is_left_out_and_empty_pages_are_skipped(ingested: Path):
    text = (ingested / "gulf_herald_caravan.txt").read_text(encoding="utf-8")
    assert "About 3,000 migrants left this southern city" in text
    assert "Most read" not in text and "Comments 4" not in text and "Sports" not in text
    assert not (ingested / "menu_only.txt").exists()


def test_the_folder_loads_as_a_corpus_with_its_event(ingested: Path):
    articles = corpus.load_corpus(ingested)
    assert len(articles) == 5 and set(articles["event_id"]) == {"caravan_2025_06"}
    assert articles["published"].notna().all()
    events = corpus.load_events(ingested / "events.csv")
    assert events.loc[0, "start"] == "2021-09-18"  # the earliest date: to edit


def test_an_existing_folder_is_never_overwritten(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not an empty folder"):
        ingest.ingest(PAGES, out)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_article_ids_are_valid_and_unique(tmp_path: Path):
    taken: set[str] = set()
    first = ingest.article_id_for(Path("My page (2).html"), taken)
    taken.add(first)
    assert (
        first == "My_page_2"
        and ingest.article_id_for(Path("My page (2).htm"), taken) == "My_page_2_2"
    )


@pytest.mark.parametrize(
    ("text", "published", "precision"),
    [
        ("Published September 18, 2021\nAbout 10,000 people ...", "2021-09-18", "day"),
        ("Last updated: 3 March 2026\nText.", "2026-03-03", "day"),
        ("EAGLE PASS, Texas — Sept. 18, 2024 — About 14,000 ...", "2024-09-18", "day"),
        ("The caravan left on Tuesday, Oct. 8, as it did in 2024 ...", "2024-10-08", "week"),
        ("No date in here at all.", None, None),
    ],
)
def test_dates_from_the_text(text, published, precision):
    guess = dates.infer_publication_date(text)
    assert (
        (guess.published, guess.precision) == (published, precision) if guess else published is None
    )


def test_articles_without_metadata_get_dates_from_their_text(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Published June 2, 2025\nAbout 3,000 migrants left.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("About 2,000 migrants left on Monday.", encoding="utf-8")
    articles = corpus.load_corpus(tmp_path).set_index("article_id")
    assert (
        articles.loc["a", "date_source"] == "inferred"
        and str(articles.loc["a", "published"].date()) == "2025-06-02"
    )
    assert articles.loc["b", "date_source"] == "unknown" and pd.isna(articles.loc["b", "published"])


@pytest.mark.slow
def test_one_command_from_saved_pages_to_reports(tmp_path: Path):
    out = tmp_path / "reports"
    argv = ["reports", "--pages", str(PAGES), "--event", "caravan_2025_06", "--out", str(out)]
    assert cli.main(argv) == 0
    assert (out / "03_reconcile_caravan_2025_06.html").exists()
    page = (out / "01_corpus.html").read_text(encoding="utf-8")
    assert "Gulf Herald" in page and "2025-06-03" in page and "inferred from the text" in page
