"""Bad inputs for ``mctools.bandits``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import (
    ARRAY,
    COUNT,
    INF,
    NAN,
    NONNEGATIVE,
    NONNEGATIVE_ARRAY,
    NONNEGATIVE_INTEGER,
    NOT_FINITE,
    NOT_REAL_SCALAR,
    REAL,
    RNG,
    UNIT,
    UNIT_ARRAY,
)

# Per-replicate parameters of the valid call have 3 replicates: other lengths and 2-D shapes clash.
WRONG_SHAPE = [[0.1, 0.2], [0.1] * 4, np.full((1, 3), 0.1), np.full((3, 3), 0.1)]
MEANS = np.array([[1.0, 0.5, 0.2]] * 6 + [[0.2, 0.5, 1.0]] * 6)  # a shift after 6 of 12 steps
STEP = [*REAL, 0.0, -1e-12, -1.0, 1.0 + 1e-9, 2.0]
LEADING = [
    [[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]],
    "ab",
    None,
    1,
    [[True, False, True, True], [False, False, False, False]],
    [0, 0, 1, 1],
    np.zeros((2, 4, 1), dtype=int),
    np.zeros((2, 3), dtype=int),
    np.zeros((3, 4), dtype=int),
    [[]],
    np.zeros((2, 0), dtype=int),
    [[-1, 0, 1, 1], [0, 0, 0, 0]],
    [[0, 1], [0]],
    [[1 + 2j] * 4] * 2,
]


def setting(**values) -> dict:
    return {"a": {}, "b": values}


ENTRIES = [
    Entry(
        mc.simulate_bandit,
        {
            "means": MEANS,
            "replicates": 3,
            "epsilon": [0.0, 0.1, 0.0],
            "temperature": [0.0, 0.0, 0.5],
            "anneal": [INF, INF, 10.0],
            "period": [0, 4, 0],
            "step_size": 0.2,
            "probe_step_size": 0.5,
            "initial": None,
            "noise_sd": 0.5,
            "depletion": 0.1,
            "regrowth": 0.05,
            "rng": 0,
        },
        {
            "means": [
                *ARRAY,
                *NOT_FINITE,
                *NOT_REAL_SCALAR,
                1.0,
                [1.0, 2.0],
                [[]],
                np.ones((12, 1)),
                np.ones((2, 12, 3)),
                np.ones((1, 3, 12, 3)),
                np.zeros((0, 3)),
            ],
            "replicates": [*COUNT, 2, 4],
            "epsilon": [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, 1.5, [0.0, 0.1, 1.5], *WRONG_SHAPE],
            "temperature": [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, -1.0, *WRONG_SHAPE],
            "anneal": [
                ARRAY[0],
                *ARRAY[2:],
                [1.0, 0.0, 1.0],
                [1.0, -2.0, 1.0],
                NAN,
                -INF,
                np.float64(NAN),
                *NOT_REAL_SCALAR,
                0.0,
                -1.0,
                *WRONG_SHAPE,
            ],
            "period": [
                -1,
                2.5,
                3.0,
                np.float64(3.0),
                NAN,
                "3",
                None,
                True,
                [0, 4.0, 0],
                [0, -1, 0],
                [True, False, True],
                [0, 4, 10**30],
                [0, 4],
                [[0, 4, 0]],
                [],
            ],
            "step_size": STEP,
            "probe_step_size": [s for s in STEP if s is not None],  # None means "as step_size"
            "initial": [
                *(a for a in ARRAY if a is not None),  # None: the means at step 0
                *NOT_FINITE,
                1.0,
                [1.0, 2.0],
                np.ones((2, 3)),
                np.ones((1, 1, 3)),
                np.ones((3, 3, 3)),
            ],
            "noise_sd": NONNEGATIVE,
            "depletion": UNIT,
            "regrowth": UNIT,
            "rng": RNG,
        },
    ),
    Entry(
        mc.strategy_arrays,
        {
            "strategies": {
                "greedy": {},
                "ε-greedy": {"epsilon": 0.1},
                "softmax": {"temperature": 0.5, "anneal": 10.0},
                "monitoring": {"period": 5},
            },
            "replicates": 2,
        },
        {
            "strategies": [
                [],
                None,
                "greedy",
                [("a", {})],
                {},
                {"a": 0.1},
                {"a": None},
                {1: {}},
                {"a": {"eps": 0.1}},
                *(setting(epsilon=v) for v in [*UNIT, [0.1, 0.2]]),
                *(setting(temperature=v) for v in [*NONNEGATIVE, [0.1, 0.2]]),
                *(setting(anneal=v) for v in [NAN, -INF, "1.0", None, True, 1 + 2j, [1.0], 0.0, -1.0]),
                *(setting(period=v) for v in [*NONNEGATIVE_INTEGER, "5", [5]]),
            ],
            "replicates": COUNT,
        },
    ),
    Entry(
        mc.escape_time,
        {"leading": [[0, 0, 1, 1], [0, 0, 0, 0]], "best": [[1, 1, 1, 1], [1, 1, 1, 1]], "start": 1},
        {"leading": LEADING, "best": LEADING, "start": [*NONNEGATIVE_INTEGER, 4, 10]},
    ),
]
