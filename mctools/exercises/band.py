"""Checks for chapter 4, your favourite band."""

from __future__ import annotations

import numpy as np

from ..urns import urn_feedback
from ._core import function_check, register

# The last cases use exponents so large that x**alpha and (1 - x)**alpha both underflow to
# zero: the textbook formula returns 0/0 = NaN there, a numerically safe one does not.
register("ex-ch04-safe-feedback")(
    function_check(
        "ex-ch04-safe-feedback",
        urn_feedback,
        cases=[
            (0.5, 1.0),
            (0.3, 2.0),
            (np.array([0.1, 0.25, 0.6, 0.9]), 0.5),
            (np.array([0.0, 1.0]), 3.0),
            (0.45, 2000.0),
            (np.array([0.0, 0.2, 0.5, 0.51, 1.0]), 800.0),
        ],
        atol=1e-12,
    )
)
