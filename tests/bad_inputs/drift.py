import mctools as mc

from .entry import Entry

REFIT = {"sample_size": 5, "generations": 3, "replicates": 2, "rng": 0}
REGRESSION = {"features": 2, "samples": 6, "generations": 3, "replicates": 2, "rng": 0}
DRIFT = {"p0": [0.5, 0.3, 0.2], "population": 20, "generations": 4, "replicates": 2, "rng": 0}

# Reused real points: round(0.4 * 5) = 2 of them, drawn once.
REUSED = {**REFIT, "fresh_fraction": 0.4, "reuse_real": True}

ENTRIES = [
    # reused real points need replacing data and the same count every generation (round(0.4 * [3, 5, 6]) = [1, 2, 2])
    Entry(mc.gaussian_refit, REUSED, {"sample_size": [[3, 5, 6]], "accumulate": [True]}),
    Entry(mc.regression_refit, REGRESSION, {"features": [5, 100]}),  # samples >= features + 2
    Entry(mc.wright_fisher, DRIFT, {"record_every": [5, 100]}),  # record_every at most generations (4)
]
