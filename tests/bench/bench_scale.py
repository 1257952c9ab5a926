"""Benchmark: extraction of synthetic corpora of growing size on each engine, as a user runs it.

For each size (articles) a seeded synthetic corpus (``caravan_claims.synth``: the seeds' sentences
recombined, numbers and words away from figures varied, one article in ten carrying a wire copy)
is written as JSON Lines, then ``caravan-claims extract`` runs on it in a subprocess per engine:
wall time, articles/s, MB/s of article text, and peak memory — the sum of the proportional set
sizes of the command and every process it starts (pool workers, Dask workers), sampled every
50 ms. Then quantulum3 on a sample of the same corpus in this process, for the ratio of
whole-process throughput. Not a timed test: it reports figures, prints a table, keeps them in
``tests/bench/results.json`` and shows the change against the figures kept there before.

    python tests/bench/bench_scale.py                       # 1K and 10K articles, local and dask
    python tests/bench/bench_scale.py --sizes 1K,10K,100K --engines local
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from caravan_claims import processes, synth

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
CLI = Path(sys.executable).with_name("caravan-claims")
QUANTULUM_SAMPLE = 200


def parse_sizes(text: str) -> list[int]:
    units = {"K": 1_000, "M": 1_000_000}
    sizes = []
    for part in filter(None, (p.strip().upper() for p in text.split(","))):
        sizes.append(int(float(part[:-1]) * units[part[-1]]) if part[-1] in units else int(part))
    return sizes


def tree_memory(process: psutil.Process) -> int:
    """Memory of a process and its descendants: the sum of their proportional set sizes (PSS:
    pages shared by forked workers counted once in all), resident size where PSS is unknown."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            info = member.memory_full_info()
            total += getattr(info, "pss", info.rss)
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes, the command and all its descendants)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, tree_memory(watched))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return seconds, peak


def quantulum_rate(corpus: Path) -> tuple[float, float, int]:
    """quantulum3 on the first articles of the corpus: articles/s, MB/s and articles read, in
    this process."""
    from baseline import quantulum_parser

    parser = quantulum_parser()

    texts = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) == QUANTULUM_SAMPLE:
                break
    parser.parse(texts[0])  # warm up: its model loads on first use
    started = time.perf_counter()
    for text in texts:
        parser.parse(text)
    seconds = time.perf_counter() - started
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return len(texts) / seconds, megabytes / seconds, len(texts)


TRIVIAL_RUNS = 3  # a kernel's start or shutdown sometimes stalls for seconds: medians of three


def trivial_run(jobs: list, out: Path) -> float:
    """Seconds for the trivial notebook through papermill and the HTML export, in a new kernel."""
    from caravan_claims import reports

    started = time.perf_counter()
    reports.run_reports(jobs, out, log=lambda line: None, fresh_kernels=True)
    return time.perf_counter() - started


