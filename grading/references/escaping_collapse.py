"""Chapter 8, escaping collapse: the gain after the three knobs."""

from __future__ import annotations

import numpy as np

from . import Hidden, log_uniform, register


def _combined_gain(gain, fresh, epsilon, temperature):
    """``g (1 - λ)(1 - ε) / T``: each knob multiplies the gain at the balanced point by its factor."""
    g, lam, eps, t = (np.asarray(x, dtype=float) for x in (gain, fresh, epsilon, temperature))
    return g * (1 - lam) * (1 - eps) / t


def _draw(rng: np.random.Generator) -> list[tuple]:
    def one(size=None):
        gain, fresh, epsilon = rng.uniform(1.0, 4.0, size), rng.uniform(0, 1, size), rng.uniform(0, 1, size)
        return gain, fresh, epsilon, log_uniform(rng, 0.1, 10.0, size)

    scalars = [tuple(float(x) for x in one()) for _ in range(6)]
    return [*scalars, one(size=5)]


register(
    Hidden(
        "ex-ch08-combined-gain",
        _combined_gain,
        edge_cases=(
            (2.0, 1.0, 0.0, 1.0),  # only fresh data: no feedback left
            (2.0, 0.0, 1.0, 1.0),  # only exploration
            (3.0, 0.5, 0.5, 1e3),
            (np.array([[1.5], [3.0]]), np.array([0.0, 0.25, 0.5]), 0.1, np.array([[0.5], [2.0]])),  # broadcasting
        ),
        draw=_draw,
    )
)
