"""Reports that did not change are not re-run: same notebook, parameters and inputs (content
hashes kept beside the reports) → the report on disk is kept; any change, or --force, re-runs."""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from caravan_claims import cli, reports
from caravan_claims.errors import NotebookFailed

pytestmark = pytest.mark.slow


def write_notebooks(folder: Path, body: str = "print(2 + 2)") -> Path:
    folder.mkdir(exist_ok=True)
    for name in ("01_first", "02_second"):
        notebook = new_notebook(cells=[
            new_markdown_cell(f"# {name}\n\nA trivial report."),
            new_code_cell("seeds_dir = None", metadata={"tags": ["parameters"]}),
            new_code_cell(body),
        ])  # fmt: skip
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}  # fmt: skip
        nbformat.write(notebook, folder / f"{name}.ipynb")
    return folder


def run(notebooks: Path, out: Path, inputs: str | None, seeds: str = "x", **options):
    jobs = reports.plan_jobs(reports.discover_notebooks(notebooks), {"seeds_dir": seeds},
                             lambda name: [])  # fmt: skip
    return reports.run_reports(jobs, out, log=lambda line: None, inputs=inputs, **options)


def test_unchanged_reports_are_kept_and_changes_rerun(tmp_path: Path, monkeypatch):
    notebooks, out = write_notebooks(tmp_path / "nb"), tmp_path / "out"
    first = run(notebooks, out, "inputs-1")
    assert sorted(first.seconds) == ["01_first", "02_second"] and first.reused == []
    pages = {p.name: p.read_bytes() for p in out.glob("*.html")}

    executed: list[str] = []
    execute = reports.execute

    def counting(job, *args, **kwargs):
        executed.append(job.output_name)
        return execute(job, *args, **kwargs)

    monkeypatch.setattr(reports, "execute", counting)
    again = run(notebooks, out, "inputs-1")
    assert executed == [] and sorted(again.reused) == ["01_first", "02_second"]
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == pages

    for change in ({"inputs": "inputs-2"}, {"seeds": "y"}, {"force": True}):
        executed.clear()
        options = {"inputs": "inputs-1", **change}
        run(notebooks, out, options.pop("inputs"), **options)
        assert sorted(executed) == ["01_first", "02_second"], change
        run(notebooks, out, "inputs-1")  # back to the first state

    write_notebooks(notebooks, body="print(3 + 3)")
    executed.clear()
    run(notebooks, out, "inputs-1")
    assert sorted(executed) == ["01_first", "02_second"]  # the notebooks changed

    executed.clear()
    (out / "02_second.html").write_text("edited by hand", encoding="utf-8")
    run(notebooks, out, "inputs-1")
    assert executed == ["02_second"]  # a report edited on disk is made again
    assert "edited by hand" not in (out / "02_second.html").read_text(encoding="utf-8")


def test_without_an_inputs_hash_every_report_runs(tmp_path: Path):
    notebooks, out = write_notebooks(tmp_path / "nb"), tmp_path / "out"
    run(notebooks, out, "inputs-1")
    result = run(notebooks, out, None)
    assert result.reused == [] and len(result.seconds) == 2
    assert not (out / reports.HASHES_FILE).exists()


def test_reports_run_in_parallel_give_the_same_pages(tmp_path: Path):
    notebooks = write_notebooks(tmp_path / "nb")
    run(notebooks, tmp_path / "one", None)
    run(notebooks, tmp_path / "two", None, workers=2)
    for page in (tmp_path / "one").glob("*.html"):
        assert page.read_bytes() == (tmp_path / "two" / page.name).read_bytes()


LIBRARY = """\
import warnings


def warn():
    warnings.warn("a library's warning, shown once per kernel unless forgotten")
"""
LITTERING = """\
import os, warnings
import matplotlib
import matplotlib.pyplot as plt
import library
leftover = 1
library.warn()
warnings.simplefilter("ignore")
matplotlib.rcParams["lines.linewidth"] = 9
plt.figure()
os.chdir(os.path.expanduser("~"))
"""
LOOKING = """\
import os
import matplotlib
import matplotlib.pyplot as plt
import library
print("leftover" in globals(), os.path.basename(os.getcwd()), len(plt.get_fignums()))
print(matplotlib.rcParams["lines.linewidth"], get_ipython().execution_count)
library.warn()
"""


def test_a_kept_kernel_is_left_as_a_new_one_would_be(tmp_path: Path):
    """One worker keeps its kernel for both notebooks; what the first leaves (a variable, a
    warning already shown, a warning filter, a plot setting, an open figure, another working
    folder) must not reach the second, whose page equals the one a new kernel makes."""
    notebooks = tmp_path / "nb"
    write_notebooks(notebooks, LOOKING)
    (notebooks / "library.py").write_text(LIBRARY, encoding="utf-8")
    first = nbformat.read(notebooks / "01_first.ipynb", as_version=4)
    first.cells[2].source = LITTERING
    nbformat.write(first, notebooks / "01_first.ipynb")
    kept = run(notebooks, tmp_path / "kept", None, workers=1)
    fresh = run(notebooks, tmp_path / "fresh", None, workers=1, fresh_kernels=True)
    assert sorted(kept.seconds) == sorted(fresh.seconds) == ["01_first", "02_second"]
    second = (tmp_path / "kept" / "02_second.html").read_text(encoding="utf-8")
    assert second == (tmp_path / "fresh" / "02_second.html").read_text(encoding="utf-8")
    assert "False nb 0" in second and "shown once per kernel" in second


