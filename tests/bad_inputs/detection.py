"""Bad inputs for ``mctools.detection``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, COUNT, NAN, OPEN_UNIT, POSITIVE, PROBABILITIES, REAL, RNG, UNIT_ARRAY

NOT_AN_ARRAY = [NAN, "1.0", True, 1.0]  # the paths need a time axis: a scalar is refused too
# A lattice step: too coarse (every log-likelihood ratio rounds to 0) or so fine that the ratios overflow.
STEP = [*POSITIVE, 10.0, 1e-320]
CHANGE = [0.2] * 10 + [0.5] * 10

ENTRIES = [
    Entry(
        mc.cusum_path,
        {"increments": [[0.5, -1.0, 2.0], [1.0, 1.0, -3.0]]},
        {"increments": [*ARRAY, *NOT_AN_ARRAY, [1e308, 1e308], [-1e308, -1e308, 1.0], [[]]]},
    ),
    Entry(
        mc.first_alarm,
        {"paths": [[0.5, 0.0, 2.0], [1.0, 2.0, 0.0]], "threshold": 1.5},
        # a negative entry: raw increments passed where the CUSUM path was meant
        {"paths": [*ARRAY, *NOT_AN_ARRAY, [0.5, -1.0, 2.0], [[]]], "threshold": [*POSITIVE, [1.5]]},
    ),
    Entry(
        mc.cusum_run_length,
        {"scores": [2, -1], "probabilities": [0.3, 0.7], "threshold": 5},
        {
            "scores": [
                [2.0, -1.0],
                [2.5, -1],
                [],
                [[2, -1]],
                "ab",
                None,
                [True, False],
                [[2], [1, -1]],
                2,
                [2 + 0j, -1],
                [10**30, -1],
                [2, -1, 1],
                np.array([2, -1], dtype=float),
            ],
            "probabilities": [*PROBABILITIES, [1.0], [0.3, 0.7, 0.0], [[0.3, 0.7]], 0.5, [1e-300, 1.0]],
            # 2000: the chain drifts down, so the run length is astronomically long; 10**7: too many states
            "threshold": [*COUNT, 2000, 10**7],
        },
    ),
    Entry(
        mc.bernoulli_scores,
        {"p0": 0.2, "p1": 0.3, "step": 0.01},
        {"p0": [*OPEN_UNIT, 0.3], "p1": [*OPEN_UNIT, 0.2], "step": STEP},
    ),
    Entry(
        mc.bernoulli_run_length,
        {"p": 0.2, "p0": 0.2, "p1": 0.3, "threshold": 2.0, "step": 0.01},
        {
            "p": [*OPEN_UNIT, [0.2]],
            "p0": [*OPEN_UNIT, 0.3],
            "p1": [*OPEN_UNIT, 0.2],
            # 100 nats: a false alarm every ~1e40 observations; 1e300: too many lattice states
            "threshold": [*POSITIVE, 100.0, 1e300],
            "step": [*STEP, 1e-9],
        },
    ),
    Entry(
        mc.bernoulli_threshold,
        {"p0": 0.2, "p1": 0.3, "false_alarm": 100.0, "step": 0.01},
        {
            "p0": [*OPEN_UNIT, 0.3],
            "p1": [*OPEN_UNIT, 0.2],
            "false_alarm": [*REAL, 0.5, 0.0, -1.0, 1e13, 1e300, [100.0]],
            "step": [*STEP, 1e-7],
        },
    ),
    Entry(
        mc.simulate_bernoulli_cusum,
        {"p": CHANGE, "p0": 0.2, "p1": 0.5, "threshold": 1.0, "steps": 20, "replicates": 5, "step": 0.01, "rng": 0},
        {
            "p": [*UNIT_ARRAY, NAN, -0.1, 1.5, "0.3", True, CHANGE[:-1], [CHANGE], [0.3, 0.4]],
            "p0": [*OPEN_UNIT, 0.5],
            "p1": [*OPEN_UNIT, 0.2],
            "threshold": [*POSITIVE, 1e300, [1.0]],
            "steps": COUNT,
            "replicates": COUNT,
            "step": STEP,
            "rng": RNG,
        },
    ),
]
