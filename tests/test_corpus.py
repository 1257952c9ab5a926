"""The corpus loader: the bundled seeds, other folders, and every kind of bad input."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, SEEDS

from caravan_claims import cli
from caravan_claims.corpus import load_corpus, load_events, read_article
from caravan_claims.errors import InputError

HEADER = "article_id,outlet,title,published,date_precision,date_evidence,event_id,notes\n"


def test_bundled_corpus_has_five_articles_with_metadata():
    corpus = load_corpus()
    assert len(corpus) == 5
    assert corpus["published"].notna().all()
    assert set(corpus["event_id"]) <= set(load_events(DATA / "events.csv")["event_id"])
    for row in corpus.itertuples():
        assert row.text == (SEEDS / f"{row.article_id}.txt").read_bytes().decode("utf-8")


def test_text_is_kept_exactly_as_decoded(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("Line one\r\nCaf\u00e9 \u2014 1,000\r\n".encode())
    assert read_article(path) == "Line one\r\nCaf\u00e9 \u2014 1,000\r\n"


def test_folder_without_metadata_gives_unknown_dates(article_dir: Path):
    corpus = load_corpus(article_dir)
    assert list(corpus["article_id"]) == ["alpha", "beta"]
    assert corpus["published"].isna().all()
    assert (corpus["outlet"] == "").all()


def test_metadata_inside_the_folder_is_found(article_dir: Path):
    (article_dir / "articles.csv").write_text(
        "article_id,published,date_precision\nalpha,2024-01-02,day\n", encoding="utf-8"
    )
    corpus = load_corpus(article_dir).set_index("article_id")
    assert corpus.loc["alpha", "published"] == pd.Timestamp("2024-01-02")
    assert pd.isna(corpus.loc["beta", "published"])


def test_non_utf8_article_names_file_and_line(article_dir: Path):
    (article_dir / "gamma.txt").write_bytes(b"ok\nbad \xff byte\n")
    with pytest.raises(InputError, match=r"gamma\.txt: line 2: byte 0xff .* not UTF-8"):
        load_corpus(article_dir)


def test_empty_article_is_refused_when_strict(article_dir: Path):
    (article_dir / "gamma.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gamma\.txt: empty article"):
        load_corpus(article_dir, strict=True)
    assert list(load_corpus(article_dir)["article_id"]) == ["alpha", "beta"]


def test_metadata_row_naming_a_missing_file(article_dir: Path, tmp_path: Path):
    metadata = tmp_path / "meta.csv"
    metadata.write_text(HEADER + "alpha,,,,,,,\nghost,,,,,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"meta\.csv: line 3: article_id 'ghost' .*ghost\.txt"):
        load_corpus(article_dir, metadata)


def test_duplicate_ids_in_metadata(article_dir: Path, tmp_path: Path):
    metadata = tmp_path / "meta.csv"
    metadata.write_text(HEADER + "alpha,,,,,,,\nalpha,,,,,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3 \(article_id='alpha'\).*unique"):
        load_corpus(article_dir, metadata)


def test_duplicate_ids_in_folder(article_dir: Path):
    (article_dir / "alpha.TXT").write_text("More text.", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate article id 'alpha'"):
        load_corpus(article_dir)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("alpha,,,2024/01/02,day,,,", r"line 2 .*'published'.*ISO date"),
        ("alpha,,,2024-02-30,day,,,", r"line 2 .*'published'.*ISO date"),
        ("alpha,,,2024-01-02,fortnight,,,", r"'date_precision'.*one of day"),
        ("alpha,,,,,,no_such_event,", r"'event_id'.*listed in .*data/events\.csv"),
        (
            "alpha,,,2024-01-02,,,,",
            r"line 2 .*column 'date_precision' is empty but published is '2024-01-02'",
        ),
        ("alpha,,,,week,,,", r"line 2 .*column 'published' is empty but date_precision is 'week'"),
    ],
)
def test_bad_metadata_values_are_named(article_dir: Path, tmp_path: Path, row: str, message: str):
    metadata = tmp_path / "meta.csv"
    metadata.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_corpus(article_dir, metadata)


def test_missing_folder_and_missing_metadata_file(tmp_path: Path, article_dir: Path):
    with pytest.raises(InputError, match=r"seeds_dir .*not a folder"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(InputError, match=r"metadata_path .*no such file"):
        load_corpus(article_dir, tmp_path / "nope.csv")
    with pytest.raises(InputError, match=r"no .txt files"):
        load_corpus(tmp_path / "articles" / ".." / "..")


def test_cli_reports_bad_input_in_one_line_and_exits_2(article_dir: Path, tmp_path, capsys):
    (article_dir / "gamma.txt").write_bytes(b"\xfe\xff")
    out = tmp_path / "out"
    status = cli.main(["reports", "--seeds", str(article_dir), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "gamma.txt" in err
    assert not out.exists()


def test_metadata_saved_by_a_spreadsheet_with_a_byte_order_mark(article_dir: Path):
    (article_dir / "articles.csv").write_bytes(
        "\ufeffarticle_id,published,date_precision\nalpha,2024-01-02,day\n".encode()
    )
    corpus = load_corpus(article_dir).set_index("article_id")
    assert corpus.loc["alpha", "published"] == pd.Timestamp("2024-01-02")


def test_a_label_with_an_unquoted_comma_names_the_line_and_the_fix(tmp_path: Path):
    events = tmp_path / "events.csv"
    events.write_text(
        "event_id,label,start,end,description\n"
        "ev,Camp at the bridge, Villa Sur (across from Fairview, Texas),2030-03-04,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"events\.csv: line 2: 7 fields, expected 5 .*quotes"):
        load_events(events)
