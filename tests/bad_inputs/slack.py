import mctools as mc

from .entry import Entry

# The curve's parameters, shared by every function: the valid curve rises from 0.2 to 1.5; it
# would fall with a payoff below its start.
CURVE, FALLS = {"payoff": 1.5, "timescale": 4.0, "start": 0.2}, {"payoff": [0.1], "start": [2.0]}

ENTRIES = [
    Entry(mc.learning_curve, {"t": [0.0, 1.0, 5.0], **CURVE}, FALLS),
    Entry(mc.time_to_reach, {"level": [0.1, 0.8, 1.5, 2.0], **CURVE}, FALLS),
    Entry(mc.savings_needed, {"requirement": [0.1, 0.8, 1.5, 2.0], **CURVE}, FALLS),
    Entry(mc.break_even_time, {"old_payoff": [0.1, 1.0, 1.5, 2.0], **CURVE}, FALLS),
    Entry(mc.savings_path, {"savings": [0.0, 2.5], "requirement": 0.8, "horizon": 10.0, "steps": 20, **CURVE}, FALLS),
]
