"""Wire copies are looked for within a window of publication dates (``copy_window_days``): a
copy republished within it points to its original, one republished later does not, the index
holds only the window's sentences, and the result is the same for any batch size or workers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from caravan_claims import copies, pipeline

WIRE = (
    "Some 6,500 migrants rested in the main square of Huixtla on Thursday after a long walk, "
    "police said."
)


def claim(article: str, sentence: str = WIRE, quote: str = "Some 6,500 migrants") -> dict:
    start = sentence.index(quote)
    return {"claim_id": f"{article}:{start}", "article_id": article, "start": start,
            "end": start + len(quote), "quote": quote, "low": 6500.0, "high": 6500.0,
            "qualifier": "approx", "sentence_start": 0, "sentence": sentence}  # fmt: skip


def corpus_of(dates: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": list(dates), "outlet": [""] * len(dates),
         "published": pd.to_datetime(list(dates.values()))}
    )  # fmt: skip


def test_a_copy_within_the_window_is_found_one_beyond_it_is_not():
    """The window is the README's: wire copies are republished within days or weeks, so the
    same sentence months later is a new report (an anniversary piece, a recap), not a copy."""
    trimmed = "HUIXTLA (Wire) - " + WIRE.replace("police said", "police told Wire reporters")
    claims = pd.DataFrame(
        [claim("wire"), claim("week"), claim("trimmed", trimmed), claim("months")]
    )
    corpus = corpus_of({"wire": "2024-01-02", "week": "2024-01-09", "trimmed": "2024-03-30",
                        "months": "2024-08-01"})  # fmt: skip
    found = copies.find_copies(claims, corpus, window_days=90)
    assert found == {"week:0": "wire:0", "trimmed:17": "wire:0"}
    # Without a window, every later repeat is a copy of the first.
    unbounded = copies.find_copies(claims, corpus, window_days=None)
    assert unbounded == {"week:0": "wire:0", "trimmed:17": "wire:0", "months:0": "wire:0"}


def test_a_sentence_repeated_within_the_window_keeps_its_chain_alive():
    """Each repeat within the window of the one before keeps the chain: copy_of is its first."""
    claims = pd.DataFrame([claim("a"), claim("b"), claim("c"), claim("d")])
    corpus = corpus_of({"a": "2024-01-01", "b": "2024-03-01", "c": "2024-05-01",
                        "d": "2024-12-01"})  # fmt: skip
    found = copies.find_copies(claims, corpus, window_days=90)
    assert found == {"b:0": "a:0", "c:0": "a:0"}


def test_undated_articles_are_compared_with_the_last_window_and_each_other():
    claims = pd.DataFrame([claim("old"), claim("recent"), claim("undated1"), claim("undated2")])
    corpus = corpus_of({"old": "2023-01-01", "recent": "2024-01-01", "undated1": None,
                        "undated2": None})  # fmt: skip
    found = copies.find_copies(claims, corpus, window_days=90)
    assert found == {"undated1:0": "recent:0", "undated2:0": "recent:0"}
    alone = copies.find_copies(
        pd.DataFrame([claim("undated1"), claim("undated2")]),
        corpus_of({"undated1": None, "undated2": None}),
    )
    assert alone == {"undated2:0": "undated1:0"}


def test_the_index_holds_only_the_sentences_of_the_window():
    """A thousand days of distinct sentences, several a day: the index never holds more than
    the sentences published within the window of the one being matched."""
    rows, dates = [], {}
    day0 = pd.Timestamp("2020-01-01")
    for day in range(1000):
        for k in range(3):
            article = f"d{day:04d}-{k}"
            sentence = (f"On day {day} reporter {k} counted some {day * 10 + k + 7} migrants "
                        f"near landmark {day}-{k} beside road {k * day}.")  # fmt: skip
            rows.append(claim(article, sentence, f"some {day * 10 + k + 7} migrants"))
            dates[article] = str((day0 + pd.Timedelta(days=day)).date())
    rows.append(claim("late-copy", rows[0]["sentence"], rows[0]["quote"]))
    dates["late-copy"] = "2022-09-01"
    claims = pd.DataFrame(rows)
    finder = copies.CopyFinder(window_days=10)
    finder.add(copies.sketch_sentences(claims))
    finder.add_figures(claims)
    found = finder.find(corpus_of(dates))
    assert found == {}  # the only repeat is far beyond the window
    assert 0 < finder.most_indexed <= 3 * 11 + 1


def write_folder(folder: Path) -> Path:
    folder.mkdir()
    story = "About 7,000 migrants left Tapachula on Monday, the Associated Press reported.\n"
    other = "Border agents recorded 2,400 apprehensions a day in November, officials said.\n"
    dates = ["2024-01-02", "2024-01-20", "2024-06-01", "2024-06-03", "", "2023-12-30", ""]
    lines = ["article_id,published,date_precision"]
    for number, date in enumerate(dates):
        text = (story if number % 2 == 0 else other) + f"Local note {number}: 12 shelters.\n"
        (folder / f"a{number}.txt").write_text(text + story, encoding="utf-8")
        lines.append(f"a{number},{date},{'day' if date else ''}")
    (folder / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("batch_size", "workers"), [(1, 1), (2, 2), (3, 1), (64, 2)])
def test_the_copies_are_the_same_for_any_batch_size_or_workers(tmp_path, batch_size, workers):
    from caravan_claims import corpus

    folder = write_folder(tmp_path / "articles")
    reference = tmp_path / "reference.csv"
    pipeline.extract_to_files(corpus.stream(folder), reference, workers=1, batch_size=100,
                              copy_window_days=30)  # fmt: skip
    target = tmp_path / "claims.csv"
    pipeline.extract_to_files(corpus.stream(folder), target, workers=workers,
                              batch_size=batch_size, copy_window_days=30)  # fmt: skip
    assert target.read_bytes() == reference.read_bytes()
    claims = pd.read_csv(reference, keep_default_na=False).set_index("claim_id")["copy_of"]
    # a2 and a3 (June) copy neither a0 nor a1 (January): beyond 30 days; a3 copies a2.
    assert claims[claims.index.str.startswith("a3:")].str.startswith("a2:").any()
    assert (
        not claims[claims.index.str.startswith(("a2:", "a3:"))].str.startswith(("a0", "a1")).any()
    )
    streamed = pipeline.extract_stream(corpus.stream(folder), workers=workers,
                                       batch_size=batch_size, copy_window_days=30)  # fmt: skip
    assert streamed.claims.set_index("claim_id")["copy_of"].to_dict() == claims.to_dict()
