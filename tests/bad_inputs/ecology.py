import numpy as np

import mctools as mc

from .entry import Entry

CLASH = [[0.5, 0.5], np.full((3, 2), 0.5)]  # neither broadcasts with the (3,) arrays of the valid calls
SEED_BANK = {"yield_good": 5.0, "survival": [0.5, 0.9, 1.0]}
# One probability per environment (2), broadcasting over the strategies (3).
ENVIRONMENTS = {"fitness": [[1.0, 2.0, 3.0], np.ones((3, 3))]}
ENVIRONMENTS |= {"probabilities": [[1.0], [0.2, 0.3, 0.5], np.full((2, 2), 0.5)]}
GROWTH = {"fitness": [[1.5, 0.5], [1.0, 1.0], [2.0, 0.0]], "probabilities": [0.5, 0.5]}
HISTORY = {"fitness": [[1.5, 0.5], [1.0, 1.0]], "environments": [[0, 1, 1], [1, 0, 0]]}
BRANCHING = {"mean_offspring": [1.5, 0.8, 1.2, 1.0], "generations": 4, "founders": 2, "replicates": 3, "ceiling": 1000}
# mean_offspring: one per generation (4), set by generations; ceiling * mean_offspring within numpy's Poisson
# sampler; ceiling >= founders.
SIZES = {"mean_offspring": [[1e15] * 4], "generations": [3, 5], "founders": [1001], "ceiling": [10**17, 2**64]}

ENTRIES = [
    Entry(mc.random_environments, {"probabilities": [0.3, 0.7], "generations": 6, "replicates": 3, "rng": 0}),
    Entry(mc.log_growth_rate, GROWTH, ENVIRONMENTS),
    # an index for each environment of fitness
    Entry(mc.log_population, HISTORY, {"fitness": [[1.0]], "environments": [[[0, 2, 1], [1, 0, 0]]]}),
    Entry(mc.branching_process, BRANCHING, SIZES),
    Entry(mc.extinction_probability, {"mean_offspring": [0.0, 0.5, 1.0, 1.5, 3.0]}),
    Entry(mc.extinction_by_generation, {"mean_offspring": [[1.5, 0.8, 1.2], [0.5, 2.0, 1.0]], "founders": 2}),
    Entry(mc.seed_bank_fitness, {"germination": [0.0, 0.5, 1.0], **SEED_BANK}, dict.fromkeys(SEED_BANK, CLASH)),
    Entry(mc.germination_optimum, {"p": [0.3, 0.6, 0.9], **SEED_BANK}, dict.fromkeys(["p", *SEED_BANK], CLASH)),
]
