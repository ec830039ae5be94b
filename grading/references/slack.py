"""Chapter 6, slack: the expected regret of a softmax explorer who knows every value."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, log_uniform, register


def _softmax_regret(gaps, temperature):
    gaps = np.asarray(gaps, dtype=float)
    return (mc.softmax(-gaps, temperature) * gaps).sum(axis=-1)


def _gaps(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Gaps along the last axis, one of them zero in each row (the best activity)."""
    gaps = rng.uniform(0.0, 2.0, shape)
    best = rng.integers(shape[-1], size=shape[:-1])
    np.put_along_axis(gaps, best[..., None], 0.0, axis=-1)
    return gaps


def _draw(rng: np.random.Generator) -> list[tuple]:
    scalars = [(_gaps(rng, int(rng.integers(2, 7))), float(log_uniform(rng, 0.01, 10.0))) for _ in range(6)]
    return [*scalars, (_gaps(rng, 4, 3), float(log_uniform(rng, 0.01, 10.0)))]


register(
    Hidden(
        "ex-ch06-softmax-regret",
        _softmax_regret,
        edge_cases=(
            (np.array([0.0, 0.0, 0.0]), 0.3),  # every activity is the best: no regret
            (np.array([0.0, 1e-3]), 1e-5),  # a tiny temperature: exp(-gap/T) underflows
            (np.array([0.0, 0.5, 1.0]), 1e4),  # hot: nearly uniform, the mean gap
            (np.array([[[0.0, 0.3], [0.6, 0.0]], [[0.0, 0.0], [0.2, 0.0]]]), 0.2),  # any leading shape
        ),
        draw=_draw,
    )
)
