import numpy as np

import mctools as mc

from .entry import Entry
from .values import MISBEHAVING

# Callable qualities must be non-decreasing, concave and finite on 0, 1, ..., total.
QUALITY = [*MISBEHAVING, lambda n: n**2, lambda n: -n, lambda n: np.where(n > 2, np.inf, n), lambda n: float(n.sum())]
SPLIT = {"weights": [[1.0, 0.5, 0.2], [0.3, 0.3, 2.0]], "total": 6, "quality": "exp", "scale": 2.0, "temperature": 0.1}
ALBUMS = {"head_start": [0.5, 0.3, 0.2], "albums": 3, "songs": 4, "quality": np.sqrt, "scale": 1.0, "learning": 0.5}

ENTRIES = [
    Entry(mc.best_integer_split, SPLIT, {"quality": QUALITY}),
    Entry(mc.plan_albums, ALBUMS | {"temperature": 0.1}, {"quality": QUALITY}),
]
