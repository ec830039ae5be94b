"""Bad inputs for ``mctools.urns``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import COUNT, NAN, NONNEGATIVE, NONNEGATIVE_INTEGER, NOT_INTEGER, POSITIVE, RNG, UNIT_ARRAY

# A pair of ball counts: not a pair, not integers, negative, empty, or a container without order.
INITIAL = [
    (0, 0),
    (-1, 2),
    (1, -1),
    (1.5, 2),
    (1.0, 2),
    (True, 1),
    (1, None),
    (NAN, 1),
    (np.float64(1.0), 2),
    (1, 2, 3),
    (1,),
    (),
    [[1], [2]],
    "ab",
    "12",
    b"ab",
    None,
    3,
    {1, 2},  # no order: which colour is which?
    {0: 1, 1: 2},
    np.array(3),
    np.array([[1, 2], [3, 4]]),
    np.array([1.0, 2.0]),
]

ENTRIES = [
    Entry(
        mc.urn_feedback,
        {"share": [0.0, 0.2, 0.5, 0.9, 1.0], "exponent": 2.0},
        {"share": [*UNIT_ARRAY, NAN, -0.1, 1.5, "0.5", True, [[0.5], [0.2, 0.3]]], "exponent": [*POSITIVE, [2.0]]},
    ),
    Entry(
        mc.polya_urn,
        {"initial": (1, 2), "draws": 10, "replicates": 4, "exponent": 1.5, "rng": 0},
        {
            "initial": INITIAL,
            "draws": NONNEGATIVE_INTEGER,
            "replicates": COUNT,
            "exponent": [*POSITIVE, [1.5]],
            "rng": RNG,
        },
    ),
    Entry(
        mc.lock_in_estimate,
        {"initial": (2, 1), "draws": 20, "replicates": 200, "exponent": 2.0, "margin": 0.05, "rng": 0},
        {
            "initial": INITIAL,
            "draws": COUNT,
            "replicates": COUNT,
            "exponent": [*POSITIVE, [2.0]],
            "margin": [*NONNEGATIVE, 0.5, 0.6, [0.05]],
            "rng": RNG,
        },
    ),
    Entry(
        mc.lock_in_probability,
        {"initial": (2, 3), "exponent": 2.0, "terms": 500},
        {
            # (0, 3): no lock-in race without a ball of each colour
            "initial": [*INITIAL, (0, 3), (3, 0)],
            # exponent <= 1: no lock-in
            "exponent": [*POSITIVE, 1.0, 0.5, 1 - 1e-12, [2.0]],
            # terms must exceed the larger count (3)
            "terms": [*(v for v in NOT_INTEGER if v is not None), 0, -1, 3],
        },
    ),
]