def test_a_kept_kernel_connects_once_for_all_its_notebooks(tmp_path: Path, monkeypatch):
    """A new kernel client waits for the kernel to be ready (0.2 s of quiet on its output
    channel): the kept kernel's client is made once and serves every notebook after."""
    made = []
    new_client = reports.SocketFileKernelManager.client

    def counted(self, **kwargs):
        made.append(1)
        return new_client(self, **kwargs)

    monkeypatch.setattr(reports.SocketFileKernelManager, "client", counted)
    result = run(write_notebooks(tmp_path / "nb"), tmp_path / "out", None, workers=1)
    assert sorted(result.seconds) == ["01_first", "02_second"]
    assert len(made) == 1


def test_a_failing_notebook_stops_the_kept_kernels_run_and_names_its_cell(tmp_path: Path):
    notebooks = write_notebooks(tmp_path / "nb", "raise ValueError('broken on purpose')")
    with pytest.raises(NotebookFailed, match=r"01_first.ipynb: cell 4 .*broken on purpose"):
        run(notebooks, tmp_path / "out", None, workers=1)
    assert not list((tmp_path / "out").glob("*.html"))


def test_the_inputs_hash_follows_the_articles(article_dir: Path):
    def digest() -> str:
        args = argparse.Namespace(seeds_dir=article_dir, metadata_path=None, events_path=None)
        return cli._inputs_digest(args)

    before = digest()
    assert digest() == before
    (article_dir / "alpha.txt").write_text("About 3,100 migrants left.\n", encoding="utf-8")
    assert digest() != before


def test_progress_shows_only_on_a_terminal_outside_ci(monkeypatch):
    from caravan_claims import engine

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert engine.progress_enabled() is True
    monkeypatch.setenv("CI", "true")
    assert engine.progress_enabled() is False
    monkeypatch.delenv("CI")
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert engine.progress_enabled() is False
    assert engine.progress_enabled(True) is True


def test_a_run_whose_reports_are_all_unchanged_does_not_read_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The plan a run keeps (which events, their labels and notes, the inputs it skipped) lets a
    run on the same inputs skip the extraction; any change to the articles reads them again."""
    from caravan_claims import corpus

    seeds = tmp_path / "articles"
    seeds.mkdir()
    (seeds / "a.txt").write_text("About 3,000 migrants left Tapachula on Monday.\n", "utf-8")
    (seeds / "b.txt").write_text("", encoding="utf-8")  # skipped: the index names it
    (seeds / "articles.csv").write_text("article_id,event_id\na,ev\nb,ev\n", encoding="utf-8")
    (seeds / "events.csv").write_text(
        "event_id,label,start,end,description\nev,An event,,,\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    command = ["reports", "--seeds", str(seeds), "--out", str(out), "--workers", "1"]
    assert cli.main(command) == 0
    pages = {p.name: p.read_bytes() for p in out.glob("*.html")}
    assert "03_reconcile_ev.html" in pages and b"b.txt" in pages["index.html"]

    read = corpus.stream

    def not_read(*args, **kwargs):
        raise AssertionError("the corpus was read although nothing changed")

    monkeypatch.setattr(corpus, "stream", not_read)
    assert cli.main(command) == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == pages

    streamed: list[int] = []

    def counted(*args, **kwargs):
        streamed.append(1)
        return read(*args, **kwargs)

    monkeypatch.setattr(corpus, "stream", counted)
    assert cli.main([*command, "--force"]) == 0
    (seeds / "a.txt").write_text("About 3,500 migrants left Tapachula on Monday.\n", "utf-8")
    assert cli.main(command) == 0
    assert streamed == [1, 1]
    assert b"3,500" in (out / "03_reconcile_ev.html").read_bytes()


def test_a_kept_plan_is_used_only_for_the_inputs_and_parameters_it_was_made_from(tmp_path: Path):
    plan = reports.KeptPlan({"event_id": [("ev", "An event", "caravan size: agree (10)")]}, ["w"])
    reports.save_plan(tmp_path, "inputs-1", {"seeds_dir": None, "strict": False}, plan)
    assert reports.load_plan(tmp_path, "inputs-1", {"seeds_dir": None, "strict": False}) == plan
    assert reports.load_plan(tmp_path, "inputs-2", {"seeds_dir": None, "strict": False}) is None
    assert reports.load_plan(tmp_path, "inputs-1", {"seeds_dir": None, "strict": True}) is None
    (tmp_path / reports.PLAN_FILE).write_text('{"inputs": "inputs-1", "values": 3}', "utf-8")
    assert reports.load_plan(tmp_path, "inputs-1", {"seeds_dir": None}) is None


def test_a_kept_kernel_sets_its_imports_apart_from_the_garbage_collector(tmp_path: Path):
    """After the warm-up imports, ``gc.freeze``: the full collection before each report no
    longer scans pandas' and matplotlib's objects (0.17 s a report before)."""
    body = "import gc\nprint('frozen:', gc.get_freeze_count() > 0)"
    notebooks = write_notebooks(tmp_path / "nb", body)
    run(notebooks, tmp_path / "out", None, workers=1)
    assert "frozen: True" in (tmp_path / "out" / "02_second.html").read_text(encoding="utf-8")
