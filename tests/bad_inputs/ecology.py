"""Bad inputs for ``mctools.ecology``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import (
    COUNT,
    NONNEGATIVE_ARRAY,
    NONNEGATIVE_INTEGER,
    NOT_FINITE,
    NOT_REAL_SCALAR,
    POSITIVE_ARRAY,
    PROBABILITIES,
    RNG,
    UNIT_ARRAY,
)

FITNESS = [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1.0, 1.0, [[]]]
OFFSPRING = [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, -1.0]
CLASH = [[0.5, 0.5], np.full((3, 2), 0.5)]  # neither broadcasts with the (3,) arrays of the valid calls
SEED_BANK = {
    "yield_good": [*POSITIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 0.0, -1.0, *CLASH],
    "survival": [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 0.0, -0.1, 1.0 + 1e-9, [0.5, 0.0, 1.0], *CLASH],
}
UNIT_LIKE = [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, 1.0 + 1e-9, *CLASH]
ENVIRONMENTS = [
    [[0, 2, 1], [1, 0, 0]],
    [[-1, 0, 1], [1, 0, 0]],
    [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]],
    [[True, False, False], [False, True, True]],
    [0, 1, 1],
    [[[0, 1, 1]]],
    [[0, 1], [0]],
    [[]],
    np.zeros((0, 3), dtype=int),
    "ab",
    None,
    1,
]

ENTRIES = [
    Entry(
        mc.random_environments,
        {"probabilities": [0.3, 0.7], "generations": 6, "replicates": 3, "rng": 0},
        {
            "probabilities": [*PROBABILITIES, 1.0, [[0.5, 0.5]], [[0.5, 0.5], [0.3, 0.7]], "x"],
            "generations": NONNEGATIVE_INTEGER,
            "replicates": COUNT,
            "rng": RNG,
        },
    ),
    Entry(
        mc.log_growth_rate,
        {"fitness": [[1.5, 0.5], [1.0, 1.0], [2.0, 0.0]], "probabilities": [0.5, 0.5]},
        {
            "fitness": [*FITNESS, [1.0, 2.0, 3.0], np.ones((3, 3))],  # three environments, not two
            "probabilities": [*PROBABILITIES, 1.0, [1.0], [0.2, 0.3, 0.5], np.full((2, 2), 0.5)],
        },
    ),
    Entry(
        mc.log_population,
        {"fitness": [[1.5, 0.5], [1.0, 1.0]], "environments": [[0, 1, 1], [1, 0, 0]]},
        {"fitness": [*FITNESS, [1.0]], "environments": ENVIRONMENTS},
    ),
    Entry(
        mc.branching_process,
        {
            "mean_offspring": [1.5, 0.8, 1.2, 1.0],
            "generations": 4,
            "founders": 2,
            "replicates": 3,
            "ceiling": 1000,
            "rng": 0,
        },
        {
            "mean_offspring": [
                *OFFSPRING,
                [1.0] * 3,
                np.ones((2, 4)),
                np.ones((3, 4, 1)),
                [[]],
                [1e15] * 4,  # ceiling * mean beyond numpy's Poisson sampler
            ],
            "generations": [*NONNEGATIVE_INTEGER, 3, 5],
            "founders": [*COUNT, 1001],  # more than the ceiling
            "replicates": COUNT,
            "ceiling": [*COUNT, 1, 10**17, 2**64],
            "rng": RNG,
        },
    ),
    Entry(mc.extinction_probability, {"mean_offspring": [0.0, 0.5, 1.0, 1.5, 3.0]}, {"mean_offspring": OFFSPRING}),
    Entry(
        mc.extinction_by_generation,
        {"mean_offspring": [[1.5, 0.8, 1.2], [0.5, 2.0, 1.0]], "founders": 2},
        {"mean_offspring": [*OFFSPRING, 1.0, [[]]], "founders": COUNT},
    ),
    Entry(
        mc.seed_bank_fitness,
        {"germination": [0.0, 0.5, 1.0], "yield_good": 5.0, "survival": [0.5, 0.9, 1.0]},
        {"germination": UNIT_LIKE, **SEED_BANK},
    ),
    Entry(
        mc.germination_optimum,
        {"p": [0.3, 0.6, 0.9], "yield_good": 5.0, "survival": [0.5, 0.9, 1.0]},
        {"p": UNIT_LIKE, **SEED_BANK},
    ),
]
