"""What `make test` costs against one strict nbval pass, printed at the end of every session;
and the order that keeps both cores busy until the end.

The budget (issue: `make test` at most three times one pass over the book): the session's wall
time against the time spent running the notebooks' cells under nbval in the same session (setup,
call and teardown of every ``book/*.ipynb`` item; the kernels' start-up counts, as in a pass).
"""

from __future__ import annotations

import time

import pytest

_started = time.perf_counter()
_nbval_seconds: list[float] = []


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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.nodeid.startswith("book/") and ".ipynb::" in report.nodeid:
        _nbval_seconds.append(report.duration)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _nbval_seconds:
        return
    wall, nbval = time.perf_counter() - _started, sum(_nbval_seconds)
    terminalreporter.write_line(
        f"cost: {wall:.0f} s for the session, {nbval:.0f} s for one strict nbval pass over the book "
        f"({len(_nbval_seconds) // 3} cells): {wall / nbval:.1f}x"
    )
