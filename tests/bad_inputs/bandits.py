import numpy as np

import mctools as mc

from .entry import Entry

SHIFT = np.array([[1.0, 0.5, 0.2]] * 6 + [[0.2, 0.5, 1.0]] * 6)  # a shift after 6 of 12 steps
BANDIT = {"means": SHIFT, "replicates": 3, "epsilon": [0.0, 0.1, 0.0], "temperature": [0.0, 0.0, 0.5], "rng": 0}
BANDIT |= {"anneal": [np.inf, np.inf, 10.0], "period": [0, 4, 0], "step_size": 0.2, "probe_step_size": 0.5}
BANDIT |= {"initial": [1.0, 0.5, 0.2], "noise_sd": 0.5, "depletion": 0.1, "regrowth": 0.05}
# One row of means, of each strategy knob and of initial estimates per replicate (3); K = 3 activities.
ROWS = {"replicates": [2, 4]}
ROWS |= {"initial": [[1.0, 2.0], np.ones((2, 3)), np.ones((1, 1, 3)), np.ones((3, 3, 3))]}
STRATEGIES = {"greedy": {}, "ε-greedy": {"epsilon": 0.1}, "softmax": {"temperature": 0.5, "anneal": 10.0}}
MODES = {"leading": [[0, 0, 1, 1], [0, 0, 0, 0]], "best": [[1, 1, 1, 1], [1, 1, 1, 1]], "start": 1}
MISMATCHED = {"leading": [np.zeros((2, 3), int), np.zeros((3, 4), int)]}  # the shape (2, 4) of best

ENTRIES = [
    Entry(mc.simulate_bandit, BANDIT, ROWS),
    Entry(mc.strategy_arrays, {"strategies": STRATEGIES, "replicates": 2}),
    Entry(mc.escape_time, MODES, MISMATCHED),
]
