"""Last stage — run every numbered notebook with papermill and publish self-contained HTML reports.

All reports of one run are rendered into a staging folder first; only when every notebook has
succeeded are they moved into ``reports/`` (each by an atomic rename) and the index rewritten, so a
failing run leaves ``reports/`` exactly as it was.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from jupyter_client import AsyncKernelManager, KernelClient
from jupyter_core.utils import run_sync
from nbconvert import HTMLExporter
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger as papermill_logger
from traitlets import Bool, Unicode, default

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


class KeptKernelClient(PapermillNotebookClient):
    """Runs a notebook in a kernel that outlives it (papermill's client otherwise): the
    ``fresh_start`` code runs first, silently; the client's channels are closed after unless
    ``keep_channels`` (the caller then keeps ``kc`` for the next notebook)."""

    fresh_start = Unicode("").tag(config=True)
    keep_channels = Bool(False).tag(config=True)

    def papermill_execute_cells(self) -> None:
        if self.fresh_start:
            msg_id = self.kc.execute(self.fresh_start, silent=True, store_history=False)
            reply = self.wait_for_reply(msg_id)
            content = reply["content"] if reply else {"status": "no reply"}
            if content["status"] != "ok":
                problem = content.get("ename", content["status"])
                raise NotebookFailed(
                    f"{self.nb_man.nb.metadata.papermill.get('input_path', 'a notebook')}: the "
                    f"kept kernel could not be reset before cell 1: {problem}: "
                    f"{_one_line(content.get('evalue', ''))}"
                )
        super().papermill_execute_cells()

    def execute(self, **kwargs: object) -> nbformat.NotebookNode:
        try:
            return super().execute(**kwargs)
        finally:
            if self.kc is not None and not self.owns_km and not self.keep_channels:
                self.kc.stop_channels()
                self.kc = None


class KeptKernelEngine(NBClientEngine):
    """Papermill's nbclient engine with :class:`KeptKernelClient`: pass ``km`` (a kernel
    manager whose kernel stays up between notebooks) and ``fresh_start``."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: object,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: object = None,
        stderr_file: object = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: object,
    ) -> nbformat.NotebookNode:
        kwargs.pop("input_path", None)
        kwargs.pop("startup_timeout", None)
        kept: KeptKernel | None = kwargs.pop("kept_kernel", None)  # type: ignore[assignment]
        timeout = execution_timeout or kwargs.pop("timeout", None)
        client = KeptKernelClient(
            nb_man,
            timeout=timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=papermill_logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            keep_channels=kept is not None,
            **kwargs,
        )
        return client.execute() if kept is None else kept.execute(client)


KEPT_KERNEL_ENGINE = "caravan-claims-kept-kernel"
papermill_engines.register(KEPT_KERNEL_ENGINE, KeptKernelEngine)


# What the bundled notebooks import, imported by each kept kernel while the run is prepared.
WARM_IMPORTS = ("pandas", "matplotlib.pyplot", "caravan_claims.pipeline", "caravan_claims.views")


