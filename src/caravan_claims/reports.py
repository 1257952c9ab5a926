"""Last stage — run every numbered notebook with papermill and publish self-contained HTML reports.

All reports of one run are rendered into a staging folder first; only when every notebook has
succeeded are they moved into ``reports/`` (each by an atomic rename) and the index rewritten, so a
failing run leaves ``reports/`` exactly as it was.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from jupyter_client import AsyncKernelManager
from nbconvert import HTMLExporter
from traitlets import default

from caravan_claims import atomic, escape, locks, paths
from caravan_claims.errors import InputError, NotebookFailed

KERNEL_NAME = "python3"
TEMPLATES_DIR = Path(__file__).parent / "templates"
NOTEBOOK_PATTERN = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
REPORT_FILE_PATTERN = re.compile(r"^\d\d_[A-Za-z0-9_\-]+\.html$")
# Nothing loads from anywhere but the page itself (images and fonts inline as data: URLs), no
# script runs, no form submits, and no <base> can redirect relative links.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "form-action 'none'; base-uri 'none'"
)


class SocketFileKernelManager(AsyncKernelManager):
    """A kernel that talks over Unix socket files named for it alone, not TCP ports.

    Reports run in parallel, and a TCP port the manager picks and releases for a kernel can be
    taken by another connection before that kernel binds it: the kernel then dies at start-up
    and the run fails after a minute's wait (seen in CI). Socket files cannot collide.
    """

    @default("transport")
    def _socket_files_where_possible(self) -> str:
        return "ipc" if os.name == "posix" else "tcp"

    @default("ip")
    def _socket_prefix_of_its_own(self) -> str:
        if self.transport != "ipc":
            return "127.0.0.1"
        # Unix socket paths are limited to about 100 bytes, so the prefix stays short.
        return os.path.join(tempfile.gettempdir(), f"cc-kernel-{uuid.uuid4().hex[:16]}")


@dataclass(frozen=True)
class NotebookInfo:
    """A numbered notebook: its title and question (from the opening markdown cell) and whether it
    runs once per value of a parameter (``metadata.caravan_claims.per``, e.g. ``event_id``)."""

    path: Path
    title: str
    question: str
    per: str | None

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class ReportJob:
    notebook: NotebookInfo
    parameters: dict[str, object]
    output_name: str
    label: str = ""
    note: str = ""


@dataclass
class RunResult:
    written: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)  # reports unchanged, so not re-run


HASHES_FILE = ".report-hashes.json"  # beside the reports: what each one was made from


def digest_files(files: Iterable[Path]) -> str:
    """One content hash over files (their names and bytes), in a stable order; a folder counts
    as every file under it."""
    every: set[Path] = set()
    for path in files:
        path = Path(path)
        if path.is_dir():
            every.update(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            every.add(path)
    digest = hashlib.sha256()
    for path in sorted(every, key=lambda p: str(p.resolve())):
        digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
        with path.open("rb") as data:
            for chunk in iter(lambda: data.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def job_key(job: ReportJob, inputs: str, kernel_name: str) -> str:
    """What a report is made from: its notebook's bytes, its parameters, the kernel, the inputs'
    hash (``inputs``: the articles and tables it reads, and this package's code)."""
    digest = hashlib.sha256()
    digest.update(job.notebook.path.read_bytes())
    digest.update(json.dumps(job.parameters, sort_keys=True, default=str).encode("utf-8"))
    digest.update(f"\0{kernel_name}\0{inputs}\0{job.label}\0{job.note}".encode())
    return digest.hexdigest()


def _stored_hashes(out_dir: Path) -> dict[str, dict[str, str]]:
    try:
        stored = json.loads((out_dir / HASHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _unchanged(out_dir: Path, name: str, key: str, stored: dict[str, dict[str, str]]) -> bool:
    """The report on disk was made from the same inputs and has not been touched since."""
    entry = stored.get(name)
    html = out_dir / f"{name}.html"
    if not isinstance(entry, dict) or entry.get("key") != key or not html.is_file():
        return False
    return hashlib.sha256(html.read_bytes()).hexdigest() == entry.get("html")


def discover_notebooks(notebooks_dir: Path | None = None) -> list[NotebookInfo]:
    """Every ``NN_name.ipynb`` in reading order, described by its own first markdown cell."""
    folder = notebooks_dir or paths.notebooks_dir()
    infos = []
    for path in sorted(folder.glob("*.ipynb")):
        if NOTEBOOK_PATTERN.match(path.name):
            infos.append(describe_notebook(path))
    return infos


def describe_notebook(path: Path) -> NotebookInfo:
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0] if notebook.cells else None
    if first is None or first.cell_type != "markdown":
        raise InputError(f"{path}: cell 1: expected a markdown cell opening with '# Title'")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", first.source) if p.strip()]
    if not paragraphs or not paragraphs[0].startswith("# "):
        raise InputError(f"{path}: cell 1: expected its first line to be '# Title'")
    title = paragraphs[0][2:].strip()
    question = next((p for p in paragraphs[1:] if not p.startswith("#")), "")
    per = notebook.metadata.get("caravan_claims", {}).get("per")
    return NotebookInfo(path=path, title=title, question=_plain(question), per=per)


def _plain(markdown: str) -> str:
    """Markdown emphasis and code marks removed, for a one-line summary."""
    return re.sub(r"[*_`]", "", markdown)


def export_html(notebook: nbformat.NotebookNode) -> str:
    """Self-contained HTML with code hidden: images inline, nothing fetched from the network."""
    exporter = HTMLExporter(
        template_name="caravan",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(_with_stable_cell_ids(notebook), resources={"csp": CSP})
    return body


def _with_stable_cell_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Papermill gives its injected-parameters cell a random id, which lands in the HTML; number
    the cells instead so two runs on the same inputs give byte-identical reports."""
    stable = copy.deepcopy(notebook)
    for number, cell in enumerate(stable.cells):
        cell["id"] = f"cell-{number}"
    return stable


def execute(
    job: ReportJob, workdir: Path, kernel_name: str = KERNEL_NAME, inline_plots: bool = True
) -> nbformat.NotebookNode:
    """Run one notebook with papermill into ``workdir``; :class:`NotebookFailed` names the cell.
    ``inline_plots=False``: the caller has already set the kernel's plot backend."""
    executed = workdir / f"{job.output_name}.ipynb"
    try:
        with _inline_plots() if inline_plots else nullcontext():
            papermill.execute_notebook(
                str(job.notebook.path),
                str(executed),
                parameters=job.parameters,
                kernel_name=kernel_name,
                kernel_manager_class=SocketFileKernelManager,
                cwd=str(job.notebook.path.parent),
                progress_bar=False,
                log_output=False,
            )
    except papermill.PapermillExecutionError as err:
        raise NotebookFailed(
            f"{job.notebook.path.name}: cell {err.cell_index + 1} "
            f"(execution count {err.exec_count}) raised {err.ename}: {_one_line(err.evalue)}"
        ) from None
    return nbformat.read(executed, as_version=4)


@contextmanager
def _inline_plots(kernel_env: dict[str, str] | None = None) -> Iterator[None]:
    """The kernel inherits this process's environment; a MPLBACKEND such as "Agg" there would
    keep plots out of the reports, so the kernel is given the inline backend while it runs (and
    ``kernel_env``, e.g. where the command's extraction of the corpus is shared)."""
    wanted = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", **(kernel_env or {})}
    previous = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def plan_jobs(
    notebooks: Iterable[NotebookInfo],
    parameters: dict[str, object],
    values_for: Callable[[str], list[tuple[str, str, str]]],
) -> list[ReportJob]:
    """One job per notebook, or one per value for notebooks that run per parameter.

    ``values_for(name)`` returns ``(value, label, note)`` triples for a per-parameter notebook.
    """
    jobs = []
    for info in notebooks:
        if info.per is None:
            jobs.append(ReportJob(info, dict(parameters), info.stem))
            continue
        for value, label, note in values_for(info.per):
            jobs.append(
                ReportJob(
                    info,
                    {**parameters, info.per: value},
                    f"{info.stem}_{value}",
                    label=label,
                    note=note,
                )
            )
    return jobs


def not_run(notebooks: Iterable[NotebookInfo], jobs: list[ReportJob]) -> list[NotebookInfo]:
    """Per-parameter notebooks that got no job (no article has an event_id, say)."""
    planned = {job.notebook.path for job in jobs}
    return [info for info in notebooks if info.path not in planned]


def run_reports(
    jobs: list[ReportJob],
    out_dir: Path,
    kernel_name: str = KERNEL_NAME,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    skipped: list[NotebookInfo] | None = None,
    warnings: list[str] | None = None,
    inputs: str | None = None,
    force: bool = False,
    workers: int = 1,
    kernel_env: dict[str, str] | None = None,
) -> RunResult:
    """Execute and export every job, then publish all of them and the index at once. Runs into
    the same folder take turns (:func:`locks.folder_lock`), so an index never links a report
    that another run removed.

    With ``inputs`` (a hash of everything the notebooks read, :func:`digest_files`), a report
    whose notebook, parameters and inputs are those it was made from (hashes kept in
    ``HASHES_FILE`` beside the reports) is kept, not re-run, unless ``force``. ``workers``
    notebooks run at once (each in its own kernel process), with ``kernel_env`` added to their
    environment."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = RunResult()
    with (
        locks.folder_lock(out_dir, log=log),
        tempfile.TemporaryDirectory(prefix=".staging-", dir=out_dir) as staging_name,
    ):
        staging = Path(staging_name)
        stored = _stored_hashes(out_dir)
        keys = {j.output_name: job_key(j, inputs, kernel_name) for j in jobs} if inputs else {}
        to_run = []
        for number, job in enumerate(jobs, start=1):
            key = keys.get(job.output_name)
            if key and not force and _unchanged(out_dir, job.output_name, key, stored):
                shutil.copyfile(out_dir / f"{job.output_name}.html",
                                staging / f"{job.output_name}.html")  # fmt: skip
                result.reused.append(job.output_name)
                log(f"[{number}/{len(jobs)}] {job.output_name} unchanged (not re-run)")
            else:
                to_run.append((number, job))

        def one(numbered: tuple[int, ReportJob]) -> None:
            number, job = numbered
            started = time.perf_counter()
            log(f"[{number}/{len(jobs)}] {job.output_name} ...")
            notebook = execute(job, staging, kernel_name, inline_plots=False)
            (staging / f"{job.output_name}.html").write_text(
                export_html(notebook), encoding="utf-8"
            )
            result.seconds[job.output_name] = time.perf_counter() - started
            log(
                f"[{number}/{len(jobs)}] {job.output_name} done in "
                f"{result.seconds[job.output_name]:.1f}s"
            )

        with _inline_plots(kernel_env):
            if workers > 1 and len(to_run) > 1:
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    list(pool.map(one, to_run))  # each kernel is its own process
            else:
                for numbered in to_run:
                    one(numbered)
        (staging / "index.html").write_text(
            render_index(jobs, skipped or [], warnings or []), encoding="utf-8"
        )
        result.written = _publish(staging, out_dir, [j.output_name for j in jobs])
        if keys:
            hashes = {
                name: {"key": key,
                       "html": hashlib.sha256((out_dir / f"{name}.html").read_bytes()).hexdigest()}
                for name, key in keys.items()
            }  # fmt: skip
            atomic.write_text(out_dir / HASHES_FILE, json.dumps(hashes, indent=1, sort_keys=True))
        else:
            (out_dir / HASHES_FILE).unlink(missing_ok=True)
    return result


def _publish(staging: Path, out_dir: Path, names: list[str]) -> list[Path]:
    """Move the new reports into place; remove reports a previous run made and this one did not."""
    published = []
    keep = {f"{name}.html" for name in names} | {"index.html"}
    for name in sorted(keep):
        target = out_dir / name
        with atomic.atomic_path(target) as tmp:
            shutil.copyfile(staging / name, tmp)
        published.append(target)
    for old in out_dir.glob("*.html"):
        if REPORT_FILE_PATTERN.match(old.name) and old.name not in keep:
            old.unlink(missing_ok=True)
    return published


def render_index(
    jobs: list[ReportJob],
    skipped: list[NotebookInfo] | None = None,
    warnings: list[str] | None = None,
) -> str:
    """The landing page: one line per report saying what it answers, why any notebook made
    no report, and any input file the run skipped."""
    items = []
    for job in jobs:
        info = job.notebook
        title = info.title if not job.label else f"{info.title} — {job.label}"
        note = f' <span class="note">{escape.text(job.note)}</span>' if job.note else ""
        items.append(
            f'<li><a href="{escape.text(job.output_name)}.html">{escape.text(title)}</a>{note}'
            f"<br><span>{escape.text(info.question)}</span></li>"
        )
    for info in skipped or []:
        per = escape.text(str(info.per))
        items.append(
            f'<li>{escape.text(info.title)} <span class="note">not run: it runs once per {per}, '
            f"and no article has one (add an {per} column to articles.csv)</span></li>"
        )
    notes = "".join(f"<li>{escape.text(w)}</li>" for w in warnings or [])
    warned = f'<p class="note">Skipped inputs:</p><ul>{notes}</ul>' if notes else ""
    return INDEX_TEMPLATE.format(csp=CSP, items="\n".join(items), warnings=warned)


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>caravan-claims reports</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
li {{ margin-bottom: 1em; }}
span {{ color: #555; }}
.note {{ font-weight: bold; color: #333; }}
</style>
</head>
<body>
<h1>caravan-claims reports</h1>
<p>Figures reported by news articles about migrant caravans, each traceable to the sentence it came
from. Every report below opens offline and was generated by <code>make reports</code>.</p>
<ol>
{items}
</ol>
{warnings}
</body>
</html>
"""
