"""Chapter 5, division of labour: how often the islander hunts."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, register


def _hunting_probability(hunting_skill, fishing_skill, stock, sunny):
    """``F(θ)`` with ``θ = hN / (hN + f)`` and F the cloudiness CDF of section 4.3."""
    edge = np.asarray(hunting_skill, dtype=float) * np.asarray(stock, dtype=float)
    return mc.cloudiness_cdf(edge / (edge + np.asarray(fishing_skill, dtype=float)), sunny)


def _draw(rng: np.random.Generator) -> list[tuple]:
    def one(size=None):
        return rng.uniform(0.05, 1.0, size), rng.uniform(0.05, 1.0, size), rng.uniform(0.0, 1.0, size)

    scalars = [(*(float(x) for x in one()), float(rng.uniform(0.0, 1.0))) for _ in range(6)]
    return [*scalars, (*one(size=6), float(rng.uniform(0.0, 1.0)))]


register(
    Hidden(
        "ex-ch05-hunting-probability",
        _hunting_probability,
        edge_cases=(
            (0.7, 1e-6, 1.0, 0.4),  # fishing forgotten: the threshold is 1, she always hunts
            (0.6, 0.3, 0.0, 0.9),  # no prey: never
            (0.5, 0.5, 1.0, 0.0),  # never sunny: the threshold 1/2 is the lowest cloudy day
            (0.5, 0.5, 1.0, 1.0),  # always sunny
            (np.array([[0.2, 0.9], [0.5, 0.5]]), np.array([[0.9, 0.2], [0.5, 0.1]]), np.array([[1, 0.5], [0, 1]]), 0.6),
        ),
        draw=_draw,
    )
)