class KeptKernel:
    """One kernel that runs several reports in turn, each after :mod:`kernel_reset` has undone
    what the one before left; started by :meth:`warm_up` (or else by the first notebook), shut
    down by :meth:`shutdown`. Used from one thread only (its kernel manager lives on that
    thread's event loop)."""

    def __init__(self, kernel_name: str) -> None:
        self.manager = SocketFileKernelManager(kernel_name=kernel_name)
        # Connected once and kept: a new client waits for the kernel to be ready, which costs
        # 0.2 s of quiet on its output channel each time.
        self.client: KernelClient | None = None

    def execute(self, notebook_client: KeptKernelClient) -> nbformat.NotebookNode:
        """Run ``notebook_client`` on this kernel with the kept kernel client (or a new one,
        kept after it), which a failure closes: the next notebook connects anew."""
        notebook_client.kc = self.client if self.manager.has_kernel else None
        try:
            executed = notebook_client.execute()
        except BaseException:
            self._close_client(notebook_client.kc)
            raise
        self.client = notebook_client.kc
        return executed

    def _close_client(self, client: KernelClient | None = None) -> None:
        """Stop the kept client's channels, and ``client``'s when it is another one."""
        if client is not None and client is not self.client:
            client.stop_channels()
        if self.client is not None:
            self.client.stop_channels()
        self.client = None

    def warm_up(self, cwd: Path, env: dict[str, str], imports: Iterable[str]) -> None:
        """Start the kernel and import ``imports`` in it. A failure is left for the first
        notebook to meet and report (it starts the kernel itself when none is running)."""
        code = "\n".join(
            [*(f"__import__({name!r})" for name in imports),
             '__import__("caravan_claims.kernel_reset", fromlist=["settle"]).settle()']
        )  # fmt: skip
        try:
            run_sync(self._start_and_run)(cwd, env, code)
        except Exception:  # the notebook that runs next meets the problem and names it
            self.shutdown()

    async def _start_and_run(self, cwd: Path, env: dict[str, str], code: str) -> None:
        await self.manager.start_kernel(cwd=str(cwd), env=env)
        client = self.manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            await client.execute(code, silent=True, store_history=False, reply=True, timeout=120)
        except BaseException:
            client.stop_channels()
            raise
        client.allow_stdin = False
        self.client = client

    @staticmethod
    def fresh_start_code(cwd: Path) -> str:
        return (
            '__import__("caravan_claims.kernel_reset", fromlist=["fresh_start"])'
            f".fresh_start(get_ipython(), {str(cwd)!r})"
        )

    def shutdown(self) -> None:
        self._close_client()
        if self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)


class KernelPool:
    """``workers`` threads, each driving a kernel of its own that it keeps from one notebook to
    the next (or a new kernel per notebook with ``fresh_kernels``). Opened before the jobs are
    known, so the kept kernels start, and import ``warm_imports`` (the command passes
    :data:`WARM_IMPORTS`), while the caller extracts the corpus (unless not ``start_ahead``: then
    the first notebook starts them); ``env`` is added to the kernels' environment."""

    def __init__(
        self,
        workers: int = 1,
        kernel_name: str = KERNEL_NAME,
        env: dict[str, str] | None = None,
        fresh_kernels: bool = False,
        cwd: Path | None = None,
        warm_imports: Iterable[str] = (),
        start_ahead: bool = True,
    ) -> None:
        self.workers = max(1, workers)
        self.kernel_name = kernel_name
        self.env = {**_PLOT_BACKEND, **(env or {})}
        self.fresh_kernels = fresh_kernels
        self.cwd = cwd or paths.notebooks_dir()
        self.warm_imports = tuple(warm_imports)
        self.start_ahead = start_ahead
        self._jobs: queue.Queue[Callable[[KeptKernel | None], None] | None] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> KernelPool:
        for number in range(self.workers):
            thread = threading.Thread(target=self._work, name=f"report-kernel-{number}")
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        if exc_type is not None:  # interrupted or failed: start no job still waiting
            while True:
                try:
                    self._jobs.get_nowait()
                except queue.Empty:
                    break
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        kernel = None
        if not self.fresh_kernels:
            kernel = KeptKernel(self.kernel_name)
            if self.start_ahead:
                kernel.warm_up(self.cwd, {**os.environ, **self.env}, self.warm_imports)
        try:
            while (task := self._jobs.get()) is not None:
                task(kernel)
        finally:
            if kernel is not None:
                kernel.shutdown()

    def run(
        self,
        numbered_jobs: list[tuple[int, ReportJob]],
        one: Callable[[tuple[int, ReportJob], KeptKernel | None], None],
    ) -> None:
        """Run every job on the pool's kernels and wait for all; after a failure no new job
        starts, and the failure of the lowest-numbered job is raised."""
        failures: dict[int, BaseException] = {}
        done = threading.Semaphore(0)

        def task(numbered: tuple[int, ReportJob], kernel: KeptKernel | None) -> None:
            try:
                if not failures:
                    one(numbered, kernel)
            except BaseException as err:  # raised again by the calling thread
                failures[numbered[0]] = err
            finally:
                done.release()

        for numbered in numbered_jobs:
            self._jobs.put(lambda kernel, numbered=numbered: task(numbered, kernel))
        for _ in numbered_jobs:
            done.acquire()
        if failures:
            raise failures[min(failures)]


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


