"""The stages after extraction grow linearly too: statement types, wire copies, roles, grouping and
reconciliation on a hostile article ten times longer take about ten times as long, and the claims
table stays linear in size (a sentence of tens of thousands of characters is kept as the window
around each figure, not copied whole into every row).

Assertions are on ratios measured in one run, not on wall-clock limits."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from caravan_claims import extract, pipeline

SMALL, LARGE = 200, 2_000
MAX_RATIO = 3.0
UNITS = {
    "one endless sentence of figures": "about 5 migrants left, ",
    "denials and quotations": '"They denied the numbers," she said of the 20,000 in the caravan. ',
}


def write_corpus(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")  # a copy of every sentence
    (folder / "articles.csv").write_text(
        "article_id,published,date_precision,event_id\na,2024-01-02,day,ev\nb,2024-01-03,day,ev\n",
        encoding="utf-8",
    )
    (folder / "events.csv").write_text(
        "event_id,label,start,end,description\nev,A caravan,2024-01-01,,\n", encoding="utf-8"
    )
    return folder


def seconds_per_unit(tmp_path: Path, unit: str, repeats: int) -> float:
    folder = write_corpus(tmp_path / f"n{repeats}", unit * repeats)
    gc.collect()
    started = time.perf_counter()
    pipeline.run(folder)
    return (time.perf_counter() - started) / repeats


@pytest.mark.parametrize("kind", UNITS, ids=list(UNITS))
def test_the_whole_pipeline_grows_linearly(tmp_path: Path, kind: str):
    small = seconds_per_unit(tmp_path, UNITS[kind], SMALL)
    large = seconds_per_unit(tmp_path, UNITS[kind], LARGE)
    assert large / small < MAX_RATIO, (
        f"{kind}: {small * 1e3:.2f} ms → {large * 1e3:.2f} ms per unit"
    )


def test_long_sentences_are_kept_as_windows_so_tables_stay_linear():
    text = "5 migrants, " * 5_000
    claims, _ = extract.extract_text(text, "x", None)
    assert len(claims) == 5_000
    assert max(len(c.sentence) for c in claims) <= 2 * extract.SENTENCE_WINDOW + 20
    for claim in claims[::97]:
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end
