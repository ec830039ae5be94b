import numpy as np

import mctools as mc

from .entry import Entry
from .values import MISBEHAVING


def logistic(x):
    return 3.2 * x * (1 - x)


def contraction(x):
    return 0.5 * x + 0.25  # one fixed point, 1/2; linear, so it is finite on the widest interval


# Maps that misbehave when iterated: also a result of another shape, an overflow inside the map.
BAD_MAPS = {"func": [*MISBEHAVING, lambda x: np.zeros((2, 2, 2)), lambda x: np.exp(1e4 * (x + 1))]}
INTERVALS = BAD_MAPS | {"upper": [-1e308, -1.5e308, 1e308]}  # above lower, and upper - lower finite in float64
# A family G_p(x) takes two arrays: one-argument callables, and the misbehaving ones, fail.
BAD_FAMILIES = {"family": [*MISBEHAVING, lambda x, p: np.zeros((2, 2, 2)), lambda x, p: np.exp(1e4 * (x + p))]}


def logistic_family(x, r):
    return r * x * (1 - x)


ENTRIES = [
    Entry(mc.iterate_map, {"func": logistic, "x0": [0.2, 0.7], "steps": 5}, BAD_MAPS),
    Entry(mc.fixed_points, {"func": contraction, "lower": -1e308, "upper": 1.0, "grid": 101}, INTERVALS),
    Entry(mc.fixed_points_of_family, {"family": logistic_family, "parameters": [2.5, 3.2], "grid": 101}, BAD_FAMILIES),
    Entry(mc.derivative, {"func": logistic, "x": [0.3, 0.6]}, BAD_MAPS),
    Entry(mc.cobweb, {"func": logistic, "x0": 0.2, "steps": 4}, BAD_MAPS),
    Entry(mc.first_passage, {"orbits": [[0.1, 0.5, 0.99], [0.1, 0.2, 0.3]], "threshold": 0.9}),
]
