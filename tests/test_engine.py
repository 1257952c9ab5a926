"""Extraction on every core, in batches, from a folder or one file of articles: the same bytes
as one process reading the whole corpus, whatever the workers, batch size or corpus format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import psutil
import pytest

from caravan_claims import atomic, cli, corpus, engine, pipeline, synth

N_ARTICLES = 400


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.write_jsonl(tmp_path_factory.mktemp("corpus") / "articles.jsonl", N_ARTICLES, 7)


@pytest.fixture(scope="module")
def reference(jsonl: Path) -> list[str]:
    """The tables of the plain single-process path: one corpus table, the public functions."""
    return [atomic.to_csv_text(t) for t in pipeline.extract_all(corpus.load_corpus(jsonl))]


def tables_of(extraction: pipeline.Extraction) -> list[str]:
    return [atomic.to_csv_text(t) for t in (extraction.claims, extraction.rejected,
                                            extraction.denials)]  # fmt: skip


def test_a_process_pool_gives_the_bytes_of_one_process(jsonl, reference):
    pids: set[int] = set()
    run = engine.run

    def recording(*args, **kwargs):
        for result in run(*args, **kwargs):
            pids.add(result.pid)
            yield result

    pool = pytest.MonkeyPatch()
    pool.setattr(engine, "run", recording)
    try:
        extracted = pipeline.extract_stream(corpus.stream(jsonl), workers=2, batch_size=37)
    finally:
        pool.undo()
    assert pids and os.getpid() not in pids, "the batches ran in worker processes"
    assert tables_of(extracted) == reference
    assert reference[0].count("\n") > N_ARTICLES  # figures were found, so equality means something


def test_one_worker_and_any_batch_size_give_the_same_bytes(jsonl, reference):
    for batch_size in (1_000, 9):
        extracted = pipeline.extract_stream(corpus.stream(jsonl), workers=1, batch_size=batch_size)
        assert tables_of(extracted) == reference


def test_batches_in_flight_are_bounded(jsonl):
    """Memory is bounded by the batch: the engine never reads far ahead of what it hands back."""
    stream = corpus.stream(jsonl)
    read, ahead = 0, []

    def reading():
        nonlocal read
        for batch in stream.batches(10):
            read += 1
            yield batch

    for returned, _ in enumerate(engine.run(reading(), workers=2), start=1):
        ahead.append(read - returned)
    assert len(ahead) == N_ARTICLES // 10
    assert max(ahead) <= 2 * engine.IN_FLIGHT_PER_WORKER


def test_a_folder_and_a_jsonl_file_of_the_same_articles_give_the_same_claims(tmp_path, jsonl):
    folder = synth.write_folder(tmp_path / "folder", N_ARTICLES, 7)
    out = {}
    for name, source in (("folder", folder), ("file", jsonl)):
        out[name] = tmp_path / f"{name}.csv"
        assert cli.main(["extract", str(source), "-o", str(out[name]), "--workers", "2",
                         "--batch-size", "50"]) == 0  # fmt: skip
    assert out["folder"].read_bytes() == out["file"].read_bytes()


def test_the_cli_writes_what_one_process_writes(tmp_path, jsonl, reference):
    names = ["claims.csv", "rejected.csv", "denials.csv"]
    for workers in ("1", "2"):
        folder = tmp_path / workers
        paths = [folder / name for name in names]
        args = ["extract", str(jsonl), "-o", str(paths[0]), "--rejected", str(paths[1]),
                "--denials", str(paths[2]), "--workers", workers, "--batch-size", "64"]  # fmt: skip
        assert cli.main(args) == 0
        assert [p.read_text(encoding="utf-8") for p in paths] == reference


def test_no_worker_process_outlives_the_extraction_it_served(tmp_path, jsonl):
    """Copy detection runs after the pool: the workers and the fork server they came from are
    gone by then, so their memory is not held beside its index."""
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    pipeline.extract_to_files(
        corpus.stream(jsonl), tmp_path / "claims.csv", workers=2, batch_size=64
    )
    left = [
        child.cmdline()
        for child in psutil.Process().children(recursive=True)
        if child.pid not in before and "resource_tracker" not in " ".join(child.cmdline())
    ]
    assert left == []


def test_an_interrupted_run_leaves_no_table_and_can_be_rerun(tmp_path, jsonl, monkeypatch):
    calls = 0
    extract_batch = engine.extract_batch

    def interrupted(batch):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return extract_batch(batch)

    monkeypatch.setattr(engine, "extract_batch", interrupted)
    out = tmp_path / "out"
    args = ["extract", str(jsonl), "-o", str(out / "claims.csv"), "--rejected",
            str(out / "rejected.csv"), "--workers", "1", "--batch-size", "50"]  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        cli.main(args)
    assert calls == 3
    assert list(out.iterdir()) == []  # no table, no temporary file, no spill folder
    monkeypatch.setattr(engine, "extract_batch", extract_batch)
    assert cli.main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv", "rejected.csv"]


def test_parquet_in_and_out(tmp_path, jsonl, reference):
    pytest.importorskip("pyarrow")
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    source = tmp_path / "articles.parquet"
    pd.DataFrame(records).to_parquet(source, index=False)
    target = tmp_path / "claims.parquet"
    assert cli.main(["extract", str(source), "-o", str(target), "--batch-size", "64"]) == 0
    assert atomic.to_csv_text(pd.read_parquet(target)) == reference[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("not json", "line 2: not JSON"),
        ('{"article_id": "a", "text": "5 migrants."}', "line 2: duplicate article id 'a'"),
        ('{"text": "5 migrants."}', "line 2: no article_id"),
        ('{"article_id": "b", "text": 5}', "line 2: article 'b': expected its text as a string"),
        ('{"article_id": "b", "text": "x", "published": "2024-13-01", "date_precision": "day"}',
         "line 2 (article_id='b'): column 'published'"),
    ],
)  # fmt: skip
def test_a_bad_record_is_one_line_naming_its_line(tmp_path, capsys, line, expected):
    source = tmp_path / "articles.jsonl"
    source.write_text('{"article_id": "a", "text": "About 300 migrants left."}\n' + line + "\n",
                      encoding="utf-8")  # fmt: skip
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "c.csv")]) == 2
    error = capsys.readouterr().err
    assert expected in error, error
    assert not (tmp_path / "c.csv").exists()


def test_empty_records_are_skipped_with_a_warning_unless_strict(tmp_path, capsys):
    source = tmp_path / "articles.jsonl"
    source.write_text('{"id": "a", "text": "About 300 migrants left."}\n{"id": "b", "text": " "}\n',
                      encoding="utf-8")  # fmt: skip
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "c.csv")]) == 0
    assert "articles.jsonl:2: skipped: empty article" in capsys.readouterr().err
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "d.csv"), "--strict"]) == 2


def test_reconciliation_reads_no_article_text(tmp_path, jsonl):
    with_text = pipeline.run(jsonl, workers=1)
    without = pipeline.run(jsonl, workers=2, batch_size=50, texts=False)
    assert "text" in with_text.corpus.columns and "text" not in without.corpus.columns
    for name in ("claims", "quantities", "reconciled", "checks"):
        pd.testing.assert_frame_equal(getattr(with_text, name), getattr(without, name))
    assert len(without.reconciled) > 0


def test_an_output_may_not_overwrite_the_corpus_file(tmp_path, jsonl, capsys):
    assert cli.main(["extract", str(jsonl), "-o", str(jsonl)]) == 2
    assert "is an input of this run" in capsys.readouterr().err
