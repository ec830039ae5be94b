import mctools as mc

from .entry import Entry

# A lattice step so coarse that every log-likelihood ratio rounds to 0, or so fine that they overflow.
STEP = {"step": [10.0, 1e-320]}
DESIGN = {"p0": [0.3], "p1": [0.2]}  # p0 = p1: no change to detect (the valid calls have 0.2 and 0.3)
CHANGE = [0.2] * 10 + [0.5] * 10
RUN = {"scores": [2, -1], "probabilities": [0.3, 0.7], "threshold": 5}
# One score per probability (2); a chain drifting down so far that the run length is astronomical.
CHAIN = {"scores": [[2, -1, 1]], "probabilities": [[1e-300, 1.0]], "threshold": [2000]}
# 100 nats: a false alarm every ~1e40 observations; 1e300, or a step of 1e-9: too many lattice states.
LATTICE = DESIGN | {"threshold": [100.0, 1e300], "step": [10.0, 1e-320, 1e-9]}
STREAM = {"p": CHANGE, "p0": 0.2, "p1": 0.5, "threshold": 1.0, "steps": 20, "replicates": 5, "step": 0.01, "rng": 0}
# p: a scalar or one per step (20)
STREAMS = STEP | {"p": [CHANGE[:-1], [CHANGE], [0.3, 0.4]], "p0": [0.5], "p1": [0.2], "threshold": [1e300]}

ENTRIES = [
    Entry(mc.cusum_path, {"increments": [[0.5, -1.0, 2.0], [1.0, 1.0, -3.0]]}, {"increments": [[1e308, 1e308]]}),
    Entry(mc.first_alarm, {"paths": [[0.5, 0.0, 2.0], [1.0, 2.0, 0.0]], "threshold": 1.5}),
    Entry(mc.cusum_run_length, RUN, CHAIN),
    Entry(mc.bernoulli_scores, {"p0": 0.2, "p1": 0.3, "step": 0.01}, DESIGN | STEP),
    Entry(mc.bernoulli_run_length, {"p": 0.2, "p0": 0.2, "p1": 0.3, "threshold": 2.0, "step": 0.01}, LATTICE),
    Entry(
        mc.bernoulli_threshold, {"p0": 0.2, "p1": 0.3, "false_alarm": 100.0, "step": 0.01}, DESIGN | {"step": [1e-7]}
    ),
    Entry(mc.simulate_bernoulli_cusum, STREAM, STREAMS),
]
