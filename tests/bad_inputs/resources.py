import numpy as np

import mctools as mc

from .entry import Entry

CLASH = [[0.1, 0.2, 0.3], np.full((2, 3), 0.1)]  # neither broadcasts with the (2,) arrays of the valid calls
HARVEST = {"effort": [0.5, 3.0], "growth": 0.2, "capacity": 1.0, "catchability": [0.1, 0.2]}
RATES, CURVE = dict.fromkeys(("growth", "capacity", "catchability"), CLASH), ("stock", "growth", "capacity")
PATHS = {**HARVEST, "stock0": [0.5, 0.8], "effort": [[1.0, 1.0, 0.5], [0.0, 1.0, 2.0]], "catchability": 0.1, "dt": 0.5}
ISLAND = {"days": 5, "learning": [0.1, 0.3], "forgetting": [0.05, 0.1], "novice": 0.1, "max_experience": 8}
ISLAND |= {"start": (5, 4), "growth": 0.05, "catchability": 0.2, "stock0": 1.0, "requirement": 0.2, "reserve": 2.0}
ISLAND |= {"sunny": 0.75, "replicates": 3, "history": True, "rng": 0}
GRID = ("learning", "forgetting", "novice", "growth", "catchability", "stock0", "requirement", "reserve")
# start within max_experience (8), and broadcasting with the grid (2 cells)
OFF_THE_GRID = {"max_experience": [4], "start": [([5, 5, 5], 4), ([5, 5, 5], [4, 4, 4])]}

ENTRIES = [
    Entry(
        mc.logistic_growth, {"stock": [0.2, 1.5], "growth": 0.1, "capacity": [1.0, 2.0]}, dict.fromkeys(CURVE, CLASH)
    ),
    Entry(mc.equilibrium_stock, HARVEST, RATES | {"effort": CLASH}),
    Entry(mc.sustainable_yield, HARVEST, RATES | {"effort": CLASH}),
    Entry(mc.maximum_sustainable_yield, {"growth": [0.2, 0.4], "capacity": 1.0, "catchability": [0.1, 0.2]}, RATES),
    Entry(mc.simulate_harvest, PATHS, RATES | {"stock0": CLASH, "effort": [[[1.0]] * 3, np.ones((3, 3))]}),
    Entry(mc.cloudiness_cdf, {"c": [-0.5, 0.1, 0.5, 0.7, 1.2], "sunny": 0.6}),
    Entry(mc.sample_cloudiness, {"shape": (2, 3), "sunny": 0.6, "rng": 0}),
    Entry(mc.simulate_island, ISLAND, dict.fromkeys(GRID, CLASH) | OFF_THE_GRID),
]
