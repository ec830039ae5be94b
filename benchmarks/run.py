"""Benchmarks of mctools' Monte Carlo kernels and of the book (``make bench``).

Prints a Markdown report and writes it to ``_build/bench/report.md``; see benchmarks/README.md
for what is measured and the targets. Progress goes to stderr.

    python benchmarks/run.py [--quick] [--no-notebooks] [--cap SECONDS] [--kernel NAME ...]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np
from kernels import CASES, LONG_RUNS

ROOT = Path(__file__).resolve().parent.parent
SPEEDUP, DRAW_RATIO, CHAPTER_S, TOTAL_S, PAGE_MB = 50.0, 2.0, 8.0, 45.0, 2.0  # the targets
BOOK_WORKERS = 2  # the whole book is timed as CI runs it: two notebooks at a time, one per core
NOTEBOOK_RUNS = 3  # each chapter alone is timed this many times; its median is reported
MEMORY_CAP = 1.5e9  # bytes: larger sizes are capped (predicted from the peak at 1x)
FACTORS = (100, 50, 30, 20)  # the largest that fits the time cap replaces 100x


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def best_of(fn, repeats: int = 5, budget: float = 1.0) -> float:
    """Best wall time of up to ``repeats`` calls, stopping once ``budget`` seconds are spent."""
    times: list[float] = []
    gc.collect()
    gc.disable()
    try:
        while len(times) < repeats and sum(times) < budget:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def peak_bytes(fn) -> int:
    """Peak memory traced by ``tracemalloc`` during one call (numpy reports its buffers to it)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def mark(ok: bool) -> str:
    return "" if ok else " ✗"


def capped(seconds_at_10: float, bytes_at_1: float, cap: float) -> int | None:
    """The factor that replaces 100x: the largest of FACTORS within the time and memory caps."""
    fits = [f for f in FACTORS if seconds_at_10 * f / 10 <= cap and bytes_at_1 * f <= MEMORY_CAP]
    return fits[0] if fits else None


