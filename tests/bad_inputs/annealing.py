"""Bad inputs for ``mctools.annealing``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, CHOICE, COUNT, NONNEGATIVE, NONNEGATIVE_INTEGER, POSITIVE, POSITIVE_ARRAY, RNG

REWARDS = [0.0, 1.0, 0.5, 2.0]
SCHEDULE = [1.0, 0.5, 0.2]
# A landscape: 1-D, finite, at least two states.
BAD_REWARDS = [*ARRAY, 1.0, [1.0], [[0.0, 1.0], [1.0, 0.0]], np.zeros((2, 2, 2))]
# A schedule: 1-D, finite, positive; empty is allowed (no steps), so it is not in this list.
BAD_SCHEDULE = [
    *(value for value in POSITIVE_ARRAY if not (isinstance(value, list) and value == [])),
    0.5,
    [[1.0, 0.5]],
    [1.0, -0.5],
    [[]],
]
BAD_START = [*NONNEGATIVE_INTEGER, 4, 100]  # 4 states: 0..3

ENTRIES = [
    Entry(
        mc.rugged_landscape,
        {"size": 12, "ripple": 0.2, "period": 3.0},
        {"size": [*COUNT, 9, 1], "ripple": NONNEGATIVE, "period": [*POSITIVE, 1e-310]},
    ),
    Entry(
        mc.temperature_schedule,
        {"kind": "geometric", "steps": 5, "start": 2.0, "end": 0.1},
        {
            "kind": [*CHOICE, "Geometric", "linear"],
            "steps": COUNT,
            "start": [*POSITIVE, 1e-310, 5e-324],  # end / start overflows
            "end": [*POSITIVE, 1e-320, 1e-310],
        },
    ),
    Entry(
        mc.metropolis_matrix,
        {"rewards": REWARDS, "temperature": 0.5},
        {"rewards": BAD_REWARDS, "temperature": POSITIVE},
    ),
    Entry(
        mc.annealing_distribution,
        {"rewards": REWARDS, "schedule": SCHEDULE, "start": 0},
        {"rewards": BAD_REWARDS, "schedule": BAD_SCHEDULE, "start": BAD_START},
    ),
    Entry(
        mc.simulated_annealing,
        {"rewards": REWARDS, "schedule": SCHEDULE, "start": 0, "replicates": 3, "rng": 0},
        {
            "rewards": BAD_REWARDS,
            "schedule": BAD_SCHEDULE,
            "start": BAD_START,
            "replicates": COUNT,
            "rng": RNG,
        },
    ),
]
