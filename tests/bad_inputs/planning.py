"""Bad inputs for ``mctools.planning``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import CHOICE, COUNT, NAN, NONNEGATIVE, NONNEGATIVE_ARRAY, NONNEGATIVE_INTEGER, NOT_CALLABLE, POSITIVE

WEIGHTS = [*NONNEGATIVE_ARRAY, 1.0, NAN, "1.0", True, [[]]]  # a scalar has no uses to split between
# "exp" or a callable that is elementwise, finite, non-decreasing and concave on 0, 1, ..., total.
QUALITY = [
    *CHOICE,
    *NOT_CALLABLE,
    "EXP",
    b"exp",
    lambda n: n**2,  # convex
    lambda n: -n,  # decreasing
    lambda n: np.full_like(n, np.nan),
    lambda n: np.where(n > 2, np.inf, n),
    lambda n: n[:-1],  # wrong shape
    lambda n: float(n.sum()),  # one number for the whole grid
    lambda n: "x",
    lambda n: 1 / 0,  # raises
    lambda: 1.0,  # takes no argument
]

ENTRIES = [
    Entry(
        mc.best_integer_split,
        {"weights": [[1.0, 0.5, 0.2], [0.3, 0.3, 2.0]], "total": 6, "quality": "exp", "scale": 2.0, "temperature": 0.1},
        {
            "weights": WEIGHTS,
            "total": NONNEGATIVE_INTEGER,
            "quality": QUALITY,
            "scale": [*POSITIVE, [2.0]],
            "temperature": [*NONNEGATIVE, [0.1]],
        },
    ),
    Entry(
        mc.plan_albums,
        {
            "head_start": [0.5, 0.3, 0.2],
            "albums": 3,
            "songs": 4,
            "quality": np.sqrt,
            "scale": 1.0,
            "learning": 0.5,
            "temperature": 0.1,
        },
        {
            "head_start": WEIGHTS,
            "albums": COUNT,
            "songs": COUNT,
            "quality": QUALITY,
            "scale": [*POSITIVE, [1.0]],
            "learning": [*NONNEGATIVE, [0.5]],
            "temperature": [*NONNEGATIVE, [0.1]],
        },
    ),
]
