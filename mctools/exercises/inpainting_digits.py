"""Checks for chapter 2, inpainting real digits."""

from __future__ import annotations

import numpy as np

from ._core import function_check, register


def _hidden_mean_reference(mean, covariance, visible, x):
    mean, covariance = np.asarray(mean, float), np.asarray(covariance, float)
    v = np.asarray(visible, bool)
    weights = np.linalg.solve(covariance[np.ix_(v, v)], np.asarray(x, float) - mean[v])
    return mean[~v] + covariance[np.ix_(~v, v)] @ weights


def _case(d: int, visible: list[bool], seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    factor = rng.standard_normal((d, d))
    covariance = factor @ factor.T + d * np.eye(d)  # well conditioned
    mean = rng.normal(0.0, 2.0, d)
    mask = np.array(visible)
    return mean, covariance, mask, rng.normal(0.0, 3.0, int(mask.sum()))


register("ex-ch02-hidden-mean")(
    function_check(
        "ex-ch02-hidden-mean",
        _hidden_mean_reference,
        cases=[
            (np.zeros(2), np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([True, False]), np.array([1.0])),
            _case(3, [False, True, True], 1),
            _case(4, [True, False, True, False], 2),
            _case(6, [True, True, True, False, False, False], 3),
            _case(6, [False, True, False, False, True, True], 4),
        ],
    )
)
