"""Bad inputs for ``mctools.sampling``: its parameters' domains say it all."""

from __future__ import annotations

import mctools as mc

from .entry import Entry

ENTRIES = [Entry(mc.multinomial_counts, {"n": 20, "p": [[0.2, 0.3, 0.5], [0.5, 0.5, 0.0]], "rng": 0})]
