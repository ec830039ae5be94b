"""What `make test` costs against one strict nbval pass, printed at the end of every session;
and the order that keeps both cores busy until the end.

The budget (issue: `make test` at most three times one pass over the book): the session's wall
time against the time spent running the notebooks' cells under nbval in the same session (setup,
call and teardown of every ``book/*.ipynb`` item; the kernels' start-up counts, as in a pass).
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

_started = time.perf_counter()
_nbval_seconds: list[float] = []
#: Seconds of setup, call and teardown by kind of test (see _kind), summed over the workers.
_worker_seconds: Counter[str] = Counter()
_workers: set[str] = set()


#: What a module's tests do, from the longest to the shortest: a browser (minutes), a student
#: environment, notebooks run again, a book built; then nbval's notebooks, then the rest.
COST_ORDER = ("browser", "binder", "notebooks", "book")


def _cost_rank(item: pytest.Item) -> int:
    marks = {mark.name for mark in item.iter_markers()}
    if item.nodeid.startswith("book/"):
        return len(COST_ORDER)
    return min((COST_ORDER.index(m) for m in marks & set(COST_ORDER)), default=len(COST_ORDER) + 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest work first: modules in the order of their costliest test (stable within a rank).

    pytest-xdist (``--dist loadscope --no-loadscope-reorder``, see the Makefile) hands whole
    modules to the workers in this order, each taking the next when it runs short: a module of
    several minutes handed out last would leave the other core idle while it runs (measured:
    157 s of a 615 s session, with xdist's own order by number of tests).
    """
    rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        rank[module] = min(rank.get(module, len(COST_ORDER) + 1), _cost_rank(item))
    items.sort(key=lambda item: rank[item.nodeid.split("::")[0]])


def _kind(report: pytest.TestReport) -> str:
    """The kind of test a report is of: "nbval" for a notebook's cell, else the costliest
    COST_ORDER marker of the test, else "rest"."""
    if report.nodeid.startswith("book/") and ".ipynb::" in report.nodeid:
        return "nbval"
    return next((mark for mark in COST_ORDER if mark in report.keywords), "rest")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _kind(report) == "nbval":
        _nbval_seconds.append(report.duration)
    _worker_seconds[_kind(report)] += report.duration
    node = getattr(report, "node", None)  # the xdist worker that ran it; absent without xdist
    _workers.add(getattr(getattr(node, "gateway", None), "id", "main"))


def pytest_terminal_summary(terminalreporter) -> None:
    wall = time.perf_counter() - _started
    if _nbval_seconds:
        nbval = sum(_nbval_seconds)
        terminalreporter.write_line(
            f"cost: {wall:.0f} s for the session, {nbval:.0f} s for one strict nbval pass over the book "
            f"({len(_nbval_seconds) // 3} cells): {wall / nbval:.1f}x"
        )
    if _worker_seconds:
        # Where the time goes, to see what a change saves: durations are what the workers spent
        # in tests, so the rest of their time went to collection, start-up and waiting for work.
        spent = sum(_worker_seconds.values())
        kinds = ", ".join(f"{kind} {seconds:.0f}" for kind, seconds in _worker_seconds.most_common())
        terminalreporter.write_line(
            f"worker-seconds in tests: {kinds}; {spent:.0f} of {len(_workers)} x {wall:.0f}: "
            f"{len(_workers) * wall - spent:.0f} s outside tests (collection, start-up, idle)"
        )
