"""Chapter 7, evolution: extinction with geometric offspring."""

from __future__ import annotations

import numpy as np

from . import Hidden, register


def _geometric_extinction(mean_offspring, founders):
    """``min(1, 1/m) ** founders``: the smaller root of ``q (1 + m - m q) = 1``, per lineage."""
    m = np.asarray(mean_offspring, dtype=float)
    q = 1.0 / np.maximum(m, 1.0)
    return q**founders


def _draw(rng: np.random.Generator) -> list[tuple]:
    scalars = [(float(rng.uniform(0.0, 5.0)), int(rng.integers(1, 6))) for _ in range(6)]
    return [*scalars, (rng.uniform(0.0, 5.0, size=6), int(rng.integers(1, 6)))]


register(
    Hidden(
        "ex-ch07-geometric-extinction",
        _geometric_extinction,
        edge_cases=(
            (0.0, 1),  # no offspring at all: certain extinction
            (1.0 + 1e-9, 1),  # just supercritical: q just below 1
            (1e6, 1),
            (3.0, 0),  # no founders: extinct from the start
            (np.array([[0.5, 1.0], [2.0, 4.0]]), 3),  # any array shape
        ),
        draw=_draw,
    )
)
