import mctools as mc

from .entry import Entry

LANDSCAPE = {"rewards": [0.0, 1.0, 0.5, 2.0], "schedule": [1.0, 0.5, 0.2], "start": 0}
SCHEDULE = {"start": [1e-310, 5e-324], "end": [1e-320, 1e-310]}  # end / start overflows or underflows

ENTRIES = [
    Entry(mc.rugged_landscape, {"size": 12, "ripple": 0.2, "period": 3.0}, {"period": [1e-310]}),  # 2 pi x / period
    Entry(mc.temperature_schedule, {"kind": "geometric", "steps": 5, "start": 2.0, "end": 0.1}, SCHEDULE),
    Entry(mc.metropolis_matrix, {"rewards": LANDSCAPE["rewards"], "temperature": 0.5}),
    Entry(mc.annealing_distribution, LANDSCAPE),
    Entry(mc.simulated_annealing, {**LANDSCAPE, "replicates": 3, "rng": 0}),
]
