"""Public cases for the appendix, free energy (expected values are literals: no reference ships)."""

from __future__ import annotations

import numpy as np

from ._core import Exercise, register

register(
    Exercise(
        "ex-chA-soft-value",
        cases=(
            ((np.array([1.0, 0.0]), 1.0), 1.3132616875182228),
            ((np.array([1.0, 0.8, 0.5, 0.0]), 0.25), 1.1179660814942491),
            ((np.array([1000.0, 999.0, 0.0]), 0.01), 1000.0),  # exp(r/T) overflows
            ((np.array([-1000.0, -1001.0]), 0.1), -999.9999954601101),  # exp(r/T) underflows to 0
            ((np.array([[0.3, 0.2, 0.1], [5.0, -5.0, 0.0]]), 2.0), np.array([2.3988908969059963, 5.17019449272862])),
            ((np.array([2.0, 2.0, 2.0, 2.0]), 1e3), 1388.2943611198905),  # equal rewards: r + T ln K
        ),
        # "Use NumPy only (no scipy.special.logsumexp, no mctools)", as the exercise says.
        forbidden=("mctools", "scipy.special.logsumexp"),
    )
)
