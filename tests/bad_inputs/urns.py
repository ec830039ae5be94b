import mctools as mc

from .entry import Entry

EMPTY = {"initial": [(0, 0)]}  # an urn needs a ball
RACE = {"initial": [(0, 0), (0, 3), (3, 0)]}  # a ball of each colour for a lock-in race
ESTIMATE = {"initial": (2, 1), "draws": 20, "replicates": 200, "exponent": 2.0, "margin": 0.05, "rng": 0}

ENTRIES = [
    Entry(mc.urn_feedback, {"share": [0.0, 0.2, 0.5, 0.9, 1.0], "exponent": 2.0}),
    Entry(mc.polya_urn, {"initial": (1, 2), "draws": 10, "replicates": 4, "exponent": 1.5, "rng": 0}, EMPTY),
    Entry(mc.lock_in_estimate, ESTIMATE, EMPTY),
    Entry(mc.lock_in_probability, {"initial": (2, 3), "exponent": 2.0, "terms": 500}, RACE),
]
