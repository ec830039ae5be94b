"""Bad values for the functions that declare no domains (``charts``, ``exercises``), and callables
that misbehave when called on an array (NaN, inf, another shape, not numbers, no argument, an
exception, complex numbers)."""

import numpy as np

import mctools._domains as domains

NAN = float("nan")
COUNT, POSITIVE = domains.COUNT.refuses(1, {}), domains.POSITIVE.refuses(1.0, {})
FLAG = domains.FLAG.refuses(True, {})
CHOICE = ["no such option", 3, None, ""]


def raises(x):
    raise RuntimeError("the callable failed")


MISBEHAVING = [lambda x: x * NAN, lambda x: np.full(np.shape(x), np.inf), lambda x: np.asarray(x)[..., :1], raises]
MISBEHAVING += [lambda x: "a", lambda x: None, lambda: 0.5, lambda x: x + 1j]
