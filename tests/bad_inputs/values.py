"""Bad values by kind of parameter, shared by every group of the table.

Each list holds values that a parameter of that kind must refuse with ``ValueError`` or
``TypeError`` naming it. Compose them (``POSITIVE + [1e400]``) and add the values particular
to one parameter (a shape that does not match, a bound that depends on another argument).
"""

from __future__ import annotations

import numpy as np

NAN = float("nan")
INF = float("inf")

# Not a real number at all: a string, None, a bool (a typo'd flag), a complex ...
NOT_REAL_SCALAR = ["1.0", None, True, 1 + 2j]
# ... or a list (which an array_like parameter accepts: give those NOT_REAL_SCALAR).
NOT_REAL = [*NOT_REAL_SCALAR, [1.0]]
NOT_FINITE = [NAN, INF, -INF, np.float64(NAN)]
# Any finite real: refuse NaN and both infinities, and anything that is not a real number.
REAL = [*NOT_FINITE, *NOT_REAL]
# Strictly positive (a temperature, a scale, a rate): zero and negatives too.
POSITIVE = [*REAL, 0.0, -1.0, -1e-12]
# Non-negative (a cost, a margin, a mutation rate).
NONNEGATIVE = [*REAL, -1e-12, -1.0]
# A probability in [0, 1].
UNIT = [*NONNEGATIVE, 1.0 + 1e-9, 2.0]
# A probability strictly inside (0, 1).
OPEN_UNIT = [*UNIT, 0.0, 1.0]

# Not an integer: floats (even whole ones), strings, bools, None.
NOT_INTEGER = [2.5, 3.0, np.float64(3.0), "3", True, None, NAN]
# A count that must be at least 1 (replicates, population, draws).
COUNT = [*NOT_INTEGER, 0, -1]
# A count that may be 0 (generations, steps).
NONNEGATIVE_INTEGER = [*NOT_INTEGER, -1]

# A ``rng`` argument: only None, a non-negative int seed or a numpy Generator are accepted.
RNG = ["seed", -1, 1.5, True, np.random.RandomState(0)]
# A boolean flag.
FLAG = [1, 0, "yes", None, np.float64(1.0)]
# A string option.
CHOICE = ["no such option", 3, None, ""]

# Array-likes of finite reals, any sign.
ARRAY = [[NAN, 1.0], [1.0, INF], [-INF, 0.0], [], "ab", [True, False], None, [[1.0], [1.0, 2.0]], [1 + 2j]]
# ... of strictly positive reals.
POSITIVE_ARRAY = [*ARRAY, [1.0, 0.0], [1.0, -2.0]]
# ... of non-negative reals.
NONNEGATIVE_ARRAY = [*ARRAY, [1.0, -1e-9]]
# ... in [0, 1] (shares, frequencies that need not sum to one).
UNIT_ARRAY = [*NONNEGATIVE_ARRAY, [0.5, 1.5]]
# Probability vectors along the last axis: entries must also sum to one.
PROBABILITIES = [
    [NAN, 0.5],
    [0.5, INF],
    [0.7, 0.7],  # sums to 1.4
    [0.2, 0.2],  # sums to 0.4
    [-0.2, 1.2],  # sums to 1 with a negative entry
    [],
    [[]],
    "ab",
    [True, False],
    None,
    [[0.5, 0.5], [0.2]],  # ragged
]

# Callables (maps, returns curves): not callable, or returning NaN / the wrong shape.
NOT_CALLABLE = [3, "x", None]
__all__ = [
    "ARRAY",
    "CHOICE",
    "COUNT",
    "FLAG",
    "INF",
    "NAN",
    "NONNEGATIVE",
    "NONNEGATIVE_ARRAY",
    "NONNEGATIVE_INTEGER",
    "NOT_CALLABLE",
    "NOT_FINITE",
    "NOT_INTEGER",
    "NOT_REAL",
    "NOT_REAL_SCALAR",
    "OPEN_UNIT",
    "POSITIVE",
    "POSITIVE_ARRAY",
    "PROBABILITIES",
    "REAL",
    "RNG",
    "UNIT",
    "UNIT_ARRAY",
]