def made_from(out_dir: Path, inputs: str) -> bool:
    """Every report in ``out_dir`` was made from these inputs (so a run will likely re-run
    none of them, and its kernels need not start ahead)."""
    stored = _stored_hashes(out_dir)
    return bool(stored) and all(
        isinstance(entry, dict) and entry.get("inputs") == inputs for entry in stored.values()
    )


def all_unchanged(
    jobs: Iterable[ReportJob], out_dir: Path, inputs: str, kernel_name: str = KERNEL_NAME
) -> bool:
    """Every job's report in ``out_dir`` was made from the same notebook, parameters and
    inputs, and has not been touched since (a run would re-run none of them)."""
    stored = _stored_hashes(out_dir)
    return all(
        _unchanged(out_dir, job.output_name, job_key(job, inputs, kernel_name), stored)
        for job in jobs
    )


PLAN_FILE = ".report-plan.json"  # beside the reports: what the last run planned, and from what


@dataclass(frozen=True)
class KeptPlan:
    """What a run planned from its inputs: for each parameter a notebook runs once per value of,
    the values with their label and note (``(value, label, note)``), and the inputs it skipped
    (shown on the index). Kept beside the reports, so that a run on the same inputs whose
    reports are all unchanged need not read the corpus to plan them."""

    values: dict[str, list[tuple[str, str, str]]]
    warnings: list[str]


def save_plan(out_dir: Path, inputs: str, parameters: dict[str, object], plan: KeptPlan) -> None:
    record = {"inputs": inputs, "parameters": parameters, "values": plan.values,
              "warnings": plan.warnings}  # fmt: skip
    atomic.write_text(out_dir / PLAN_FILE, json.dumps(record, indent=1, sort_keys=True))


