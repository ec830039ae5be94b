"""The appendix, free energy: the optimal free energy ``T ln Σ exp(r/T)``, without overflow."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, log_uniform, register


def _soft_value(rewards, temperature):
    return mc.optimal_free_energy(rewards, temperature)


def _draw(rng: np.random.Generator) -> list[tuple]:
    def rewards(*shape: int) -> np.ndarray:
        return rng.uniform(-1.0, 1.0, shape) * log_uniform(rng, 0.1, 2000.0)

    scalars = [(rewards(int(rng.integers(2, 9))), float(log_uniform(rng, 1e-3, 100.0))) for _ in range(6)]
    return [*scalars, (rewards(3, 4), float(log_uniform(rng, 1e-3, 100.0)))]


register(
    Hidden(
        "ex-chA-soft-value",
        _soft_value,
        edge_cases=(
            (np.array([5000.0, 4999.0]), 1e-3),  # exp(r/T) overflows by far
            (np.array([-5000.0, -5000.5, -6000.0]), 0.05),  # every exp(r/T) underflows
            (np.array([3.0]), 0.7),  # one option: its reward
            (np.array([[1.0, 2.0], [-1.0, -2.0], [0.0, 0.0]]), 1.0),  # one value per row
        ),
        draw=_draw,
    )
)
