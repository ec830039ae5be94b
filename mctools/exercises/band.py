"""Public cases for chapter 4, your favourite band (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch04-safe-feedback",
        cases=(
            ((0.5, 1.0), 0.5),
            ((0.3, 2.0), 0.1551724137931034),
            (
                (np.array([0.1, 0.25, 0.6, 0.9]), 0.5),
                np.array([0.25000000000000006, 0.36602540378443865, 0.5505102572168219, 0.75]),
            ),
            ((np.array([0.0, 1.0]), 3.0), np.array([0.0, 1.0])),
            # Exponents so large that x**alpha and (1 - x)**alpha both underflow to zero: the
            # textbook formula returns 0/0 = NaN there, a numerically safe one does not.
            ((0.45, 2000.0), 5.0078182923121264e-175),
            ((np.array([0.0, 0.2, 0.5, 0.51, 1.0]), 800.0), np.array([0.0, 0.0, 0.5, 0.9999999999999873, 1.0])),
        ),
        atol=1e-12,
        # mctools.urn_feedback computes f safely already; the exercise is to write it.
        forbidden=("mctools.urns",),
    )
)
