"""Bad inputs for ``mctools.cascades``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import COUNT, OPEN_UNIT, RNG

ENTRIES = [
    Entry(
        mc.information_cascade,
        {"accuracy": 0.7, "agents": 10, "replicates": 3, "rng": 0},
        {
            "accuracy": [*OPEN_UNIT, 0.5, 0.3, 1 - 1e-17],  # p must exceed 1/2; 1 - 1e-17 rounds to 1
            "agents": COUNT,
            "replicates": COUNT,
            "rng": RNG,
        },
    ),
]
