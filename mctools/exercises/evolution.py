"""Public cases for chapter 7, evolution (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch07-geometric-extinction",
        cases=(
            ((2.0, 1), 0.5),
            ((0.5, 1), 1.0),
            ((1.0, 1), 1.0),
            ((4.0, 3), 0.015625),
            ((np.array([0.0, 0.8, 1.25, 2.0, 10.0]), 1), np.array([1.0, 1.0, 0.8, 0.5, 0.1])),
            ((np.array([0.5, 1.5, 3.0]), 2), np.array([1.0, 0.4444444444444444, 0.1111111111111111])),
        ),
        # Nothing forbidden: mctools.extinction_probability solves Poisson offspring, not these.
    )
)
