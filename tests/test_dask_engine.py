"""``--engine dask``: the same rows as the default engine, on a LocalCluster of two workers, and
reconciliation that groups claims extracted in different partitions."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from caravan_claims import atomic, cli, corpus, engine, pipeline, synth

pytest.importorskip("dask.distributed")

N_ARTICLES = 2_000


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local:  # fmt: skip
        yield local


@pytest.mark.slow
def test_dask_gives_the_rows_of_the_default_engine(tmp_path: Path, cluster):
    """The engines compared where they differ: every batch's tables (claims, numbers left out,
    denials, wire agencies) in order; copies, grouping and reconciliation run on them after."""
    source = synth.write_jsonl(tmp_path / "articles.jsonl", N_ARTICLES, 11)
    results = {}
    for name, options in (("local", {}), ("dask", {"scheduler": cluster.scheduler_address})):
        batches = corpus.stream(source).batches(100)
        results[name] = list(engine.run(batches, name, **options))
    assert len(results["dask"]) == len(results["local"]) == N_ARTICLES // 100
    for on_dask, local in zip(results["dask"], results["local"], strict=True):
        for table in ("claims", "rejected", "denials"):
            pd.testing.assert_frame_equal(getattr(on_dask, table), getattr(local, table))
        assert on_dask.wires == local.wires
    assert sum(len(r.claims) for r in results["dask"]) > N_ARTICLES
    workers = {r.pid for r in results["dask"]}
    assert len(workers) == 2 and os.getpid() not in workers  # both workers of the cluster


def test_the_cli_on_dask_writes_what_the_default_engine_writes(tmp_path: Path, cluster):
    source = synth.write_jsonl(tmp_path / "articles.jsonl", 150, 5)
    tables = {}
    for name in ("local", "dask"):
        paths = [tmp_path / name / table for table in ("claims.csv", "rejected.csv", "denials.csv")]
        args = ["extract", str(source), "-o", str(paths[0]), "--rejected", str(paths[1]),
                "--denials", str(paths[2]), "--engine", name, "--batch-size", "20"]  # fmt: skip
        if name == "dask":
            args += ["--scheduler", cluster.scheduler_address]
        assert cli.main(args) == 0
        tables[name] = [path.read_bytes() for path in paths]
    assert tables["dask"] == tables["local"]


def test_grouping_and_copies_work_across_partitions(tmp_path: Path, cluster):
    """One article per partition: a wire story and its copies land on different workers, yet
    each copy points to its original and every claim is reconciled as in one process."""
    folder = tmp_path / "articles"
    folder.mkdir()
    story = (
        "About 7,000 migrants left Tapachula on Monday, the Associated Press reported. "
        "Border agents recorded 2,400 apprehensions a day in November, officials said.\n"
    )
    for name, extra in (("a", ""), ("b", "Local officials prepared shelters.\n"), ("c", "")):
        (folder / f"{name}.txt").write_text(story + extra, encoding="utf-8")
    (folder / "articles.csv").write_text(
        "article_id,published,date_precision\na,2024-01-02,day\nb,2024-01-03,day\n"
        "c,2024-01-04,day\n",
        encoding="utf-8",
    )
    local = pipeline.run(folder, workers=1)
    on_dask = pipeline.run(folder, engine="dask", scheduler=cluster.scheduler_address,
                           batch_size=1, texts=False)  # fmt: skip
    for name in ("claims", "rejected", "denials", "quantities", "reconciled", "checks"):
        assert atomic.to_csv_text(getattr(on_dask, name)) == atomic.to_csv_text(
            getattr(local, name)
        ), name
    copies = on_dask.claims.set_index("claim_id")["copy_of"]
    assert copies["b:0"] == "a:0" and copies["c:0"] == "a:0"
    sizes = on_dask.quantities.set_index("claim_id")["quantity_id"]
    assert sizes["a:0"] == sizes["b:0"] == sizes["c:0"]


def test_dask_without_a_scheduler_starts_a_local_cluster(tmp_path: Path):
    source = synth.write_jsonl(tmp_path / "articles.jsonl", 60, 3)
    stream = corpus.stream(source)
    extracted = pipeline.extract_stream(stream, engine="dask", workers=2, batch_size=20)
    reference = pipeline.extract_all(corpus.load_corpus(source))
    assert atomic.to_csv_text(extracted.claims) == atomic.to_csv_text(reference[0])
