"""Checks for the appendix, free energy."""

from __future__ import annotations

import numpy as np

from ..temperature import optimal_free_energy
from ._core import function_check, register

register("ex-chA-soft-value")(
    function_check(
        "ex-chA-soft-value",
        optimal_free_energy,
        cases=[
            (np.array([1.0, 0.0]), 1.0),
            (np.array([1.0, 0.8, 0.5, 0.0]), 0.25),
            (np.array([1000.0, 999.0, 0.0]), 0.01),  # exp(r/T) overflows
            (np.array([-1000.0, -1001.0]), 0.1),  # exp(r/T) underflows to 0
            (np.array([[0.3, 0.2, 0.1], [5.0, -5.0, 0.0]]), 2.0),  # one value per row
            (np.array([2.0, 2.0, 2.0, 2.0]), 1e3),  # equal rewards: r + T ln K
        ],
    )
)
