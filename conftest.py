"""What `make test` costs against one strict nbval pass, printed at the end of every session.

The budget (issue: `make test` at most three times one pass over the book): the session's wall
time against the time spent running the notebooks' cells under nbval in the same session (setup,
call and teardown of every ``book/*.ipynb`` item; the kernels' start-up counts, as in a pass).
"""

from __future__ import annotations

import time

import pytest

_started = time.perf_counter()
_nbval_seconds: list[float] = []


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
