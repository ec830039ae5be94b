"""Public cases for chapter 8, escaping collapse (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch08-combined-gain",
        cases=(
            ((1.5, 0.0, 0.0, 1.0), 1.5),
            ((1.5, 0.2, 0.0, 1.0), 1.2000000000000002),
            ((2.0, 0.0, 0.1, 1.0), 1.8),
            ((2.0, 0.0, 0.0, 2.5), 0.8),
            ((np.array([1.2, 1.5, 3.0]), 0.1, 0.05, np.array([0.5, 1.0, 2.0])), np.array([2.052, 1.2825, 1.2825])),
        ),
        # The knobs of mctools.feedback, composed and differentiated, give the gain numerically.
        forbidden=("mctools.feedback",),
    )
)
