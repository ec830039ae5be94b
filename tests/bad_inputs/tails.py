"""Bad inputs for ``mctools.tails``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import COUNT, NONNEGATIVE_ARRAY, POSITIVE, UNIT

ENTRIES = [
    Entry(
        mc.memoriser_error,
        {"samples": [0, 10, 100], "exponent": 1.5, "vocabulary": 20, "cutoff": 5, "clean_fraction": 0.1},
        {
            "samples": NONNEGATIVE_ARRAY,
            "exponent": POSITIVE,
            "vocabulary": COUNT,
            "cutoff": [v for v in COUNT if v is not None] + [21, 100],  # None is clean data; 21 > vocabulary
            "clean_fraction": UNIT,
        },
    ),
]
