"""Bad inputs for ``mctools.temperature``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, COUNT, NONNEGATIVE, NONNEGATIVE_INTEGER, POSITIVE, PROBABILITIES

P = [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]]
REWARDS = [1.0, 0.0, 2.0]
LOGITS = [0.0, -1.0, -3.0]
# Logit vectors: 1-D at least, finite, and with differences float64 can hold.
BAD_LOGITS = [*ARRAY, 1.0, np.float64(0.0), [1e308, -1e308]]
# A temperature that leaves float64 once the logits are divided by it or raised to a power.
EXTREME = [1e-310, 5e-324]

# Sample sizes M >= 2, as an int or an array of ints.
SAMPLE_SIZES = [
    *COUNT,
    1,
    [2, 1],
    [2, 0],
    [],
    [[]],
    [2.0, 3.0],
    [True, False],
    [2, None],
    ["2", "3"],
    [[2], [2, 3]],  # ragged
    np.array([5, -5]),
]

ENTRIES = [
    Entry(
        mc.free_energy,
        {"p": P, "rewards": REWARDS, "temperature": 0.5},
        {
            "p": [*PROBABILITIES, [0.5, 0.5], [[[0.5, 0.5]]], 0.5],
            "rewards": [*ARRAY, 1.0, [1.0, 2.0], [[1.0, 0.0, 2.0]] * 3, np.zeros((3, 1, 2))],
            "temperature": NONNEGATIVE,
        },
    ),
    Entry(
        mc.optimal_free_energy,
        {"rewards": REWARDS, "temperature": 0.5},
        {"rewards": [*ARRAY, 1.0], "temperature": [*POSITIVE, *EXTREME]},
    ),
    Entry(
        mc.temper_logits,
        {"logits": LOGITS, "temperature": 0.5},
        {"logits": BAD_LOGITS, "temperature": [*POSITIVE, *EXTREME]},
    ),
    Entry(
        mc.retrain_logits,
        {"logits": LOGITS, "temperature": 0.8, "generations": 3},
        {
            "logits": BAD_LOGITS,
            "temperature": [*POSITIVE, *EXTREME, 1e308],
            "generations": [*NONNEGATIVE_INTEGER, 10**6],
        },
    ),
    Entry(
        mc.recover_logits,
        {"logits": LOGITS, "temperature": 0.8, "generations": 3},
        {
            "logits": BAD_LOGITS,
            "temperature": [*POSITIVE, *EXTREME, 1e308],
            "generations": [*NONNEGATIVE_INTEGER, 10**5],
        },
    ),
    Entry(
        mc.log_variance_drift,
        {"sample_size": [2, 5, 10], "temperature": 1.2},
        {"sample_size": SAMPLE_SIZES, "temperature": POSITIVE},
    ),
    Entry(mc.critical_temperature, {"sample_size": [2, 5, 10]}, {"sample_size": SAMPLE_SIZES}),
]
