"""Bad inputs for ``mctools.datasets``: its one function takes no argument, so only its valid call runs."""

from __future__ import annotations

import mctools as mc

from .entry import Entry

ENTRIES = [Entry(mc.load_digits, {}, {})]