def load_plan(out_dir: Path, inputs: str, parameters: dict[str, object]) -> KeptPlan | None:
    """The plan a run kept in ``out_dir``, when it was made from these inputs (``inputs``: their
    hash) and runner parameters; else None (the corpus must be read to plan the reports)."""
    try:
        record = json.loads((out_dir / PLAN_FILE).read_text(encoding="utf-8"))
        if record["inputs"] != inputs or record["parameters"] != parameters:
            return None
        values = {
            str(name): [(str(v), str(label), str(note)) for v, label, note in triples]
            for name, triples in record["values"].items()
        }
        return KeptPlan(values, [str(w) for w in record["warnings"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


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
    stable = _with_stable_cell_ids(notebook)
    with _EXPORTER_LOCK:
        body, _ = _html_exporter().from_notebook_node(stable, resources={"csp": CSP})
    return body


# One exporter for the whole run, kept from one report to the next: a new one compiles its
# templates again (0.3 s, eight times an export's own work). Reports are exported from the
# threads that run them, so they take turns.
_EXPORTER_LOCK = threading.Lock()


@functools.cache
def _html_exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="caravan",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _with_stable_cell_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Papermill gives its injected-parameters cell a random id, which lands in the HTML; number
    the cells instead so two runs on the same inputs give byte-identical reports."""
    stable = copy.deepcopy(notebook)
    for number, cell in enumerate(stable.cells):
        cell["id"] = f"cell-{number}"
    return stable


def execute(
    job: ReportJob,
    workdir: Path,
    kernel_name: str = KERNEL_NAME,
    inline_plots: bool = True,
    kernel: KeptKernel | None = None,
) -> nbformat.NotebookNode:
    """Run one notebook with papermill into ``workdir``; :class:`NotebookFailed` names the cell.
    ``inline_plots=False``: the caller has already set the kernel's plot backend. With
    ``kernel``, the notebook runs in that kept kernel instead of a new one."""
    executed = workdir / f"{job.output_name}.ipynb"
    cwd = job.notebook.path.parent
    in_kept_kernel = (
        {"engine_name": KEPT_KERNEL_ENGINE, "km": kernel.manager,
         "fresh_start": KeptKernel.fresh_start_code(cwd.resolve()), "kept_kernel": kernel}
        if kernel is not None
        else {"kernel_manager_class": SocketFileKernelManager}
    )  # fmt: skip
    try:
        with _inline_plots() if inline_plots else nullcontext():
            executed_notebook = papermill.execute_notebook(
                str(job.notebook.path),
                str(executed),
                parameters=job.parameters,
                request_save_on_cell_execute=False,
                kernel_name=kernel_name,
                cwd=str(cwd),
                progress_bar=False,
                log_output=False,
                **in_kept_kernel,
            )
    except papermill.PapermillExecutionError as err:
        raise NotebookFailed(
            f"{job.notebook.path.name}: cell {err.cell_index + 1} "
            f"(execution count {err.exec_count}) raised {err.ename}: {_one_line(err.evalue)}"
        ) from None
    return executed_notebook


_PLOT_BACKEND = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}


@contextmanager
def _inline_plots(kernel_env: dict[str, str] | None = None) -> Iterator[None]:
    """The kernel inherits this process's environment; a MPLBACKEND such as "Agg" there would
    keep plots out of the reports, so the kernel is given the inline backend while it runs (and
    ``kernel_env``, e.g. where the command's extraction of the corpus is shared)."""
    wanted = {**_PLOT_BACKEND, **(kernel_env or {})}
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
    fresh_kernels: bool = False,
    pool: KernelPool | None = None,
) -> RunResult:
    """Execute and export every job, then publish all of them and the index at once. Runs into
    the same folder take turns (:func:`locks.folder_lock`), so an index never links a report
    that another run removed.

    With ``inputs`` (a hash of everything the notebooks read, :func:`digest_files`), a report
    whose notebook, parameters and inputs are those it was made from (hashes kept in
    ``HASHES_FILE`` beside the reports) is kept, not re-run, unless ``force``. ``workers``
    notebooks run at once, each worker in a kernel of its own that it keeps from one notebook
    to the next (:class:`KeptKernel`), or a new kernel for every notebook with ``fresh_kernels``;
    ``kernel_env`` is added to the kernels' environment. A ``pool`` opened by the caller (whose
    kernels started earlier) replaces ``workers``, ``fresh_kernels`` and ``kernel_env``."""
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

        def one(numbered: tuple[int, ReportJob], kernel: KeptKernel | None) -> None:
            number, job = numbered
            started = time.perf_counter()
            log(f"[{number}/{len(jobs)}] {job.output_name} ...")
            notebook = execute(job, staging, kernel_name, inline_plots=False, kernel=kernel)
            (staging / f"{job.output_name}.html").write_text(
                export_html(notebook), encoding="utf-8"
            )
            result.seconds[job.output_name] = time.perf_counter() - started
            log(
                f"[{number}/{len(jobs)}] {job.output_name} done in "
                f"{result.seconds[job.output_name]:.1f}s"
            )

        if pool is not None:
            with _inline_plots(pool.env):
                pool.run(to_run, one)
        elif to_run:
            workers = min(workers, len(to_run))
            with (
                _inline_plots(kernel_env),
                KernelPool(workers, kernel_name, kernel_env, fresh_kernels,
                           to_run[0][1].notebook.path.parent) as own_pool,
            ):  # fmt: skip
                own_pool.run(to_run, one)
        (staging / "index.html").write_text(
            render_index(jobs, skipped or [], warnings or []), encoding="utf-8"
        )
        result.written = _publish(staging, out_dir, [j.output_name for j in jobs])
        if keys:
            hashes = {
                name: {"key": key, "inputs": inputs,
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
