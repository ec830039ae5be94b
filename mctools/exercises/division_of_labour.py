"""Public cases for chapter 5, division of labour (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch05-hunting-probability",
        cases=(
            ((0.8, 0.8, 1.0, 0.75), 0.75),  # equal skills, full stock: the sunny days, p
            ((0.9, 0.1, 1.0, 0.75), 0.95),  # fishing nearly forgotten: the threshold is above 1/2
            ((0.9, 0.9, 0.3, 0.75), 0.3461538461538462),  # scarce prey: the threshold falls below 1/2
            ((0.5, 0.5, 0.0, 0.6), 0.0),  # no prey at all: never hunts
            ((0.7, 0.4, 0.5, 0.5), 0.4666666666666666),
            (
                (np.array([0.2, 0.6, 0.9, 0.9]), np.array([0.9, 0.6, 0.3, 0.05]), np.array([1.0, 0.5, 0.8, 0.2]), 0.75),
                np.array([0.2727272727272727, 0.5, 0.8529411764705883, 0.8913043478260869]),
            ),
        ),
        # "Use only NumPy": mctools.cloudiness_cdf is the CDF the exercise asks for.
        forbidden=("mctools.resources",),
    )
)
