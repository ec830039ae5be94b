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

__all__ = ["cobweb", "derivative", "first_passage", "fixed_points", "fixed_points_of_family", "iterate_map"]

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


@domains(
    family=CALLABLE,
    parameters=Reals(ndim=1),
    upper=REAL,
    lower=Real("(-inf, upper)"),
    grid=Integer("[3, inf)"),
)
def fixed_points_of_family(
    family: Callable[[np.ndarray, np.ndarray], np.ndarray],
    parameters,
    lower: float = 0.0,
    upper: float = 1.0,
    *,
    grid: int = 401,
) -> tuple[np.ndarray, np.ndarray]:
    r"""The interior fixed points :math:`x^* = G_p(x^*)` of a family of maps, every :math:`p` at once.

    :math:`G_p(x) - x` is evaluated on one grid for every parameter; each sign change between
    neighbouring grid points brackets a fixed point, which bisection, vectorised over all the
    brackets, narrows until the bracket no longer moves (machine precision); an interior grid
    point where :math:`G_p(x) = x` exactly is one too. The ends of the interval are left out
    (many families fix them for every :math:`p`). As with :func:`fixed_points`, fixed points
    closer together than the grid spacing can be missed, and so can one where
    :math:`G_p(x) - x` touches zero without changing sign.

    Parameters
    ----------
    family : callable
        ``family(x, p)`` is :math:`G_p(x)`, elementwise: given arrays ``x`` and ``p`` of one
        shape (here (P, grid), then one entry per bracket) it returns that shape.
    parameters : array_like, shape (P,)
        The parameters :math:`p`.
    lower, upper : float
        The interval searched, ``lower < upper``.
    grid : int
        Number of grid points, at least 3.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray), each of shape (m,)
        The parameter and the fixed point of each one found, in the order of ``parameters``
        and, for one parameter, of increasing :math:`x^*`.
    """
    within_float64(
        lambda: upper - lower, f"upper - lower must be finite in float64, got lower={lower!r}, upper={upper!r}"
    )
    x = np.linspace(lower, upper, grid)

    def gap(points, p):  # G_p(x) - x
        return call_checked("family", lambda y: family(y, p), points) - points

    sign = np.sign(gap(np.tile(x, (parameters.size, 1)), np.repeat(parameters[:, None], grid, axis=1)))
    row, col = np.nonzero(sign[:, :-1] * sign[:, 1:] < 0)
    p, lo, hi, left_sign = parameters[row], x[col], x[col + 1], sign[row, col]
    for _ in range(200):  # each step halves the bracket; it stops moving within ~60
        mid = 0.5 * (lo + hi)
        left = np.sign(gap(mid, p)) == left_sign  # the sign change lies above mid
        lo_next, hi_next = np.where(left, mid, lo), np.where(left, hi, mid)
        if np.array_equal(lo_next, lo) and np.array_equal(hi_next, hi):
            break
        lo, hi = lo_next, hi_next
    on_grid_row, on_grid_col = np.nonzero(sign[:, 1:-1] == 0)  # an interior grid point that is one
    rows = np.concatenate([row, on_grid_row])
    points = np.concatenate([0.5 * (lo + hi), x[1:-1][on_grid_col]])
    order = np.lexsort((points, rows))
    return parameters[rows[order]], points[order]


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
