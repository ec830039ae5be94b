"""Checks for chapter 6, slack."""

from __future__ import annotations

import numpy as np

from ..distributions import softmax
from ._core import function_check, register


def _softmax_regret_reference(gaps, temperature):
    gaps = np.asarray(gaps, dtype=float)
    return (softmax(-gaps, temperature) * gaps).sum(axis=-1)


register("ex-ch06-softmax-regret")(
    function_check(
        "ex-ch06-softmax-regret",
        _softmax_regret_reference,
        cases=[
            (np.array([0.0, 0.5]), 0.2),
            (np.array([0.0, 0.5]), 5.0),
            (np.array([0.3, 0.0, 0.1]), 0.05),
            (np.array([[0.0, 0.4], [0.2, 0.0], [0.0, 0.0]]), 0.1),
            (np.array([0.0, 1.0, 2.0]), 1e-3),  # nearly greedy: the worse arms get (almost) nothing
        ],
    )
)
