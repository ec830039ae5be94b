"""Every notebook in book/ is stored executed, top to bottom, in one fresh kernel.

nbval compares stored outputs with a fresh run but silently passes a cell that was never run
(it has nothing stored to compare), and the book is built from the stored outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
NOTEBOOKS = sorted(p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.relative_to(BOOK).parts)


def test_the_book_has_notebooks() -> None:
    assert NOTEBOOKS, f"no notebook in {BOOK}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(BOOK)) for p in NOTEBOOKS])
def test_notebook_is_stored_executed(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    never_run = [i for i, c in enumerate(code, 1) if c.source.strip() and c.execution_count is None]
    assert not never_run, f"code cells never run (1-based among code cells): {never_run}"
    counts = [c.execution_count for c in code if c.execution_count is not None]
    assert counts == list(range(1, len(counts) + 1)), (
        f"execution counts {counts}: re-run the notebook top to bottom in a fresh kernel (make execute)"
    )
    assert any(c.outputs for c in code), "no code cell has a stored output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(BOOK)) for p in NOTEBOOKS])
def test_notebook_stores_no_wall_clock_timestamps(path: Path) -> None:
    # nbclient records per-cell execution times unless told not to (make execute turns it off);
    # they would change on every run and show in every diff.
    nb = nbformat.read(path, as_version=4)
    timed = [i for i, c in enumerate(nb.cells, 1) if "execution" in c.metadata]
    assert not timed, f"cells {timed} carry execution timestamps: re-run with `make execute`"
