r"""Splitting a fixed capacity between classes with diminishing returns.

The problem (chapter 1): classes with frequencies :math:`\pi_k`, total capacity :math:`C`,
quality :math:`q(c)` increasing and concave,

.. math::  \max_c \sum_k \pi_k\, q(c_k) \quad \text{s.t.} \quad \sum_k c_k = C,\ c_k \ge 0.

The KKT conditions say every class that gets capacity has the same marginal value
:math:`\pi_k q'(c_k) = \nu`, and a class gets none when :math:`\pi_k q'(0) \le \nu`
("water-filling"). Closed forms exist for two quality curves:

* ``"log"``, :math:`q(c) = \ln c`: :math:`c_k = C \pi_k` (capacity proportional to frequency);
* ``"exp"``, :math:`q(c) = 1 - e^{-c/s}`: :math:`c_k = C/m + s(\ln \pi_k - \overline{\ln \pi})`
  over the :math:`m` classes that stay positive (the mean is over those classes).

Any other increasing concave ``quality`` callable is solved numerically by nested bisection
on the KKT conditions, vectorised over every frequency vector at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from ._domains import POSITIVE, Curve, Probabilities, Reals, domains
from ._validate import call_checked, check_concave_curve, check_same_classes

__all__ = ["expected_quality", "optimal_allocation"]

QUALITY = Curve("log", "exp")


def _quality_function(quality, scale: float) -> Callable[[np.ndarray], np.ndarray]:
    if quality == "log":
        return np.log
    if quality == "exp":
        return lambda c: -np.expm1(-c / scale)
    return _checked_curve(quality)


def _checked_curve(quality: Callable) -> Callable[[np.ndarray], np.ndarray]:
    """Wrap a user's curve so that a failure, a non-number, a wrong shape or NaN names ``quality``."""
    return functools.partial(call_checked, "quality", quality, allow_neginf=True)  # -inf: ln 0


def _check_callable_quality(q, capacity: float) -> None:
    """Reject quality curves that are not finite, increasing and concave on (0, C]."""
    grid = np.linspace(capacity / 64, capacity, 64)
    check_concave_curve("quality", q, grid, where="(0, capacity]", strict=True)


def _exp_closed_form(pi: np.ndarray, capacity: float, scale: float) -> np.ndarray:
    with np.errstate(divide="ignore"):
        log_pi = np.log(pi)
    order = np.argsort(-log_pi, axis=-1)
    sorted_log = np.take_along_axis(log_pi, order, axis=-1)
    m = np.arange(1, pi.shape[-1] + 1)
    # Water level lam_m if the m most frequent classes are active; the m-th stays active
    # iff ln pi_(m) > lam_m, a condition that holds for m = 1..m* and fails after.
    with np.errstate(invalid="ignore"):
        level = (np.cumsum(sorted_log, axis=-1) - capacity / scale) / m
        active = np.sum(sorted_log > level, axis=-1, keepdims=True)
    chosen = np.take_along_axis(level, active - 1, axis=-1)
    return np.maximum(scale * (log_pi - chosen), 0.0)


