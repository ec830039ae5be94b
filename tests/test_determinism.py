"""Determinism: the same seed gives the same numbers, everywhere.

* Every random function of ``mctools`` (every public function taking ``rng``, found from the
  bad-input table, so a new one is covered the day it is added) gives identical output for
  the same seed, the same output for a seed and a Generator made from it, and different
  output for different seeds.
* Every notebook reproducing its stored outputs under another ``PYTHONHASHSEED`` (and on
  another CPU, in the students' environment) is tested by ``tests/test_any_cpu.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bad_inputs import TABLE
from bad_inputs.entry import numeric_leaves

REPO = Path(__file__).resolve().parents[1]
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
