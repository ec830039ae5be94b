"""Bad inputs for ``mctools.resources``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import (
    ARRAY,
    COUNT,
    FLAG,
    INF,
    NAN,
    NONNEGATIVE_ARRAY,
    NOT_FINITE,
    NOT_REAL_SCALAR,
    POSITIVE_ARRAY,
    RNG,
    UNIT,
    UNIT_ARRAY,
)

CLASH = [[0.1, 0.2, 0.3], np.full((2, 3), 0.1)]  # neither broadcasts with the (2,) arrays of the valid calls
POSITIVE_LIKE = [*POSITIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 0.0, -1e-12, -1.0, *CLASH]
NONNEGATIVE_LIKE = [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, -1.0, *CLASH]
RATES = {"growth": POSITIVE_LIKE, "capacity": POSITIVE_LIKE, "catchability": NONNEGATIVE_LIKE}
# An experience cap of 40000 overflows the int16 experience counters.
CAP = [*COUNT, 40000, 10**9]

ISLAND = {
    "days": 5,
    "learning": [0.1, 0.3],
    "forgetting": [0.05, 0.1],
    "novice": 0.1,
    "max_experience": 8,
    "start": (5, 4),
    "growth": 0.05,
    "catchability": 0.2,
    "stock0": 1.0,
    "requirement": 0.2,
    "reserve": 2.0,
    "sunny": 0.75,
    "replicates": 3,
    "history": True,
    "rng": 0,
}
UNIT_LIKE = [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, 1.0 + 1e-9, *CLASH]

ENTRIES = [
    Entry(
        mc.logistic_growth,
        {"stock": [0.2, 1.5], "growth": 0.1, "capacity": [1.0, 2.0]},
        {"stock": NONNEGATIVE_LIKE, "growth": POSITIVE_LIKE, "capacity": POSITIVE_LIKE},
    ),
    Entry(
        mc.equilibrium_stock,
        {"effort": [0.5, 3.0], "growth": 0.2, "capacity": 1.0, "catchability": [0.1, 0.2]},
        {"effort": NONNEGATIVE_LIKE, **RATES},
    ),
    Entry(
        mc.sustainable_yield,
        {"effort": [0.5, 3.0], "growth": 0.2, "capacity": 1.0, "catchability": [0.1, 0.2]},
        {"effort": NONNEGATIVE_LIKE, **RATES},
    ),
    Entry(
        mc.maximum_sustainable_yield,
        {"growth": [0.2, 0.4], "capacity": 1.0, "catchability": [0.1, 0.2]},
        {**RATES, "catchability": [*NONNEGATIVE_LIKE, 0.0, [0.1, 0.0]]},
    ),
    Entry(
        mc.simulate_harvest,
        {
            "stock0": [0.5, 0.8],
            "effort": [[1.0, 1.0, 0.5], [0.0, 1.0, 2.0]],
            "growth": 0.2,
            "capacity": 1.0,
            "catchability": 0.1,
            "dt": 0.5,
        },
        {
            "stock0": NONNEGATIVE_LIKE,
            "effort": [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 1.0, [[1.0]] * 3, np.ones((3, 3)), [[]]],
            **RATES,
            "dt": [NAN, INF, -INF, *NOT_REAL_SCALAR, [1.0], np.array(1.0), 0.0, -1e-12, -1.0],
        },
    ),
    Entry(
        mc.cloudiness_cdf,
        {"c": [-0.5, 0.1, 0.5, 0.7, 1.2], "sunny": 0.6},
        {"c": [*ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR], "sunny": [*UNIT, np.array([0.5])]},
    ),
    Entry(
        mc.sample_cloudiness,
        {"shape": (2, 3), "sunny": 0.6, "rng": 0},
        {
            "shape": [-1, 2.5, 3.0, np.float64(3.0), "ab", "3", None, True, (2, -1), (2, 2.5), [2, "3"], (2, (3,))],
            "sunny": [*UNIT, np.array([0.5])],
            "rng": RNG,
        },
    ),
    Entry(
        mc.simulate_island,
        ISLAND,
        {
            "days": COUNT,
            "learning": [*UNIT_LIKE, 0.0, [0.1, 0.0]],
            "forgetting": UNIT_LIKE,
            "novice": [*UNIT_LIKE, 1.0, [0.1, 1.0]],
            "max_experience": [*CAP, 4],  # 4 < start[0]
            "start": [
                (5,),
                (5, 4, 3),
                5,
                None,
                "ab",
                (5, 9),
                (-1, 4),
                (1.5, 4),
                ("5", 4),
                (True, 4),
                (5, None),
                ([5, 5, 5], 4),
                ([[5], [5, 5]], 4),
                ([5, 5, 5], [4, 4, 4]),
            ],
            "growth": POSITIVE_LIKE,
            "catchability": NONNEGATIVE_LIKE,
            "stock0": NONNEGATIVE_LIKE,
            "requirement": NONNEGATIVE_LIKE,
            "reserve": [ARRAY[0], *ARRAY[2:], NAN, -INF, *NOT_REAL_SCALAR, 0.0, -1.0, *CLASH],
            "sunny": [*UNIT, np.array([0.5])],
            "replicates": COUNT,
            "history": FLAG,
            "rng": RNG,
        },
    ),
]
