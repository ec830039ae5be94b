"""Chapter 1, the image generator: the share of dogs drawn under the most-probable-class rule."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, log_uniform, register


def _map_policy_share(share, separation):
    return mc.output_share(share, separation, policy="map")


def _draw(rng: np.random.Generator) -> list[tuple]:
    scalars = [(float(rng.uniform(0.02, 0.98)), float(log_uniform(rng, 0.1, 6.0))) for _ in range(6)]
    arrays = [(rng.uniform(0.01, 0.99, size=int(rng.integers(3, 8))), float(log_uniform(rng, 0.1, 6.0)))]
    return scalars + arrays


register(
    Hidden(
        "ex-ch01-map-policy",
        _map_policy_share,
        edge_cases=(
            (0.001, 0.05),  # a rare class and a weak signal: the threshold is far out, nothing drawn
            (0.999, 3.0),
            (0.25, 40.0),  # an unambiguous signal: the generator draws the training share
            (np.array([[0.2, 0.4], [0.6, 0.8]]), 0.7),  # any array shape
        ),
        draw=_draw,
    )
)
