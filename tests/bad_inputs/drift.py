"""Bad inputs for ``mctools.drift``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import COUNT, FLAG, NONNEGATIVE_INTEGER, POSITIVE, PROBABILITIES, REAL, RNG, UNIT

# Generation-by-generation sample sizes (valid: 3 generations, ddof 1, so each >= 2).
SAMPLE_SIZES = [
    *COUNT,
    1,  # not above ddof = 1
    [5, 5],  # one per generation, but 3 generations
    [5, 5, 5, 5],
    [5, 5, 1],
    [5, 5, 0],
    [5.0, 5.0, 5.0],
    [5, 5, None],
    [True, True, True],
    ["5", "5", "5"],
    [[5, 5, 5]],
    [[5], [5, 5]],  # ragged
    [],
    np.array([5, 5, -5]),
]

ENTRIES = [
    Entry(
        mc.gaussian_refit,
        {"sample_size": 5, "generations": 3, "replicates": 2, "rng": 0},
        {
            "sample_size": SAMPLE_SIZES,
            "generations": NONNEGATIVE_INTEGER,
            "replicates": COUNT,
            "mu0": REAL,
            "sigma0": POSITIVE,
            "ddof": [*NONNEGATIVE_INTEGER, 2, 5],
            "temperature": POSITIVE,
            "accumulate": FLAG,
            "fresh_fraction": UNIT,
            "reuse_real": FLAG,
            "rng": RNG,
        },
    ),
    Entry(
        mc.regression_refit,
        {"features": 2, "samples": 6, "generations": 3, "replicates": 2, "rng": 0},
        {
            "features": [*COUNT, 5, 100],  # samples must be >= features + 2
            "samples": [*COUNT, 2, 3],
            "generations": NONNEGATIVE_INTEGER,
            "replicates": COUNT,
            "noise": POSITIVE,
            "accumulate": FLAG,
            "rng": RNG,
        },
    ),
    Entry(
        mc.wright_fisher,
        {"p0": [0.5, 0.3, 0.2], "population": 20, "generations": 4, "replicates": 2, "rng": 0},
        {
            "p0": [
                *PROBABILITIES,
                [[[0.5, 0.5]]],  # 3-D
                [[0.5, 0.5]],  # one row for 2 replicates
                [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]],
                0.5,
            ],
            "population": COUNT,
            "generations": NONNEGATIVE_INTEGER,
            "replicates": COUNT,
            "mutation": UNIT,
            "record_every": [*COUNT, 5, 100],  # more than generations = 4
            "rng": RNG,
        },
    ),
]
