"""Chapter 3, grant-makers: the share of awards going to global health."""

from __future__ import annotations

import numpy as np

import mctools as mc

from . import Hidden, log_uniform, register


def _award_share(proposal_share, skill_gh, skill_aw, bar):
    return mc.award_share(proposal_share, skill_gh, skill_aw, bar)


def _draw(rng: np.random.Generator) -> list[tuple]:
    # Bars below 2.5 and skills above 0.2 keep both funding probabilities above about 1e-9, where
    # the exercise's ndtr (rather than log_ndtr) is exact enough.
    def one(size=None):
        p = rng.uniform(0.02, 0.98, size)
        return p, log_uniform(rng, 0.2, 10.0, size), log_uniform(rng, 0.2, 10.0, size), rng.uniform(-1.0, 2.5, size)

    scalars = [tuple(float(x) for x in one()) for _ in range(6)]
    return [*scalars, one(size=5)]


register(
    Hidden(
        "ex-ch03-award-share",
        _award_share,
        edge_cases=(
            (0.01, 1.0, 1.0, 2.0),  # equal skills: the award share is the proposal share
            (0.99, 0.2, 10.0, -1.0),  # a negative bar: weak evaluation favours the noisy area
            (np.array([0.2, 0.8]), np.array([5.0, 0.5]), np.array([0.5, 5.0]), np.array([1.0, 2.0])),
        ),
        draw=_draw,
    )
)
