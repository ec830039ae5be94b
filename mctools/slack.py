r"""The price of escaping a mastered activity: learning curves, shortfalls and savings.

A learner can keep doing a mastered activity that pays :math:`a` per unit of time, or switch
to a new one whose pay follows a learning curve

.. math::  b(t) = b - (b - b_0)\, e^{-t/\tau},

rising from :math:`b_0` (often 0: learning from scratch) toward :math:`b > a` on the
timescale :math:`\tau`. Life costs :math:`R` per unit of time (rent, a record label's
demands). While :math:`b(t) < R` savings pay the difference, so the switch survives iff the
savings cover the **shortfall**

.. math::  W^* = \int_0^{t_R} (R - b(t))\,dt
               = \tau\Big[(R - b_0) - (b - R)\ln\frac{b - b_0}{b - R}\Big],
           \qquad t_R = \tau \ln\frac{b - b_0}{b - R},

and it has paid for itself (cumulative pay equal to staying put) at the **break-even** time
:math:`t^*` solving :math:`\int_0^{t^*} b(s)\,ds = a t^*`,

.. math::  t^* = \tau\left[\frac1c + W_0\!\left(-\frac{e^{-1/c}}{c}\right)\right],
           \qquad c = \frac{b - a}{b - b_0},

with :math:`W_0` the principal branch of the Lambert W function (Corless et al. 1996).
Chapter 4 (the band learning a new genre) derives these; chapter 6 (slack) reuses them.
"""

from __future__ import annotations

import numpy as np
from scipy.special import lambertw

from ._domains import COUNT, NONNEGATIVE, POSITIVE, Reals, domains

__all__ = ["break_even_time", "learning_curve", "savings_needed", "savings_path", "time_to_reach"]

# Below this relative distance from the start of the curve the closed forms cancel
# catastrophically (a negative W*, a NaN t*): use their Taylor series there instead.
_SERIES_BELOW = 1e-3
# t*/tau = sum_k c_k eps^k, eps = (a - b0)/(b - b0): the root u > 0 of (1 - eps) u = 1 - exp(-u).
_BREAK_EVEN_SERIES = (2.0, 4 / 3, 10 / 9, 136 / 135, 386 / 405, 524 / 567, 38698 / 42525)


# The learning curve b(t) = b - (b - b0) exp(-t / tau): b > 0, tau > 0, 0 <= b0 <= b.
CURVE = {"payoff": POSITIVE, "timescale": POSITIVE, "start": NONNEGATIVE}
LEVELS = Reals("[0, inf)")  # times, pay levels, requirements


def _rises(payoff: float, start: float) -> None:
    if start > payoff:
        raise ValueError(f"start must be <= payoff (a learning curve rises), got start={start!r}, payoff={payoff!r}")


@domains(t=LEVELS, **CURVE)
def learning_curve(t, payoff: float, timescale: float, *, start: float = 0.0) -> np.ndarray:
    r"""Pay of the new activity after learning for time ``t``, :math:`b - (b - b_0)e^{-t/\tau}`.

    Parameters
    ----------
    t : array_like, shape (...)
        Times :math:`t \ge 0` since the switch.
    payoff : float
        :math:`b > 0`, the pay once mastered.
    timescale : float
        :math:`\tau > 0`, the learning timescale.
    start : float
        :math:`b_0 \in [0, b]`, the pay on day one.

    Returns
    -------
    numpy.ndarray, shape (...)
    """
    _rises(payoff, start)
    b, tau, b0 = payoff, timescale, start
    with np.errstate(over="ignore"):  # t / tau = inf: the curve has reached b
        return b - (b - b0) * np.exp(-t / tau)


@domains(level=LEVELS, **CURVE)
def time_to_reach(level, payoff: float, timescale: float, *, start: float = 0.0) -> np.ndarray:
    r"""Time until the learning curve reaches ``level``, :math:`\tau\ln\frac{b - b_0}{b - \ell}`.

    Parameters
    ----------
    level : array_like, shape (...)
        Pay levels :math:`\ell \ge 0`.
    payoff, timescale, start
        As in :func:`learning_curve`.

    Returns
    -------
    numpy.ndarray, shape (...)
        0 where :math:`\ell \le b_0`, ``inf`` where :math:`\ell \ge b` (never reached).
    """
    _rises(payoff, start)
    b, tau, b0 = payoff, timescale, start
    gap = np.where(level < b, b - level, 1.0)
    with np.errstate(divide="ignore"):
        t = tau * np.log((b - b0) / gap)
    return np.where(level >= b, np.inf, np.where(level <= b0, 0.0, t))


