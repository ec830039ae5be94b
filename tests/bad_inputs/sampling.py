"""Bad inputs for ``mctools.sampling``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import NONNEGATIVE_INTEGER, PROBABILITIES, RNG

ENTRIES = [
    Entry(
        mc.multinomial_counts,
        {"n": 20, "p": [[0.2, 0.3, 0.5], [0.5, 0.5, 0.0]], "rng": 0},
        {"n": NONNEGATIVE_INTEGER, "p": PROBABILITIES, "rng": RNG},
    ),
]
