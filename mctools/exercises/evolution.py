"""Checks for chapter 7, evolution."""

from __future__ import annotations

import numpy as np

from ._core import function_check, register


def _geometric_extinction_reference(mean_offspring, founders):
    m = np.asarray(mean_offspring, dtype=float)
    with np.errstate(divide="ignore"):
        q = np.where(m > 1, 1 / m, 1.0)  # smallest root of s = 1 / (1 + m (1 - s))
    return q**founders


register("ex-ch07-geometric-extinction")(
    function_check(
        "ex-ch07-geometric-extinction",
        _geometric_extinction_reference,
        cases=[
            (2.0, 1),
            (0.5, 1),
            (1.0, 1),
            (4.0, 3),
            (np.array([0.0, 0.8, 1.25, 2.0, 10.0]), 1),
            (np.array([0.5, 1.5, 3.0]), 2),
        ],
    )
)
