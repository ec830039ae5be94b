"""Chapter 4, your favourite band: the urn's feedback function, safe for any exponent."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, log_uniform, register


def _f_safe(share, exponent):
    return mc.urn_feedback(share, exponent)


def _draw(rng: np.random.Generator) -> list[tuple]:
    scalars = [(float(rng.uniform(0.0, 1.0)), float(log_uniform(rng, 0.1, 3000.0))) for _ in range(6)]
    arrays = [(np.concatenate([[0.0, 1.0], rng.uniform(0.0, 1.0, 4)]), float(log_uniform(rng, 100.0, 1e4)))]
    return scalars + arrays


register(
    Hidden(
        "ex-ch04-safe-feedback",
        _f_safe,
        edge_cases=(
            (0.5, 1e6),  # the balanced point stays balanced however strong the feedback
            (np.array([0.0, 0.49, 0.51, 1.0]), 5e3),  # both powers underflow between the ends
            (1e-300, 0.5),  # a share so small that 1 - x rounds to 1
            (np.array([[0.3, 0.7], [0.1, 0.9]]), 1e-3),  # nearly no feedback: every share near 1/2
        ),
        draw=_draw,
    )
)