@domains(requirement=LEVELS, **CURVE)
def savings_needed(requirement, payoff: float, timescale: float, *, start: float = 0.0) -> np.ndarray:
    r"""Savings :math:`W^*` that just cover the shortfall :math:`\int (R - b(t))^+ dt`.

    Parameters
    ----------
    requirement : array_like, shape (...)
        :math:`R \ge 0`, what must be paid per unit of time.
    payoff, timescale, start
        As in :func:`learning_curve`.

    Returns
    -------
    numpy.ndarray, shape (...)
        :math:`\tau[(R - b_0) - (b - R)\ln((b - b_0)/(b - R))]`; 0 where :math:`R \le b_0`,
        ``inf`` where :math:`R \ge b` (the new activity never pays the bills).
    """
    _rises(payoff, start)
    r, b, tau, b0 = requirement, payoff, timescale, start
    inside = (r > b0) & (r < b)
    rr = np.where(inside, r, 0.5 * (b0 + b))  # a harmless value where the formula is not used
    with np.errstate(divide="ignore", invalid="ignore"):  # b = b0: nothing is inside
        needed = tau * ((rr - b0) - (b - rr) * np.log((b - b0) / (b - rr)))
        # near b0 the two terms cancel: W* = tau (b - b0) sum_{k >= 2} x^k / (k (k - 1)), x = (R - b0)/(b - b0)
        x = (rr - b0) / (b - b0)
    near = inside & (x < _SERIES_BELOW)
    series = tau * (b - b0) * sum(np.where(near, x, 0.0) ** k / (k * (k - 1)) for k in range(2, 9))
    return np.where(r >= b, np.inf, np.where(near, series, np.where(inside, needed, 0.0)))


@domains(old_payoff=LEVELS, **CURVE)
def break_even_time(old_payoff, payoff: float, timescale: float, *, start: float = 0.0) -> np.ndarray:
    r"""Time :math:`t^*` at which switching has paid as much in total as staying put.

    Solves :math:`\int_0^{t} b(s)\,ds = a\,t` with the Lambert W function (module docstring).

    Parameters
    ----------
    old_payoff : array_like, shape (...)
        :math:`a \ge 0`, the pay of the mastered activity.
    payoff, timescale, start
        As in :func:`learning_curve`.

    Returns
    -------
    numpy.ndarray, shape (...)
        0 where :math:`a \le b_0` (no loss to recover), ``inf`` where :math:`a \ge b`.
    """
    _rises(payoff, start)
    a, b, tau, b0 = old_payoff, payoff, timescale, start
    inside = (a > b0) & (a < b)
    with np.errstate(divide="ignore", invalid="ignore"):  # b = b0: nothing is inside
        c = np.where(inside, (b - np.where(inside, a, b0)) / (b - b0), 0.5)  # c in (0, 1)
        eps = np.where(inside, (a - b0) / (b - b0), 0.5)
    u = 1 / c + lambertw(-np.exp(-1 / c) / c, 0).real
    # near b0 (c -> 1) the Lambert W sits at its branch point -1/e and cancels to a wrong u, or NaN
    near = inside & (eps < _SERIES_BELOW)
    e = np.where(near, eps, 0.0)
    series = sum(coefficient * e ** (k + 1) for k, coefficient in enumerate(_BREAK_EVEN_SERIES))
    return np.where(a >= b, np.inf, np.where(near, tau * series, np.where(inside, tau * u, 0.0)))


@domains(savings=Reals(), requirement=NONNEGATIVE, **CURVE, horizon=POSITIVE, steps=COUNT)
def savings_path(
    savings,
    requirement: float,
    payoff: float,
    timescale: float,
    horizon: float,
    *,
    steps: int = 1000,
    start: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Savings over time after switching, by summing each period's pay minus costs.

    A direct simulation, independent of the closed forms: time is cut into ``steps``
    periods of length :math:`\Delta = H/\text{steps}`; each period earns
    :math:`b(t_i + \Delta/2)\,\Delta` (the midpoint rule, error :math:`O(\Delta^2)` per unit
    time) and pays :math:`R\,\Delta`. Savings may go negative: that is ruin.

    Parameters
    ----------
    savings : array_like, shape (...)
        Savings :math:`W_0` at the switch, one path per entry.
    requirement : float
        :math:`R \ge 0` per unit of time.
    payoff, timescale, start
        As in :func:`learning_curve`.
    horizon : float
        :math:`H > 0`, the time simulated.
    steps : int
        Number of periods, at least 1.

    Returns
    -------
    (t, w) : tuple of numpy.ndarray, shapes (steps + 1,) and (..., steps + 1)
        Times and savings, ``w[..., 0] = savings``.
    """
    _rises(payoff, start)
    w0, r, b, tau, b0 = savings, requirement, payoff, timescale, start
    t = np.linspace(0.0, horizon, steps + 1)
    midpoints = 0.5 * (t[:-1] + t[1:])
    with np.errstate(over="ignore"):  # midpoints / tau = inf: the curve has reached b
        net = (b - (b - b0) * np.exp(-midpoints / tau) - r) * (horizon / steps)
    w = w0[..., None] + np.concatenate([[0.0], np.cumsum(net)])
    return t, w
