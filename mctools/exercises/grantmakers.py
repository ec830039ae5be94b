"""Public cases for chapter 3, grant-makers (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch03-award-share",
        cases=(
            ((0.7, 3.73, 1.6, 1.0), 0.7499283779903354),
            ((0.5, 2.0, 2.0, 1.0), 0.49999999999999994),
            ((0.3, 0.5, 8.0, 0.5), 0.21750392944685573),
            ((0.9, 10.0, 0.2, 1.5), 0.9997708904209105),
            ((0.6, 1.0, 4.0, -0.5), 0.6156535131148748),
            (
                (np.array([0.1, 0.5, 0.7, 0.95]), 3.0, 1.0, 1.0),
                np.array([0.14917494592606914, 0.6120975554494344, 0.7864126308361733, 0.9677225561400794]),
            ),
        ),
        # "Use only NumPy and scipy.special.ndtr": mctools.award_share and fund_probability do it.
        forbidden=("mctools.screening",),
    )
)
