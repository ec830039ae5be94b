import mctools as mc

from .entry import Entry

REFIT = {"sample_size": 5, "generations": 3, "replicates": 2, "rng": 0}
REGRESSION = {"features": 2, "samples": 6, "generations": 3, "replicates": 2, "rng": 0}
DRIFT = {"p0": [0.5, 0.3, 0.2], "population": 20, "generations": 4, "replicates": 2, "rng": 0}

ENTRIES = [
    # one sample size per generation (3), each above ddof = 1
    Entry(mc.gaussian_refit, REFIT, {"sample_size": [1, [5, 5], [5, 5, 5, 5], [5, 5, 1], [[5, 5, 5]]]}),
    Entry(mc.regression_refit, REGRESSION, {"features": [5, 100], "samples": [2, 3]}),  # samples >= features + 2
    # one row of p0 per replicate (2); record_every at most generations (4)
    Entry(mc.wright_fisher, DRIFT, {"p0": [[[0.5, 0.5]], [[0.5, 0.5]] * 3], "record_every": [5, 100]}),
    # reused real points need replacing data and the same count every generation
    Entry(mc.gaussian_refit, {**REFIT, "accumulate": True, "fresh_fraction": 0.4}, {"reuse_real": [True]}),
    Entry(mc.gaussian_refit, {**REFIT, "sample_size": [4, 5, 6], "fresh_fraction": 0.5}, {"reuse_real": [True]}),
]