def reports_against_floor(tmp: Path, workers: int) -> dict:
    """Regeneration of every bundled report (forced, then again with nothing changed) against
    the floor: one trivial notebook through papermill and the HTML export, times the number of
    reports, divided by the cores."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from caravan_claims import reports

    folder = tmp / "trivial"
    folder.mkdir()
    notebook = new_notebook(cells=[new_markdown_cell("# Trivial\n\nNothing."),
                                   new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                                   new_code_cell("x + 1")])  # fmt: skip
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    nbformat.write(notebook, folder / "01_trivial.ipynb")
    jobs = reports.plan_jobs(reports.discover_notebooks(folder), {}, lambda name: [])
    # a new kernel for the trivial notebook, as before reports kept their kernels
    reports.run_reports(jobs, tmp / "warm", log=lambda line: None, fresh_kernels=True)
    trivial = statistics.median(
        trivial_run(jobs, tmp / f"trivial-{run}") for run in range(TRIVIAL_RUNS)
    )
    out = tmp / "reports"
    command = [str(CLI), "reports", "--out", str(out), "--workers", str(workers), "--no-progress"]
    forced = statistics.median(measure([*command, "--force"])[0] for _ in range(TRIVIAL_RUNS))
    unchanged = statistics.median(measure(command)[0] for _ in range(TRIVIAL_RUNS))
    n_reports = len(list(out.glob("0*.html")))
    floor = trivial * n_reports / workers
    row = {"reports": n_reports, "trivial_s": round(trivial, 2), "floor_s": round(floor, 2),
           "forced_s": round(forced, 2), "forced_over_floor": round(forced / floor, 2),
           "unchanged_s": round(unchanged, 2),
           "unchanged_over_floor": round(unchanged / floor, 2)}  # fmt: skip
    print(f"reports: {n_reports} reports; floor {floor:.1f} s (trivial notebook {trivial:.1f} s x "
          f"{n_reports} / {workers} cores); all re-run {forced:.1f} s ({forced / floor:.2f}x); "
          f"nothing changed {unchanged:.1f} s ({unchanged / floor:.2f}x)")  # fmt: skip
    return row


def text_megabytes(corpus: Path) -> float:
    with corpus.open(encoding="utf-8") as lines:
        return sum(len(json.loads(line)["text"].encode("utf-8")) for line in lines) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1K,10K", help="articles per corpus (e.g. 1K,10K,100K)")
    parser.add_argument("--engines", default="local,dask", help="engines to run (local, dask)")
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-save", action="store_true", help="do not update results.json")
    parser.add_argument("--no-reports", action="store_true", help="skip the report regeneration")
    args = parser.parse_args()
    workers = processes.resolve_workers(args.workers)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    rows: list[dict] = []
    quantulum: tuple[float, float, int] | None = None
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for size in parse_sizes(args.sizes):
            corpus = synth.write_jsonl(Path(tmp) / f"synth-{size}.jsonl", size, args.seed)
            megabytes = text_megabytes(corpus)
            for name in engines:
                output = str(Path(tmp) / "claims.csv")
                command = [str(CLI), "extract", str(corpus), "-o", output, "--engine", name,
                           "--workers", str(workers), "--no-progress"]  # fmt: skip
                seconds, peak = measure(command)
                rows.append({"engine": name, "workers": workers, "articles": size,
                             "text_mb": round(megabytes, 2), "seconds": round(seconds, 2),
                             "articles_per_s": round(size / seconds, 1),
                             "mb_per_s": round(megabytes / seconds, 3),
                             "peak_mib": round(peak / 2**20, 1)})  # fmt: skip
                print_row(rows[-1])
            if quantulum is None:
                quantulum = quantulum_rate(corpus)
        # The ratio at the largest size, where the command's start-up weighs least.
        ours = [r for r in rows if r["engine"] == engines[0]][-1]
        ratio = {"quantulum3_articles_per_s": round(quantulum[0], 1),
                 "quantulum3_mb_per_s": round(quantulum[1], 4), "sample": quantulum[2],
                 "ours_articles_per_s": ours["articles_per_s"], "ours_articles": ours["articles"],
                 "ratio": round(ours["articles_per_s"] / quantulum[0], 1)}  # fmt: skip
        print(f"quantulum3 on {quantulum[2]} synthetic articles: {quantulum[0]:.1f} "
              f"articles/s; ours ({engines[0]}, {ours['articles']:,} articles, whole process): "
              f"{ratio['ratio']}x")  # fmt: skip
        regeneration = None if args.no_reports else reports_against_floor(Path(tmp), workers)
    cores = processes.default_workers()
    results = {"machine": {"cores": cores, "python": platform.python_version(),
                           "load_before": os.getloadavg()[0]},
               "when": time.strftime("%Y-%m-%d"), "extract": rows, "quantulum3": ratio,
               "reports": regeneration}  # fmt: skip
    compare(results)
    if not args.no_save:
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"kept in {RESULTS.relative_to(HERE.parent.parent)}")


def print_row(row: dict) -> None:
    print(f"{row['engine']:>6} x{row['workers']}  {row['articles']:>7,} articles  "
          f"{row['text_mb']:7.1f} MB  {row['seconds']:7.1f} s  {row['articles_per_s']:8.1f} art/s  "
          f"{row['mb_per_s']:6.3f} MB/s  peak {row['peak_mib']:7.1f} MiB", flush=True)  # fmt: skip


def compare(results: dict) -> None:
    """Each figure against the one kept from the previous run, where there is one."""
    try:
        before = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    kept = {(r["engine"], r["articles"]): r for r in before.get("extract", [])}
    for row in results["extract"]:
        old = kept.get((row["engine"], row["articles"]))
        if old:
            print(f"vs kept: {row['engine']} {row['articles']:,}: articles/s "
                  f"{old['articles_per_s']} -> {row['articles_per_s']}, peak MiB "
                  f"{old['peak_mib']} -> {row['peak_mib']}")  # fmt: skip


if __name__ == "__main__":
    main()
