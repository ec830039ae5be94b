"""Determinism: the same seed gives the same numbers, everywhere.

* Every random function of ``mctools`` (every public function taking ``rng``, found from the
  bad-input table, so a new one is covered the day it is added) gives identical output for
  the same seed, the same output for a seed and a Generator made from it, and different
  output for different seeds.
* Every notebook, executed again in a fresh kernel with another ``PYTHONHASHSEED`` (so an
  output that depends on set or dict-of-set ordering shows up), reproduces its stored
  outputs exactly (no sanitiser: the stored charts carry no random ids).
  With nbval's own run that is two fresh executions, each identical to the stored one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import numpy as np
import pytest
from bad_inputs import TABLE
from bad_inputs.entry import numeric_leaves
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "book").glob("*.ipynb"))
RANDOM = sorted(name for name, entry in TABLE.items() if "rng" in entry.parameters)


def same(a, b) -> bool:
    leaves_a, leaves_b = numeric_leaves(a), numeric_leaves(b)
    return len(leaves_a) == len(leaves_b) and all(
        x.shape == y.shape and np.array_equal(x, y, equal_nan=True) for x, y in zip(leaves_a, leaves_b, strict=True)
    )


def test_random_functions_are_found():
    assert {"gaussian_refit", "wright_fisher", "polya_urn", "simulate_bandit", "simulated_annealing"} <= set(RANDOM)


@pytest.mark.parametrize("name", RANDOM)
def test_same_seed_same_output_other_seed_other_output(name):
    entry = TABLE[name]
    first, again = entry.call(rng=1), entry.call(rng=1)
    assert numeric_leaves(first), f"{name} returned no numbers to compare"
    assert same(first, again), f"{name}: two calls with rng=1 differ"
    assert same(first, entry.call(rng=np.random.default_rng(1))), f"{name}: rng=1 and default_rng(1) differ"
    assert not same(first, entry.call(rng=2)), f"{name}: rng=1 and rng=2 give the same output"


def _text(value) -> str:
    """A MIME bundle entry as text; JSON ones (charts) with sorted keys, as nbformat stores them."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def comparable_outputs(notebook) -> list[list[str]]:
    """Per code cell, each output as text: stream text or every MIME bundle entry."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown = []
        for output in cell.outputs:
            if output.output_type == "stream":  # a stream arrives in chunks timed by the kernel: join them
                entry = f"{output.name}: "
                if shown and shown[-1].startswith(entry):
                    shown[-1] += output.text
                else:
                    shown.append(entry + output.text)
            elif output.output_type == "error":
                shown.append(f"error: {output.ename}: {output.evalue}")
            else:
                shown.extend(f"{mime}: {_text(value)}" for mime, value in sorted(output.get("data", {}).items()))
        cells.append(shown)
    return cells


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_reruns_identically_with_another_hash_seed(path):
    stored = nbformat.read(path, as_version=4)
    fresh = nbformat.read(path, as_version=4)
    client = NotebookClient(
        fresh, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env={**os.environ, "PYTHONHASHSEED": "271828"})
    expected, got = comparable_outputs(stored), comparable_outputs(fresh)
    differing = [i for i, (a, b) in enumerate(zip(expected, got, strict=True), 1) if a != b]
    assert not differing, (
        f"code cells {differing} (1-based) give other outputs on a second run; first difference:\n"
        f"stored: {expected[differing[0] - 1]!s:.600}\nfresh:  {got[differing[0] - 1]!s:.600}"
    )
