"""Bad inputs for ``mctools.distributions``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import ARRAY, NOT_REAL, POSITIVE, PROBABILITIES

P = [0.2, 0.3, 0.5]

ENTRIES = [
    Entry(mc.validate_distribution, {"p": P}, {"p": PROBABILITIES, "name": [3, None, ""]}),
    Entry(mc.entropy, {"p": P}, {"p": PROBABILITIES}),
    Entry(
        mc.kl_divergence,
        {"p": P, "q": [0.4, 0.4, 0.2]},
        {"p": [*PROBABILITIES, [0.5, 0.5]], "q": [*PROBABILITIES, [[0.5, 0.5], [0.5, 0.5]]]},
    ),
    Entry(mc.softmax, {"rewards": [1.0, 2.0, 3.0], "temperature": 0.5}, {"rewards": ARRAY, "temperature": POSITIVE}),
    Entry(mc.temper, {"p": P, "temperature": 0.5}, {"p": PROBABILITIES, "temperature": [*POSITIVE, *NOT_REAL]}),
]
