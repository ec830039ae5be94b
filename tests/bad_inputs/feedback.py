import numpy as np

import mctools as mc

from .entry import Entry


def steep(x):
    return 0.5 + 1.5 * (np.asarray(x) - 0.5)  # gain 1.5 at the balanced point


MISMATCHED = [0.2, 0.4, 0.6]  # in range, but does not broadcast against the pairs of the valid calls
MONITORING = {"gain": [1.5, 2.0], "initial_deviation": 0.01, "tolerated_deviation": [0.1, 0.2]}
# The tolerated deviation is at least the initial one.
DEVIATIONS = {"gain": [MISMATCHED], "initial_deviation": [0.15, [0.01, 0.5], MISMATCHED]}
DEVIATIONS |= {"tolerated_deviation": [0.005, [0.1, 0.001], MISMATCHED]}
FRESH = {"G": steep, "fraction": [0.1, 0.3], "real_share": [0.4, 0.6]}

ENTRIES = [
    Entry(mc.with_fresh_data, FRESH, {"fraction": [MISMATCHED], "real_share": [MISMATCHED]}),
    Entry(mc.with_exploration, {"G": steep, "epsilon": [0.1, 0.3]}),
    Entry(mc.with_temperature, {"G": steep, "temperature": [0.5, 2.0]}),
    Entry(mc.knob_thresholds, {"gain": [0.5, 1.5, 3.0]}),
    Entry(mc.monitoring_interval, MONITORING, DEVIATIONS),
]
