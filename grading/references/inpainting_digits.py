"""Chapter 2, inpainting real digits: the conditional mean of the hidden pixels given the visible ones."""

from __future__ import annotations

import numpy as np

from . import Hidden, register


def _hidden_mean(mean, covariance, visible, x):
    mean, covariance = np.asarray(mean, dtype=float), np.asarray(covariance, dtype=float)
    shown = np.asarray(visible, dtype=bool)
    weights = np.linalg.solve(covariance[np.ix_(shown, shown)], np.asarray(x, dtype=float) - mean[shown])
    return mean[~shown] + covariance[np.ix_(~shown, shown)] @ weights


def _gaussian(rng: np.random.Generator, d: int, visible: np.ndarray) -> tuple:
    factor = rng.standard_normal((d, d))
    covariance = factor @ factor.T + d * np.eye(d)  # well conditioned, as a fitted PPCA model is
    return rng.normal(0.0, 2.0, d), covariance, visible, rng.normal(0.0, 3.0, int(visible.sum()))


def _draw(rng: np.random.Generator) -> list[tuple]:
    cases = []
    for d in rng.integers(2, 12, size=6):
        visible = rng.random(d) < 0.5
        visible[rng.integers(d)] = True  # at least one visible coordinate
        if visible.all():
            visible[rng.integers(d)] = False  # and at least one hidden
        cases.append(_gaussian(rng, int(d), visible))
    return cases


register(
    Hidden(
        "ex-ch02-hidden-mean",
        _hidden_mean,
        edge_cases=(
            _gaussian(np.random.default_rng(1), 64, np.arange(64) < 16),  # a digit: the top two rows shown
            _gaussian(np.random.default_rng(2), 5, np.array([False, False, False, False, True])),  # one pixel shown
            (
                np.zeros(2),
                np.array([[1.0, 0.999], [0.999, 1.0]]),
                np.array([True, False]),
                np.array([1.0]),
            ),  # near singular
        ),
        draw=_draw,
    )
)
