"""Public cases for chapter 6, slack (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-ch06-softmax-regret",
        cases=(
            ((np.array([0.0, 0.5]), 0.2), 0.03792909001062178),
            ((np.array([0.0, 0.5]), 5.0), 0.23751040626053),
            ((np.array([0.3, 0.0, 0.1]), 0.05), 0.012547879998224317),
            (
                (np.array([[0.0, 0.4], [0.2, 0.0], [0.0, 0.0]]), 0.1),
                np.array([0.007194483984836623, 0.02384058440442351, 0.0]),
            ),
            ((np.array([0.0, 1.0, 2.0]), 1e-3), 0.0),  # nearly greedy: the worse arms get (almost) nothing
        ),
        # Nothing forbidden: mctools.softmax is the intended building block, and no mctools
        # function computes the regret itself.
    )
)
