"""Checks for chapter 8, escaping collapse."""

from __future__ import annotations

import numpy as np

from ._core import function_check, register


def _combined_gain_reference(gain, fresh, epsilon, temperature):
    return np.asarray(gain) * (1 - np.asarray(fresh)) * (1 - np.asarray(epsilon)) / np.asarray(temperature)


register("ex-ch08-combined-gain")(
    function_check(
        "ex-ch08-combined-gain",
        _combined_gain_reference,
        cases=[
            (1.5, 0.0, 0.0, 1.0),
            (1.5, 0.2, 0.0, 1.0),
            (2.0, 0.0, 0.1, 1.0),
            (2.0, 0.0, 0.0, 2.5),
            (np.array([1.2, 1.5, 3.0]), 0.1, 0.05, np.array([0.5, 1.0, 2.0])),
        ],
    )
)
