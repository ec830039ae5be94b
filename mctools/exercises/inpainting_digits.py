"""Public cases for chapter 2, inpainting real digits (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch02-hidden-mean",
        cases=(
            (([0.0, 0.0], [[2.0, 1.0], [1.0, 3.0]], [True, False], [1.0]), np.array([0.5])),
            (
                ([1.0, 2.0, 3.0], [[4.0, 2.0, 0.0], [2.0, 5.0, 1.0], [0.0, 1.0, 3.0]], [True, False, True], [3.0, 0.0]),
                np.array([2.0]),
            ),
            (
                (
                    [0.0, 1.0, 0.0, -1.0],
                    [[2.0, 0.5, 0.0, 0.5], [0.5, 2.0, 0.5, 0.0], [0.0, 0.5, 2.0, 0.5], [0.5, 0.0, 0.5, 2.0]],
                    [False, True, False, True],
                    [2.0, 0.0],
                ),
                np.array([0.5, 0.5]),
            ),
            # independent coordinates: the visible ones say nothing about the hidden one
            ((np.zeros(3), np.eye(3), [True, True, False], [5.0, -5.0]), np.array([0.0])),
        ),
        # "Use NumPy only": mctools.conditional_gaussian computes the same conditional mean.
        forbidden=("mctools.lowrank", "mctools.inpainting"),
    )
)
