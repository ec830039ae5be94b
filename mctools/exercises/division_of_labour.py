"""Checks for chapter 5, division of labour."""

from __future__ import annotations

import numpy as np

from ..resources import cloudiness_cdf
from ._core import function_check, register


def _hunting_probability_reference(hunting_skill, fishing_skill, stock, sunny):
    edge = np.asarray(hunting_skill, dtype=float) * np.asarray(stock, dtype=float)
    return cloudiness_cdf(edge / (edge + np.asarray(fishing_skill, dtype=float)), sunny)


register("ex-ch05-hunting-probability")(
    function_check(
        "ex-ch05-hunting-probability",
        _hunting_probability_reference,
        cases=[
            (0.8, 0.8, 1.0, 0.75),  # equal skills, full stock: the sunny days, p
            (0.9, 0.1, 1.0, 0.75),  # fishing nearly forgotten: the threshold is above 1/2
            (0.9, 0.9, 0.3, 0.75),  # scarce prey: the threshold falls below 1/2
            (0.5, 0.5, 0.0, 0.6),  # no prey at all: never hunts
            (0.7, 0.4, 0.5, 0.5),
            (np.array([0.2, 0.6, 0.9, 0.9]), np.array([0.9, 0.6, 0.3, 0.05]), np.array([1.0, 0.5, 0.8, 0.2]), 0.75),
        ],
    )
)
