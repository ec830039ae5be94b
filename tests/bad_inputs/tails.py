"""Bad inputs for ``mctools.tails``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry

ENTRIES = [
    Entry(
        mc.memoriser_error,
        {"samples": [0, 10, 100], "exponent": 1.5, "vocabulary": 20, "cutoff": 5, "clean_fraction": 0.1},
    ),
]
