"""Bad inputs for ``mctools.allocation``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import CHOICE, NAN, NONNEGATIVE_ARRAY, NOT_CALLABLE, POSITIVE, PROBABILITIES

FREQUENCIES = [0.5, 0.3, 0.2]


def raises(c):
    raise RuntimeError("the curve failed")


# Quality curves that are not curves: not callable, wrong signature, NaN, the wrong shape,
# not numbers, an exception, and (for optimal_allocation) curves that are not increasing
# and concave or are undefined near zero capacity.
BAD_CURVES = [
    *NOT_CALLABLE,
    *CHOICE,
    "LOG",
    np.array(["log", "exp"]),
    np.array([1.0, 2.0]),
    ["log"],
    lambda c: c * NAN,
    lambda c: np.asarray(c)[..., :1],
    lambda c: "a",
    lambda c: None,
    lambda: 1.0,
    raises,
    lambda c: c + 1j,
]
NOT_CONCAVE = [
    lambda c: -c,
    lambda c: c**2,
    lambda c: np.exp(c),
    lambda c: np.ones_like(c),
    lambda c: np.log(c - 0.01),  # undefined below c = 0.01, where the solver looks
    lambda c: np.where(c < 0.01, NAN, np.sqrt(c)),
]

ENTRIES = [
    Entry(
        mc.optimal_allocation,
        {"frequencies": FREQUENCIES, "capacity": 2.0, "quality": "exp", "scale": 0.5},
        {
            "frequencies": [*PROBABILITIES, 0.5],
            "capacity": POSITIVE,
            "quality": [*BAD_CURVES, *NOT_CONCAVE],
            "scale": POSITIVE,
        },
    ),
    Entry(
        mc.expected_quality,
        {"frequencies": FREQUENCIES, "allocation": [1.0, 0.6, 0.4], "quality": "exp", "scale": 0.5},
        {
            "frequencies": [*PROBABILITIES, [0.5, 0.5], [[0.5, 0.5], [0.5, 0.5]], 0.5],
            "allocation": [*NONNEGATIVE_ARRAY, 2.0, [1.0, 1.0], [1.0, 0.5, 0.25, 0.25], [[1.0, 1.0]]],
            "quality": BAD_CURVES,
            "scale": POSITIVE,
        },
    ),
]
