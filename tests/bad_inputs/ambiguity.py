import numpy as np

import mctools as mc

from .entry import Entry

THREE = [0.2, 0.5, 0.9]  # valid shares; length 3 so that a length-2 array cannot broadcast
CLASH = [[0.5, 0.5], np.ones((4, 1, 2))]
SIMULATION = {"share": 0.3, "separation": 1.0, "quality_ratio": 1.5, "samples": 200, "rng": 0}
SHARE = {"share": THREE, "separation": 1.0, "quality_ratio": [2.0, 1.0, 0.5]}
MAP = {"share": THREE, "separation": [1.0, 1.0, 2.0], "capacity": 2.0, "scale": 0.5}

ENTRIES = [
    Entry(
        mc.posterior, {"x": [-1.0, 0.0, 2.0], "share": THREE, "separation": 1.5}, dict.fromkeys(("x", "share"), CLASH)
    ),
    Entry(mc.output_share, SHARE, dict.fromkeys(SHARE, CLASH)),
    Entry(mc.simulate_output_share, SIMULATION),
    Entry(mc.generator_map, MAP, dict.fromkeys(("share", "separation"), CLASH)),
]
