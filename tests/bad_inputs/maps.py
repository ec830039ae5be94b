"""Bad inputs for ``mctools.maps``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, COUNT, NAN, NONNEGATIVE_INTEGER, NOT_CALLABLE, REAL


def logistic(x):
    return 3.2 * x * (1 - x)


def contraction(x):
    return 0.5 * x + 0.25  # one fixed point, 1/2; linear, so it is finite on the widest interval


def raises(x):
    raise RuntimeError("the map failed")


# Maps that are callable but misbehave: NaN, inf, the wrong shape, not numbers, a wrong
# signature, an exception, a complex result, an overflow inside the map.
BAD_MAPS = [
    *NOT_CALLABLE,
    lambda x: x * NAN,
    lambda x: np.full(np.shape(x), np.inf),
    lambda x: np.asarray(x)[..., :1],
    lambda x: np.zeros((2, 2, 2)),
    lambda x: "a",
    lambda x: None,
    lambda: 0.5,
    raises,
    lambda x: x + 1j,
    lambda x: np.exp(1e4 * (x + 1)),
    lambda x: np.log(x - 2.0),
]

ORBITS = [[0.1, 0.5, 0.99], [0.1, 0.2, 0.3]]

ENTRIES = [
    Entry(
        mc.iterate_map,
        {"func": logistic, "x0": [0.2, 0.7], "steps": 5},
        {"func": BAD_MAPS, "x0": ARRAY, "steps": NONNEGATIVE_INTEGER},
    ),
    Entry(
        mc.fixed_points,
        {"func": contraction, "lower": -1e308, "upper": 1.0, "grid": 101},
        {
            "func": BAD_MAPS,
            "lower": [*REAL, 1.0, 2.0],
            "upper": [*REAL, -1e308, -1.5e308, 1e308],  # 1e308 - (-1e308) overflows float64
            "grid": [*COUNT, 1, 2],
        },
    ),
    Entry(
        mc.derivative,
        {"func": logistic, "x": [0.3, 0.6]},
        {"func": BAD_MAPS, "x": ARRAY, "step": [*REAL, 0.0, -1.0, -1e-12]},
    ),
    Entry(
        mc.cobweb,
        {"func": logistic, "x0": 0.2, "steps": 4},
        {"func": BAD_MAPS, "x0": [*REAL, np.array([0.2, 0.3])], "steps": COUNT},
    ),
    Entry(
        mc.first_passage,
        {"orbits": ORBITS, "threshold": 0.9},
        {"orbits": [*ARRAY, 0.5, np.float64(0.5), [[]]], "threshold": REAL},
    ),
]
