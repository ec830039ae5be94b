"""Public cases for chapter 1, the image generator (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch01-map-policy",
        cases=(
            ((0.5, 1.0), 0.5),
            ((0.7, 1.0), 0.8284853539653259),
            ((0.3, 2.5), 0.28488961107058436),
            ((0.9, 0.25), 1.0),
            (
                (np.array([0.1, 0.5, 0.6, 0.95]), 1.5),
                np.array([0.03578382702124695, 0.5, 0.6340151497679338, 0.9912038142514814]),
            ),
        ),
        # "Use only NumPy and scipy.special.ndtr": mctools.output_share is the answer itself.
        forbidden=("mctools.ambiguity",),
    )
)
