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
    nbformat.write(notebook, path)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    for path in parser.parse_args().notebooks:
        print(f"{path}: {execute(path.resolve()):.1f} s", flush=True)


if __name__ == "__main__":
    main()
