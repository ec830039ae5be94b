"""Execute notebooks in place, each in a fresh kernel started in the notebook's own folder.

Used by ``make execute``. Prints the execution time of each notebook, so an author sees at once
when a chapter drifts past its 8-second budget (benchmarks/README.md).

    python scripts/execute_notebooks.py book/01_image_generator.ipynb [...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 600) -> float:
    """Run every cell of ``path`` top to bottom, store the outputs, return the seconds taken."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,  # no wall-clock timestamps in the stored notebooks
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nbformat.write(notebook, path)
    return elapsed


def merge_streams(outputs: list) -> list:
    """Consecutive stream outputs of the same stream joined into one.

    Where a cell's printing is cut into several stream outputs depends on when the kernel
    flushed (a busy machine flushes mid-cell), not on what the cell printed: stored as they
    came, the book would show one cell's lines in several boxes, differently from run to run.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        same_stream = previous is not None and previous.output_type == "stream" and previous.name == output.get("name")
        if output.output_type == "stream" and same_stream:
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    for path in parser.parse_args().notebooks:
        print(f"{path}: {execute(path.resolve()):.1f} s", flush=True)


if __name__ == "__main__":
    main()
