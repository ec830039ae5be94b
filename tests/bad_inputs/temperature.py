import numpy as np

import mctools as mc

from .entry import Entry

LOGITS = [0.0, -1.0, -3.0]
# Logits whose differences, or whose quotient by a temperature or a power of it, leave float64.
WIDE, EXTREME = [[1e308, -1e308]], [1e-310, 5e-324]
ENERGY = {"p": [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]], "rewards": [1.0, 0.0, 2.0], "temperature": 0.5}
CLASSES = {"p": [[0.5, 0.5], [[[0.5, 0.5]]]], "rewards": [[1.0, 2.0], [[1.0, 0.0, 2.0]] * 3, np.zeros((3, 1, 2))]}
RETRAINING = {"logits": LOGITS, "temperature": 0.8, "generations": 3}

ENTRIES = [
    Entry(mc.free_energy, ENERGY, CLASSES),
    Entry(mc.optimal_free_energy, {"rewards": [1.0, 0.0, 2.0], "temperature": 0.5}, {"temperature": EXTREME}),
    Entry(mc.temper_logits, {"logits": LOGITS, "temperature": 0.5}, {"logits": WIDE, "temperature": EXTREME}),
    Entry(mc.retrain_logits, RETRAINING, {"logits": WIDE, "temperature": [*EXTREME, 1e308], "generations": [10**6]}),
    Entry(mc.recover_logits, RETRAINING, {"logits": WIDE, "temperature": [*EXTREME, 1e308], "generations": [10**5]}),
    Entry(mc.log_variance_drift, {"sample_size": [2, 5, 10], "temperature": 1.2}),
    Entry(mc.critical_temperature, {"sample_size": [2, 5, 10]}),
]
