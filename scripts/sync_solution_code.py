"""Copy each hidden solution cell's code into the dropdown that shows it, after formatting.

A worked solution is written twice in a chapter: the ``{solution}`` dropdown (markdown, what a
reader sees) shows the code in a ```` ```python ```` block, and the hidden code cell right
after it (tagged ``solution`` and ``remove-cell``) runs that code so nbval checks it. The code
cell is the one that runs, so it is the source: ``make format`` formats it with ruff, then this
script writes it back into the dropdown. ``tests/test_chapter_template.py`` fails if the two
differ.

    python scripts/sync_solution_code.py book/*.ipynb
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import nbformat

FENCED_PYTHON = re.compile(r"(```python\n)(?P<code>.*?)(\n```)", re.S)
SOLUTION_TAG = "solution"


def sync(path: Path) -> int:
    """Rewrite the dropdown code of every hidden solution cell in ``path``; return how many changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = 0
    for previous, cell in zip(notebook.cells, notebook.cells[1:], strict=False):
        if cell.cell_type != "code" or SOLUTION_TAG not in cell.metadata.get("tags", []):
            continue
        fences = list(FENCED_PYTHON.finditer(previous.source))
        if previous.cell_type != "markdown" or len(fences) != 1:
            raise SystemExit(f"{path}: the cell before hidden solution cell {cell.id} must be its dropdown")
        fence = fences[0]
        code = cell.source.strip()
        if fence["code"] != code:
            previous.source = previous.source[: fence.start("code")] + code + previous.source[fence.end("code") :]
            changed += 1
    if changed:
        nbformat.write(notebook, path)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    for path in parser.parse_args().notebooks:
        if changed := sync(path):
            print(f"{path}: {changed} dropdown(s) updated")


if __name__ == "__main__":
    main()
