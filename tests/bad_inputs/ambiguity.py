"""Bad inputs for ``mctools.ambiguity``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, CHOICE, COUNT, INF, NAN, OPEN_UNIT, POSITIVE, POSITIVE_ARRAY, RNG, UNIT_ARRAY

THREE = [0.2, 0.5, 0.9]  # valid shares; length 3 so that a length-2 array cannot broadcast
MISMATCHED = [0.5, 0.5]  # in range, but does not broadcast against THREE

# Ratios q_cat/q_dog: >= 0, +inf allowed (ARRAY would wrongly refuse [1.0, inf]).
RATIO_ARRAY = [
    [NAN, 1.0],
    [-INF, 1.0],
    NAN,
    -INF,
    [],
    "ab",
    [True, False],
    None,
    [[1.0], [1.0, 2.0]],
    [1 + 2j],
    [1.0, -1e-9],
    -1.0,
    MISMATCHED,
]

ENTRIES = [
    Entry(
        mc.posterior,
        {"x": [-1.0, 0.0, 2.0], "share": THREE, "separation": 1.5},
        {
            "x": [*ARRAY, [1.0, 2.0], np.zeros((2, 2))],
            "share": [*UNIT_ARRAY, 0.0, 1.0, [0.0, 0.5, 0.5], [0.5, 0.5, 1.0], -0.1, 1.5, MISMATCHED],
            "separation": [*POSITIVE_ARRAY, 0.0, -1.0, [1.0, 0.0, 1.0], MISMATCHED, np.ones((4, 1, 2))],
        },
    ),
    Entry(
        mc.output_share,
        {"share": THREE, "separation": 1.0, "quality_ratio": [2.0, 1.0, 0.5]},
        {
            "share": [*UNIT_ARRAY, -0.1, 1.5, NAN, MISMATCHED],
            "separation": [*POSITIVE_ARRAY, 0.0, -1.0, INF, MISMATCHED],
            "quality_ratio": RATIO_ARRAY,
            "policy": CHOICE,
        },
    ),
    Entry(
        mc.simulate_output_share,
        {"share": 0.3, "separation": 1.0, "quality_ratio": 1.5, "samples": 200, "rng": 0},
        {
            "share": OPEN_UNIT,
            "separation": POSITIVE,
            "quality_ratio": POSITIVE,
            "policy": CHOICE,
            "samples": COUNT,
            "rng": RNG,
        },
    ),
    Entry(
        mc.generator_map,
        {"share": THREE, "separation": [1.0, 1.0, 2.0], "capacity": 2.0, "scale": 0.5},
        {
            "share": [*UNIT_ARRAY, -0.1, 1.5, NAN, MISMATCHED],
            "separation": [*POSITIVE_ARRAY, 0.0, -1.0, INF, MISMATCHED],
            "capacity": POSITIVE,
            "scale": POSITIVE,
            "policy": CHOICE,
        },
    ),
]
