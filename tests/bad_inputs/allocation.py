import numpy as np

import mctools as mc

from .entry import Entry
from .values import MISBEHAVING, NAN

# Quality curves that are not increasing and concave, or are undefined near zero capacity.
NOT_CONCAVE = [lambda c: -c, lambda c: c**2, lambda c: np.exp(c), lambda c: np.ones_like(c)]
NOT_CONCAVE += [lambda c: np.log(c - 0.01), lambda c: np.where(c < 0.01, NAN, np.sqrt(c))]  # c = 0.01 is probed
ALLOCATION = {"frequencies": [0.5, 0.3, 0.2], "capacity": 2.0, "quality": "exp", "scale": 0.5}
# The same classes in both (3).
CLASSES = {"frequencies": [[0.5, 0.5], [[0.5, 0.5], [0.5, 0.5]]], "quality": MISBEHAVING}
CLASSES |= {"allocation": [[1.0, 1.0], [1.0, 0.5, 0.25, 0.25], [[1.0, 1.0]]]}
EXPECTED = {"frequencies": [0.5, 0.3, 0.2], "allocation": [1.0, 0.6, 0.4], "quality": "exp", "scale": 0.5}

ENTRIES = [
    Entry(mc.optimal_allocation, ALLOCATION, {"quality": [*MISBEHAVING, *NOT_CONCAVE]}),
    Entry(mc.expected_quality, EXPECTED, CLASSES),
]
