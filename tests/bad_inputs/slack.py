"""Bad inputs for ``mctools.slack``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import ARRAY, COUNT, INF, NAN, NONNEGATIVE, NONNEGATIVE_ARRAY, POSITIVE

# The curve's parameters, shared by every function: the valid curve rises from 0.2 to 1.5.
CURVE = {"payoff": 1.5, "timescale": 4.0, "start": 0.2}
CURVE_BAD = {
    "payoff": [*POSITIVE, 0.1, [1.5]],  # 0.1: below the start, the curve would fall
    "timescale": [*POSITIVE, [4.0]],
    "start": [*NONNEGATIVE, 2.0, [0.2]],  # 2.0: above the payoff
}
TIMES = [*NONNEGATIVE_ARRAY, NAN, INF, -1.0, "1.0", True, [[0.5], [1.0, 2.0]]]

ENTRIES = [
    Entry(mc.learning_curve, {"t": [0.0, 1.0, 5.0], **CURVE}, {"t": TIMES, **CURVE_BAD}),
    Entry(mc.time_to_reach, {"level": [0.1, 0.8, 1.5, 2.0], **CURVE}, {"level": TIMES, **CURVE_BAD}),
    Entry(mc.savings_needed, {"requirement": [0.1, 0.8, 1.5, 2.0], **CURVE}, {"requirement": TIMES, **CURVE_BAD}),
    Entry(mc.break_even_time, {"old_payoff": [0.1, 1.0, 1.5, 2.0], **CURVE}, {"old_payoff": TIMES, **CURVE_BAD}),
    Entry(
        mc.savings_path,
        {"savings": [0.0, 2.5], "requirement": 0.8, "horizon": 10.0, "steps": 20, **CURVE},
        {
            "savings": [*ARRAY, NAN, INF, -INF, "1.0", True],
            "requirement": [*NONNEGATIVE, [0.8]],
            "horizon": [*POSITIVE, [10.0]],
            "steps": COUNT,
            **CURVE_BAD,
        },
    ),
]
