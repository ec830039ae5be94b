"""Bad inputs for ``mctools.feedback``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import NOT_CALLABLE, POSITIVE_ARRAY, UNIT_ARRAY


def steep(x):
    return 0.5 + 1.5 * (np.asarray(x) - 0.5)  # gain 1.5 at the balanced point


TWO = [0.1, 0.3]  # a valid knob setting per share of a pair
MISMATCHED = [0.2, 0.4, 0.6]  # in range, but does not broadcast against TWO
NOT_A_MAP = [*NOT_CALLABLE, 0.5, [steep], np.array([1.0, 2.0])]
UNIT_KNOB = [*UNIT_ARRAY, -0.1, 1.5, np.float64("nan")]
# Gains, deviations: strictly positive array_likes.
POSITIVE_KNOB = [*POSITIVE_ARRAY, 0.0, -1.0, np.float64("inf")]

ENTRIES = [
    Entry(
        mc.with_fresh_data,
        {"G": steep, "fraction": TWO, "real_share": [0.4, 0.6]},
        {"G": NOT_A_MAP, "fraction": [*UNIT_KNOB, MISMATCHED], "real_share": [*UNIT_KNOB, MISMATCHED]},
    ),
    Entry(mc.with_exploration, {"G": steep, "epsilon": TWO}, {"G": NOT_A_MAP, "epsilon": UNIT_KNOB}),
    Entry(mc.with_temperature, {"G": steep, "temperature": [0.5, 2.0]}, {"G": NOT_A_MAP, "temperature": POSITIVE_KNOB}),
    Entry(mc.knob_thresholds, {"gain": [0.5, 1.5, 3.0]}, {"gain": POSITIVE_KNOB}),
    Entry(
        mc.monitoring_interval,
        {"gain": [1.5, 2.0], "initial_deviation": 0.01, "tolerated_deviation": [0.1, 0.2]},
        {
            "gain": [*POSITIVE_KNOB, 1.0, 0.5, [1.5, 1.0], [1.5, 2.0, 3.0]],
            "initial_deviation": [*POSITIVE_KNOB, 0.15, [0.01, 0.5], MISMATCHED],
            "tolerated_deviation": [*POSITIVE_KNOB, 0.005, [0.1, 0.001], MISMATCHED],
        },
    ),
]
