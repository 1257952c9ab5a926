"""The report runner end to end: real notebooks, papermill, nbconvert (slow)."""

import hashlib
import re
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest
from conftest import ROOT
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from caravan_claims import reports
from caravan_claims.errors import InputError

pytestmark = pytest.mark.slow

NETWORK_LOAD = re.compile(
    r"""(?:src|href|action|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.I,
)


def output_images(page: str) -> int:
    """Images a notebook cell rendered (the template's CSS holds icons of its own)."""
    return page.count('class="jp-RenderedImage jp-OutputArea-output"')


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run(out: Path, seeds: Path | None = None, notebooks_dir: Path | None = None) -> None:
    params = {
        "seeds_dir": str(seeds) if seeds else None,
        "metadata_path": None,
        "events_path": None,
    }
    jobs = reports.plan_jobs(reports.discover_notebooks(notebooks_dir), params, lambda name: [])
    reports.run_reports(jobs, out, log=lambda line: None)


@pytest.fixture(scope="module")
def bundled_reports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    from caravan_claims import cli

    assert cli.main(["reports", "--out", str(out)]) == 0
    return out


def test_index_links_every_report(bundled_reports: Path):
    names = {p.name for p in bundled_reports.glob("*.html")}
    assert not any(p.name.startswith(".staging") for p in bundled_reports.iterdir())
    assert {"index.html", "01_corpus.html", "02_figures.html", "04_border_record.html"} <= names
    assert {
        f"03_reconcile_{e}.html" for e in ("caravan_2023_12", "caravan_2019_03_mother")
    } <= names
    index = (bundled_reports / "index.html").read_text(encoding="utf-8")
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index


def test_index_shows_each_event_status(bundled_reports: Path):
    index = (bundled_reports / "index.html").read_text(encoding="utf-8")
    assert (
        'Christmas Eve caravan, December 2023</a> <span class="note">caravan size: agree (8,000)'
        in index
    )
    assert "caravan size: disputed" in index


def test_reconcile_report_has_forest_plot_explanation_and_checks(bundled_reports: Path):
    page = (bundled_reports / "03_reconcile_caravan_2023_12.html").read_text(encoding="utf-8")
    assert output_images(page) == 2  # the caravan's forest plot and the border figures' one
    assert "The sources agree on the caravan" in page and "ICARO Media Group" in page
    assert "must not exceed encounters" in page
    assert "<mark>between 6,000 and 10,000 people</mark>" in page
    assert "counted as" in page and "the group itself: the event's main group" in page


def test_border_record_report_has_plot_and_verdicts(bundled_reports: Path):
    page = (bundled_reports / "04_border_record.html").read_text(encoding="utf-8")
    assert output_images(page) == 1
    assert "A revision, not a false claim" in page and "came true" in page
    assert "<mark>more than 190,000 apprehensions</mark>" in page


def test_figures_report_highlights_quotes_in_sentences(bundled_reports: Path):
    page = (bundled_reports / "02_figures.html").read_text(encoding="utf-8")
    assert "<mark>between 6,000 and 10,000 people</mark>" in page
    assert "why it is not a figure" in page and "Title 42" in page


def test_corpus_report_has_timeline_and_table_but_no_code(bundled_reports: Path):
    page = (bundled_reports / "01_corpus.html").read_text(encoding="utf-8")
    assert output_images(page) == 1
    assert "000_5a697cbeb227ac85" in page and "ICARO Media Group" in page
    assert "load_corpus" not in page
    assert "html_table(" not in page and 'class="jp-CodeMirrorEditor' not in page


def test_reports_load_nothing_from_the_network(bundled_reports: Path):
    for page in bundled_reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not NETWORK_LOAD.search(text), (page.name, NETWORK_LOAD.search(text))
        assert "Content-Security-Policy" in text


def test_two_runs_give_byte_identical_reports(bundled_reports: Path, tmp_path: Path):
    """The second run starts a new kernel for every notebook, one at a time: a kept kernel
    (the default) must leave nothing behind that changes the next report."""
    from caravan_claims import cli

    assert cli.main(["reports", "--out", str(tmp_path), "--fresh-kernels", "--workers", "1"]) == 0
    assert digests(tmp_path) == digests(bundled_reports)


def test_untrusted_article_text_is_escaped(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "<script>alert(1)</script> About 500 migrants.", encoding="utf-8"
    )
    (seeds / "articles.csv").write_text(
        'article_id,title\nevil,"<img src=x onerror=alert(1)>"\n', encoding="utf-8"
    )
    run(tmp_path / "out", seeds)
    page = (tmp_path / "out" / "01_corpus.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    figures = (tmp_path / "out" / "02_figures.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in figures
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figures


def test_failing_notebook_names_cell_and_leaves_reports_untouched(tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "01_corpus.ipynb", notebooks)
    broken = new_notebook(
        cells=[
            new_markdown_cell("# Broken\n\nDoes it fail?"),
            new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            new_code_cell("raise ValueError('boom')"),
        ]
    )
    broken.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(broken, notebooks / "02_broken.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous run", encoding="utf-8")
    before = digests(out)
    with pytest.raises(
        reports.NotebookFailed, match=r"02_broken\.ipynb: cell 4 .*ValueError: boom"
    ):
        run(out, notebooks_dir=notebooks)
    assert digests(out) == before
    assert list(notebooks.iterdir()) != [] and {p.name for p in notebooks.iterdir()} == {
        "01_corpus.ipynb",
        "02_broken.ipynb",
    }


def test_papermill_on_another_folder_without_metadata(article_dir: Path, tmp_path: Path):
    output = tmp_path / "o.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "01_corpus.ipynb"),
        str(output),
        parameters={"seeds_dir": str(article_dir)},
        kernel_name="python3",
        progress_bar=False,
    )
    text = output.read_text(encoding="utf-8")
    assert "2 articles" in text and "publication date known: 0 of 2" in text
    assert "unknown" in text


def test_index_says_why_a_per_event_report_was_not_run(article_dir: Path, tmp_path: Path):
    from caravan_claims import cli

    assert cli.main(["reports", "--seeds", str(article_dir), "--out", str(tmp_path)]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "not run: it runs once per event_id, and no article has one" in index
    assert not list(tmp_path.glob("03_*.html"))


def test_notebook_without_title_is_refused(tmp_path: Path):
    nbformat.write(new_notebook(cells=[new_code_cell("1")]), tmp_path / "01_x.ipynb")
    with pytest.raises(InputError, match=r"cell 1: expected a markdown cell"):
        reports.discover_notebooks(tmp_path)


def test_a_corpus_without_figures_still_gets_every_report_with_sentences(tmp_path: Path):
    from caravan_claims import cli

    seeds = tmp_path / "quiet"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "The weather was fine and nobody counted anything.\n", encoding="utf-8"
    )
    (seeds / "articles.csv").write_text("article_id,event_id\na,ev\n", encoding="utf-8")
    (seeds / "events.csv").write_text(
        "event_id,label,start,end,description\nev,An event,,,\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert cli.main(["reports", "--seeds", str(seeds), "--out", str(out)]) == 0
    assert "No figures in these articles" in (out / "02_figures.html").read_text(encoding="utf-8")
    event_page = (out / "03_reconcile_ev.html").read_text(encoding="utf-8")
    assert "The articles describe no group" in event_page
    assert "No border figure in these articles to check." in (
        out / "04_border_record.html"
    ).read_text(encoding="utf-8")


def test_parallel_kernels_talk_over_socket_files_of_their_own():
    """Kernels started side by side must not race for TCP ports (a kernel that died at start-up
    failed a CI run); each gets Unix socket files under a prefix no other kernel shares."""
    first, second = reports.SocketFileKernelManager(), reports.SocketFileKernelManager()
    assert first.transport == second.transport == "ipc"
    assert first.ip != second.ip
    assert len(f"{first.ip}-5") < 100  # the limit on a Unix socket path is about 104 bytes


def test_kernels_read_the_commands_extraction_only_while_the_articles_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import dataclasses
    import os

    from caravan_claims import corpus, pipeline

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    stream = corpus.stream(seeds)
    extraction = pipeline.extract_stream(stream, texts=True)
    marked = dataclasses.replace(extraction, claims=extraction.claims.head(1))  # tell it apart
    monkeypatch.setenv(pipeline.SHARED_EXTRACTION_ENV, str(pipeline.share_extraction(
        marked, stream, tmp_path)))  # fmt: skip
    assert len(pipeline.run(seeds).claims) == 1  # read, not extracted again
    assert len(pipeline.run().claims) == len(extraction.claims)  # other articles: extracted
    article = next(seeds.glob("*.txt"))
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    assert len(pipeline.run(seeds).claims) == len(extraction.claims)  # touched: extracted again


def test_kernels_read_the_commands_tables_only_for_the_same_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The command shares the tables it made for the index with the notebooks: a notebook run
    with the same interval rules, windows and overrides reads them; one run with other options
    groups and reconciles the shared extraction itself."""
    import dataclasses

    from caravan_claims import corpus, pipeline, reconcile

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    stream = corpus.stream(seeds)
    extraction = pipeline.extract_stream(stream, texts=True)
    tables = pipeline.from_extraction(extraction, stream, seeds)
    marked = dataclasses.replace(tables, reconciled=tables.reconciled.head(1))  # tell it apart
    key = pipeline.tables_key(seeds, None, None, 0)
    monkeypatch.setenv(pipeline.SHARED_EXTRACTION_ENV, str(pipeline.share_extraction(
        extraction, stream, tmp_path, marked, key)))  # fmt: skip
    assert len(pipeline.run(seeds).reconciled) == 1  # read, not made again
    assert "text" not in pipeline.run(seeds, texts=False).corpus.columns
    wider = reconcile.IntervalRules(approx_relative=0.2)
    assert len(pipeline.run(seeds, rules=wider).reconciled) == len(tables.reconciled)
    assert len(pipeline.run(seeds, window_days=3).reconciled) > 1
    assert len(pipeline.run(seeds, copy_window_days=None).reconciled) > 1


def test_each_claim_says_what_it_counts_and_why():
    from types import SimpleNamespace

    from caravan_claims.views import counted_as

    learned = SimpleNamespace(
        role_in_group="other_group", part_kind="", measure="caravan_size",
        role_note="learned model: other_group (probability 0.93, the rules' total 0.03)",
    )  # fmt: skip
    assert counted_as(learned) == (
        "another group: learned model: other_group (probability 0.93, the rules' total 0.03)"
    )
    part = SimpleNamespace(role_in_group="part", part_kind="unaccompanied_minors",
                           measure="caravan_size", role_note="a sub-population")  # fmt: skip
    assert counted_as(part) == "a part (unaccompanied minors): a sub-population"
    detained = SimpleNamespace(role_in_group="other_measure", part_kind="", measure="detained",
                               role_note=float("nan"))  # fmt: skip
    assert counted_as(detained) == "another count of its people (detained)"


def test_a_kept_exporter_gives_what_a_new_one_gives():
    """One HTML exporter serves every report of a run, in turn; nothing of one report may reach
    the next."""
    first = new_notebook(cells=[new_markdown_cell("# First\n\n<b>bold</b> & co."),
                                new_code_cell("1 + 1")])  # fmt: skip
    second = new_notebook(cells=[new_markdown_cell("# Second"), new_code_cell("x = 2")])
    reports._html_exporter.cache_clear()
    kept = [reports.export_html(first), reports.export_html(second)]
    assert reports._html_exporter.cache_info().misses == 1
    reports._html_exporter.cache_clear()
    assert reports.export_html(second) == kept[1]
    reports._html_exporter.cache_clear()
    assert reports.export_html(first) == kept[0] and "First" not in kept[1]


def test_reports_exported_from_several_threads_at_once_are_those_exported_one_by_one():
    from concurrent.futures import ThreadPoolExecutor

    notebooks = [
        new_notebook(cells=[new_markdown_cell(f"# Report {n}\n\n{'word ' * n}"),
                            new_code_cell(f"{n} + 1")])
        for n in range(12)
    ]  # fmt: skip
    alone = [reports.export_html(notebook) for notebook in notebooks]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(reports.export_html, notebooks)) == alone