def _numeric(pi: np.ndarray, q, capacity: float) -> np.ndarray:
    def marginal(c):  # pi_k q'(c) by central differences, one-sided next to 0
        # A relative step: small enough for a curve like ln c near 0 (truncation ~ (h/c)^2),
        # large enough that q(c + h) - q(c - h) keeps its digits where a saturating q is nearly
        # flat (rounding ~ eps q / (h q'), 1e-6 at q'/q ~ 1e-5 / c).
        h = 1e-5 * np.maximum(c, 1e-6 * capacity)
        upper = c + h
        lower = np.maximum(c - h, 1e-3 * h)
        q_upper, q_lower = q(np.stack([upper, lower]))  # one checked call: q is elementwise
        return pi * (q_upper - q_lower) / (upper - lower)

    def bisect(lo, hi, too_low, steps):  # too_low(mid): the root lies above mid
        for _ in range(steps):
            mid = 0.5 * (lo + hi)
            above = too_low(mid)
            lo_next, hi_next = np.where(above, mid, lo), np.where(above, hi, mid)
            if np.array_equal(lo_next, lo) and np.array_equal(hi_next, hi):
                break  # a fixed point: the remaining steps would change nothing
            lo, hi = lo_next, hi_next
        return lo, hi

    def allocation_at(log_nu):  # solve pi_k q'(c_k) = nu for every class by bisection
        nu = np.exp(log_nu)
        lo, hi = bisect(np.zeros_like(pi), np.full_like(pi, capacity), lambda c: marginal(c) > nu, 60)
        return 0.5 * (lo + hi)

    with np.errstate(divide="ignore"):
        edge_low = np.log(np.where(pi > 0, marginal(np.full_like(pi, capacity)), np.inf))
        edge_high = np.log(np.maximum(marginal(np.full_like(pi, 1e-7 * capacity)), 1e-300))
    lo = np.min(edge_low, axis=-1, keepdims=True) - 1.0  # every class saturated: total >= C
    hi = np.max(edge_high, axis=-1, keepdims=True) + 1.0  # no class worth any capacity
    lo, hi = bisect(lo, hi, lambda log_nu: allocation_at(log_nu).sum(axis=-1, keepdims=True) > capacity, 80)
    c = allocation_at(0.5 * (lo + hi))
    c = np.where((pi > 0) & (c > 1e-12 * capacity), c, 0.0)  # bisection leaves ~1e-18 dust
    return c * capacity / c.sum(axis=-1, keepdims=True)


@domains(frequencies=Probabilities(), capacity=POSITIVE, scale=POSITIVE, quality=QUALITY)
def optimal_allocation(frequencies, capacity: float, quality="log", scale: float = 1.0) -> np.ndarray:
    r"""Capacity allocation maximising :math:`\sum_k \pi_k q(c_k)` with :math:`\sum_k c_k = C`.

    Parameters
    ----------
    frequencies : array_like, shape (..., K)
        Class frequencies :math:`\pi` (probability vectors along the last axis).
    capacity : float
        Total capacity :math:`C > 0`.
    quality : {"log", "exp"} or callable
        ``"log"``: :math:`q(c) = \ln c`, solution :math:`c_k = C\pi_k`.
        ``"exp"``: :math:`q(c) = 1 - e^{-c/s}`, solution
        :math:`c_k = \max(0,\ s(\ln\pi_k - \lambda))` with the water level :math:`\lambda`
        set by :math:`\sum_k c_k = C`; while all classes are active this is
        :math:`c_k = C/K + s(\ln\pi_k - \overline{\ln\pi})`.
        A callable :math:`q` must be elementwise on arrays, increasing and concave on
        :math:`(0, C]`; it is solved numerically (KKT, nested bisection).
    scale : float
        The saturation scale :math:`s > 0` of ``"exp"`` (ignored by the other curves).

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Non-negative allocations summing to ``capacity`` along the last axis. Classes with
        zero frequency get zero capacity.
    """
    pi = frequencies
    q = _quality_function(quality, scale)
    if quality == "log":
        return capacity * pi
    if quality == "exp":
        return _exp_closed_form(pi, capacity, scale)
    _check_callable_quality(q, capacity)
    return _numeric(pi, q, capacity)


@domains(frequencies=Probabilities(), allocation=Reals("[0, inf)", min_ndim=1), scale=POSITIVE, quality=QUALITY)
def expected_quality(frequencies, allocation, quality="log", scale: float = 1.0) -> np.ndarray:
    r"""The objective :math:`\sum_k \pi_k q(c_k)` of an allocation.

    Parameters
    ----------
    frequencies : array_like, shape (..., K)
        Class frequencies :math:`\pi` (probability vectors).
    allocation : array_like, shape (..., K)
        Non-negative capacities :math:`c`.
    quality, scale
        As in :func:`optimal_allocation`.

    Returns
    -------
    numpy.ndarray, shape (...)
        Expected quality; ``-inf`` for ``"log"`` when a class in use gets no capacity.
    """
    pi, c = frequencies, allocation
    check_same_classes(frequencies=pi, allocation=c)
    q = _quality_function(quality, scale)
    with np.errstate(divide="ignore"):
        values = np.asarray(q(c), dtype=float)
    used = pi > 0  # an unused class adds nothing, even where its quality is -inf (0 * -inf)
    return np.sum(np.where(used, pi * np.where(used, values, 0.0), 0.0), axis=-1)
