import mctools as mc

from .entry import Entry

# 1 - 1e-17 rounds to 1, which the accuracy must stay below
ENTRIES = [
    Entry(mc.information_cascade, {"accuracy": 0.7, "agents": 10, "replicates": 3, "rng": 0}, {"accuracy": [1 - 1e-17]})
]
