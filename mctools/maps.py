r"""One-dimensional maps :math:`x_{n+1} = G(x_n)`: iteration, fixed points, stability, cobwebs.

Every chapter of the course has such a map: next generation's share as a function of this
generation's. A fixed point :math:`x^* = G(x^*)` is locally stable when
:math:`|G'(x^*)| < 1` and unstable when :math:`|G'(x^*)| > 1` (the cobweb theorem,
Ezekiel 1938). The map ``func`` must accept and return numpy arrays elementwise.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq

from ._domains import CALLABLE, COUNT, POSITIVE, REAL, Integer, Real, Reals, domains
from ._validate import call_checked, within_float64

__all__ = ["cobweb", "derivative", "first_passage", "fixed_points", "iterate_map"]

Map = Callable[[np.ndarray], np.ndarray]


def _apply(func: Map, x: np.ndarray) -> np.ndarray:
    return call_checked("func", func, x)


@domains(func=CALLABLE, x0=Reals(), steps=Integer("[0, inf)"))
def iterate_map(func: Map, x0, steps: int) -> np.ndarray:
    r"""Iterate :math:`x_{n+1} = G(x_n)` from every starting point in ``x0`` at once.

    Parameters
    ----------
    func : callable
        The map :math:`G`, elementwise on arrays.
    x0 : array_like, shape (...)
        Starting points.
    steps : int
        Number of iterations, at least 0.

    Returns
    -------
    numpy.ndarray, shape (..., steps + 1)
        The orbit of each starting point, ``x0`` first.
    """
    x = x0
    orbit = np.empty((*x.shape, steps + 1))
    orbit[..., 0] = x
    for n in range(steps):  # a map is sequential in n; every starting point moves together
        x = _apply(func, x)
        orbit[..., n + 1] = x
    return orbit


@domains(func=CALLABLE, upper=REAL, lower=Real("(-inf, upper)"), grid=Integer("[3, inf)"))
def fixed_points(func: Map, lower: float = 0.0, upper: float = 1.0, *, grid: int = 2001) -> np.ndarray:
    r"""All fixed points :math:`x^* = G(x^*)` in ``[lower, upper]``, found by bracketing.

    :math:`G(x) - x` is evaluated on a grid; every sign change (and every grid point where
    it vanishes) is refined with Brent's method to machine precision. Fixed points closer
    together than the grid spacing can be missed, so choose ``grid`` accordingly.

    Parameters
    ----------
    func : callable
        The map :math:`G`.
    lower, upper : float
        The interval searched, ``lower < upper``.
    grid : int
        Number of grid points, at least 3.

    Returns
    -------
    numpy.ndarray, shape (m,)
        The fixed points in increasing order.
    """
    within_float64(
        lambda: upper - lower, f"upper - lower must be finite in float64, got lower={lower!r}, upper={upper!r}"
    )
    x = np.linspace(lower, upper, grid)
    gap = _apply(func, x) - x
    roots = list(x[gap == 0.0])
    change = np.nonzero(np.sign(gap[:-1]) * np.sign(gap[1:]) < 0)[0]  # signs: a product of gaps can overflow
    roots += [brentq(lambda s: float(_apply(func, np.array([s]))[0] - s), x[i], x[i + 1], xtol=1e-14) for i in change]
    return np.unique(np.round(roots, 12))


@domains(func=CALLABLE, x=Reals(), step=POSITIVE)
def derivative(func: Map, x, *, step: float = 1e-6) -> np.ndarray:
    r"""Central-difference derivative :math:`G'(x) \approx (G(x+h) - G(x-h)) / 2h`.

    Parameters
    ----------
    func : callable
        The map :math:`G`.
    x : array_like, shape (...)
        Points at which to differentiate (``x ± step`` must be in the map's domain).
    step : float
        The step :math:`h > 0`.

    Returns
    -------
    numpy.ndarray, shape (...)
        :math:`G'(x)`; a fixed point is stable where its absolute value is below 1.
    """
    return (_apply(func, x + step) - _apply(func, x - step)) / (2.0 * step)


@domains(x0=REAL, steps=COUNT, func=CALLABLE)
def cobweb(func: Map, x0: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Vertices of the cobweb diagram of :math:`G` from ``x0``.

    The path runs :math:`(x_0, x_0) \to (x_0, x_1) \to (x_1, x_1) \to (x_1, x_2) \to \dots`:
    vertical moves to the curve :math:`y = G(x)`, horizontal moves to the diagonal.

    Parameters
    ----------
    func : callable
        The map :math:`G`.
    x0 : float
        Starting point.
    steps : int
        Number of iterations, at least 1.

    Returns
    -------
    (x, y) : tuple of numpy.ndarray, each of shape (2 * steps + 1,)
        Coordinates of the path's vertices, in order.
    """
    orbit = iterate_map(func, x0, steps)
    x = np.repeat(orbit, 2)[:-1]
    y = np.repeat(orbit, 2)[1:]
    return x, y


@domains(orbits=Reals(min_ndim=1), threshold=REAL)
def first_passage(orbits, threshold: float) -> np.ndarray:
    r"""First step at which each orbit reaches ``threshold`` or beyond (``x_n >= threshold``).

    Parameters
    ----------
    orbits : array_like, shape (..., steps + 1)
        Orbits as returned by :func:`iterate_map`.
    threshold : float
        The level that counts as arrival (e.g. 0.99 for "collapsed to one class").

    Returns
    -------
    numpy.ndarray of float, shape (...)
        The first index ``n`` with ``x_n >= threshold``; ``inf`` where it never happens
        within the orbit.
    """
    reached = orbits >= threshold
    first = np.argmax(reached, axis=-1).astype(float)
    return np.where(reached.any(axis=-1), first, np.inf)