def kernels(quick: bool, cap: float, misses: list[str], only: list[str] | None = None) -> list[str]:
    """Scaling table and ratio table for every case of kernels.py."""
    scaling = [
        "| kernel | chapter size | units, 1x | peak MB, 1x | s, 1x | 10x | 100x | ns/unit 1x / 10x / 100x | last/1x |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    ratios = [
        "| kernel | plain Python ns/unit | kernel ns/unit | speed-up (≥ 50) | bare draws s | kernel / draws (≤ 2) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes = []
    for case in CASES:
        if only and case.name not in only:
            continue
        log(f"kernel {case.name}")
        t1 = best_of(lambda c=case: c.run(1), repeats=3, budget=0.5)
        peak = peak_bytes(lambda c=case: c.run(1))
        t10 = best_of(lambda c=case: c.run(10), repeats=1)
        per_unit = [1e9 * t1 / case.units, 1e9 * t10 / (10 * case.units)]
        big, factor = "—", None if quick else capped(t10, peak, cap)
        if factor:
            t100 = best_of(lambda c=case, f=factor: c.run(f), repeats=1)
            big = f"{t100:.2f}" + ("" if factor == 100 else f" at {factor}x")
            per_unit.append(1e9 * t100 / (factor * case.units))
        if not quick and factor != 100:
            done = f"measured at {factor}x instead" if factor else "not measured"
            notes.append(f"- {case.name}: 100x ≈ {10 * t10:.0f} s and {100 * peak / 1e9:.1f} GB, {done}.")
        scaling.append(
            f"| {case.name} | {case.chapter} | {case.units:,} | {peak / 1e6:.1f} | {t1:.3f} | {t10:.2f} | {big} "
            f"| {' / '.join(f'{x:.1f}' for x in per_unit)} | {per_unit[-1] / per_unit[0]:.2f} |"
        )
        case.draws()  # replays state-dependent parameters once, untimed
        draws = best_of(case.draws, repeats=3, budget=0.3)
        python = best_of(case.reference, repeats=3, budget=1.0) / case.reference_units
        speedup, ratio = python / (t1 / case.units), t1 / draws
        ratios.append(
            f"| {case.name} | {1e9 * python:,.0f} | {per_unit[0]:.1f} "
            f"| {speedup:,.1f}{mark(speedup >= SPEEDUP)} | {draws:.4f} | {ratio:.2f}{mark(ratio <= DRAW_RATIO)} |"
        )
        if speedup < SPEEDUP:
            misses.append(f"{case.name}: {speedup:.1f}x faster than plain Python (target ≥ {SPEEDUP:.0f}x)")
        if ratio > DRAW_RATIO:
            misses.append(f"{case.name}: {ratio:.2f}x the time of its bare random draws (target ≤ {DRAW_RATIO:.0f}x)")
    if notes:
        limits = f"{cap:g} s (predicted from 10x) or {MEMORY_CAP / 1e9:g} GB (from the peak at 1x)"
        notes = [f"Capped: a 100x run past {limits} runs at the largest factor of {FACTORS} that fits.", *notes]
    return [
        "## Kernels: cost against size",
        "",
        "Replicates (samples for simulate_output_share) times 1, 10 and 100; a unit is one replicate-generation",
        "(replicate-step, replicate-proposal, agent-day). Linear cost: the same ns per unit in every column.",
        "`office_path` is not timed: it draws no random numbers.",
        "",
        *scaling,
        "",
        *notes,
        "",
        "## Kernels against plain Python and against their bare random draws",
        "",
        "At the chapter's size; plain Python (benchmarks/reference.py) on fewer replicates, per unit.",
        "",
        *ratios,
        "",
    ]


def memory(quick: bool, cap: float, misses: list[str]) -> list[str]:
    """Peak memory of the runs that keep no history, at G, 10G and 100G generations."""
    rows = [
        "| run | chapter size | G | peak at G | 10G | 100G | largest / G |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in LONG_RUNS:
        log(f"memory {run.name}")
        g = run.generations
        peaks = [peak_bytes(lambda r=run, g=g: r.run(g))]
        start = time.perf_counter()
        peaks.append(peak_bytes(lambda r=run, g=g: r.run(10 * g)))
        seconds = time.perf_counter() - start
        if not quick and 10 * seconds <= cap:
            peaks.append(peak_bytes(lambda r=run, g=g: r.run(100 * g)))
        growth = peaks[-1] / peaks[0]
        ok = growth <= 1.1 or peaks[-1] - peaks[0] < 64e3
        cells = [f"{p / 1e6:.2f} MB" for p in peaks] + ["—"] * (3 - len(peaks))
        rows.append(f"| {run.name} | {run.chapter} | {g:,} | {' | '.join(cells)} | {growth:.2f}{mark(ok)} |")
        if not ok:
            misses.append(f"{run.name}: peak memory grows {growth:.1f}x from G to {10 ** (len(peaks) - 1)}G")
    return [
        "## Peak memory of long runs without history",
        "",
        "Traced by tracemalloc; it must not grow with the number of generations (last column ≤ 1.1).",
        "",
        *rows,
        "",
    ]


def run_notebook(path: Path) -> float:
    """Seconds a reader waits for ``path``: a fresh kernel started in book/, then every cell.

    The kernel is stopped at once afterwards (``shutdown_kernel="immediate"``): a graceful stop
    adds about a second that nobody waits for. Outputs are not written back.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    folder = {"metadata": {"path": str(path.parent)}}
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources=folder, shutdown_kernel="immediate")
    start = time.perf_counter()
    with client.setup_kernel(stderr=subprocess.DEVNULL):  # silence the kernel's start-up warnings
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        return time.perf_counter() - start


def notebooks(misses: list[str]) -> list[str]:
    """Every chapter alone, NOTEBOOK_RUNS times, then the whole book two notebooks at a time (one per core).

    A chapter's time is the median of its runs, which go round the chapters in turn: one run
    differs from the next by up to 2 s on a shared 2-core machine, so a single run says little
    about a budget of 8 s. The range is reported beside it.
    """
    from concurrent.futures import ThreadPoolExecutor

    paths = sorted((ROOT / "book").glob("*.ipynb"))
    header = f"| notebook | seconds alone, median of {NOTEBOOK_RUNS} (≤ {CHAPTER_S:.0f}) | range |"
    rows = [header, "| --- | ---: | ---: |"]
    runs: dict[Path, list[float]] = {path: [] for path in paths}
    failed: set[Path] = set()
    for number in range(NOTEBOOK_RUNS):
        for path in paths:
            if path in failed:
                continue
            log(f"notebook {path.name}, run {number + 1} of {NOTEBOOK_RUNS}")
            try:
                runs[path].append(run_notebook(path))
            except Exception as error:  # report the failure and go on with the other chapters
                rows.append(f"| {path.name} | failed: {type(error).__name__} ✗ | |")
                misses.append(f"{path.name}: failed to execute ({type(error).__name__})")
                failed.add(path)
    alone = {path: statistics.median(times) for path, times in runs.items() if path not in failed}
    for path, seconds in alone.items():
        spread = f"{min(runs[path]):.1f}–{max(runs[path]):.1f}"
        rows.append(f"| {path.name} | {seconds:.1f}{mark(seconds <= CHAPTER_S)} | {spread} |")
        if seconds > CHAPTER_S:
            misses.append(f"{path.name}: {seconds:.1f} s, median of {NOTEBOOK_RUNS} (target ≤ {CHAPTER_S:.0f} s)")
    log(f"the whole book, {BOOK_WORKERS} notebooks at a time")
    start = time.perf_counter()
    longest_first = sorted(alone, key=alone.get, reverse=True)  # so that no core idles at the end
    # One BLAS thread per kernel, as make test runs them: two kernels with OpenBLAS's default
    # thread per core would spin four threads on two cores.
    blas = {name: os.environ.get(name) for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    os.environ.update(dict.fromkeys(blas, "1"))  # the kernels inherit it
    try:
        with ThreadPoolExecutor(BOOK_WORKERS) as pool:  # each kernel is its own process
            list(pool.map(run_notebook, longest_first))
    finally:
        for name, value in blas.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
    book = time.perf_counter() - start
    rows.append(f"| **the whole book, {BOOK_WORKERS} at a time** | {book:.1f}{mark(book <= TOTAL_S)} | one run |")
    if book > TOTAL_S:
        misses.append(f"the whole book: {book:.1f} s on {BOOK_WORKERS} cores (target ≤ {TOTAL_S:.0f} s)")
    return ["## Notebook execution", "", *rows, ""]


REFERENCE = re.compile(r'(?:src|href|data)="([^"#?]+)')


def _loaded(page: Path, html: Path) -> set[Path]:
    """Local files a page loads: every src= and any reference into _images/."""
    text = page.read_text(encoding="utf-8")
    found = set()
    for match in REFERENCE.finditer(text):
        ref, attribute = match.group(1), match.group(0).split("=")[0]
        if "://" in ref or not (attribute == "src" or "_images/" in ref):
            continue
        target = (page.parent / ref).resolve()
        if target.is_file() and html in target.parents:
            found.add(target)
    return found


def pages(misses: list[str]) -> list[str]:
    """Size of each chapter's built page plus the files only that page loads."""
    html = ROOT / "_build" / "html"
    if not html.is_dir():
        return ["## Built pages", "", "`_build/html` does not exist: run `make book` first, then `make bench`.", ""]
    loads = {page: _loaded(page, html) for page in html.rglob("*.html")}
    shared = Counter(f for files in loads.values() for f in files)
    rows = ["| page | HTML KB | own files KB | total MB (≤ 2) |", "| --- | ---: | ---: | ---: |"]
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        page = html / "book" / f"{notebook.stem}.html"
        if not page.is_file():
            rows.append(f"| {page.name} | missing ✗ | | |")
            misses.append(f"{page.name}: not built")
            continue
        own = sum(f.stat().st_size for f in loads[page] if shared[f] == 1)
        size = page.stat().st_size
        total = (size + own) / 1e6
        rows.append(f"| {page.name} | {size / 1e3:,.0f} | {own / 1e3:,.0f} | {total:.2f}{mark(total <= PAGE_MB)} |")
        if total > PAGE_MB:
            misses.append(f"{page.name}: {total:.2f} MB (target ≤ {PAGE_MB:.0f} MB)")
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(html.stat().st_mtime))
    return ["## Built pages", "", f"From `_build/html` (built {built}).", "", *rows, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100x and 100G sizes and the notebooks")
    parser.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    parser.add_argument("--cap", type=float, default=4.0, help="seconds a 100x or 100G run may take (default 4)")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "bench" / "report.md")
    parser.add_argument(
        "--kernel", action="append", choices=[c.name for c in CASES], help="time only this kernel (repeatable)"
    )
    args = parser.parse_args()
    start, misses = time.perf_counter(), []
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    report = [
        "# mctools benchmarks",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}; Python {platform.python_version()}, numpy {np.__version__}, "
        f"{machine}, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}. "
        f"Options: {' '.join(sys.argv[1:]) or 'none'}. ✗ marks a missed target.",
        "",
        *kernels(args.quick, args.cap, misses, args.kernel),
        *([] if args.kernel else memory(args.quick, args.cap, misses)),
        *([] if args.quick or args.no_notebooks or args.kernel else notebooks(misses)),
        *([] if args.kernel else pages(misses)),
        "## Missed targets",
        "",
        *([f"- {m}" for m in misses] or ["None."]),
        "",
        f"Benchmark time: {time.perf_counter() - start:.0f} s.",
    ]
    text = "\n".join(report) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
