r"""Self-reinforcing maps and the knobs that tame them (chapter 8).

Every chapter's system reduces, near its balanced state, to a map :math:`x_{n+1} = G(x_n)`
on a share :math:`x \in [0, 1]` with :math:`G(\tfrac12) = \tfrac12` and gain
:math:`g = G'(\tfrac12)`; the balance cannot hold when :math:`g > 1` (chapter 1's generator)
and holds when :math:`g < 1` (chapter 3's calibrated office). Each knob wraps :math:`G` in a
new map:

* fresh data, a fraction :math:`\lambda` of the real mix :math:`x_\text{real}`:
  :math:`x \mapsto \lambda x_\text{real} + (1 - \lambda) G(x)`, gain :math:`(1 - \lambda) g`;
* exploration, a fraction :math:`\varepsilon` of uniform choices:
  :math:`x \mapsto (1 - \varepsilon) G(x) + \varepsilon/2`, gain :math:`(1 - \varepsilon) g`;
* temperature :math:`T` on the two-class output:
  :math:`x \mapsto G^{1/T} / (G^{1/T} + (1 - G)^{1/T})`, gain :math:`g / T`;
* monitoring every :math:`k` rounds, which leaves :math:`G` alone but bounds how far a
  deviation grows before it is seen: :math:`\delta_k = \delta_0 g^k`.

The balanced point is stable iff the wrapped gain is below one, which gives the thresholds of
:func:`knob_thresholds`.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from ._domains import CALLABLE, Reals, domains
from ._validate import check_broadcast, show
from .maps import Map

__all__ = ["knob_thresholds", "monitoring_interval", "with_exploration", "with_fresh_data", "with_temperature"]

SHARE = Reals("[0, 1]")


@domains(G=CALLABLE, fraction=SHARE, real_share=SHARE)
def with_fresh_data(G: Map, fraction, real_share=0.5) -> Map:
    r"""The map :math:`x \mapsto \lambda x_\text{real} + (1-\lambda) G(x)`.

    Parameters
    ----------
    G : callable
        The self-reinforcing map, elementwise on arrays of shares.
    fraction : array_like
        :math:`\lambda \in [0, 1]`, the share of each round's data that is fresh and real;
        broadcasts against the shares.
    real_share : array_like
        :math:`x_\text{real} \in [0, 1]`, the real mix.

    Returns
    -------
    callable
        The wrapped map.
    """
    check_broadcast(fraction=fraction, real_share=real_share)
    return lambda x: fraction * real_share + (1 - fraction) * G(x)


@domains(G=CALLABLE, epsilon=SHARE)
def with_exploration(G: Map, epsilon) -> Map:
    r"""The map :math:`x \mapsto (1-\varepsilon) G(x) + \varepsilon/2` (uniform exploration).

    Parameters
    ----------
    G : callable
        The self-reinforcing map.
    epsilon : array_like
        :math:`\varepsilon \in [0, 1]`, the share of choices made uniformly at random.

    Returns
    -------
    callable
        The wrapped map.
    """
    return lambda x: (1 - epsilon) * G(x) + epsilon / 2


@domains(G=CALLABLE, temperature=Reals("(0, inf)"))
def with_temperature(G: Map, temperature) -> Map:
    r"""The map :math:`x \mapsto G^{1/T} / (G^{1/T} + (1-G)^{1/T})`: the output tempered at ``T``.

    Computed as :math:`\sigma(\operatorname{logit} G / T)` so that extreme shares and
    temperatures stay finite.

    Parameters
    ----------
    G : callable
        The self-reinforcing map, with values in [0, 1].
    temperature : array_like
        :math:`T > 0`; above 1 flattens toward 50:50, below 1 sharpens.

    Returns
    -------
    callable
        The wrapped map.
    """

    def tempered(x):
        g = np.clip(np.asarray(G(x), dtype=float), 0.0, 1.0)
        with np.errstate(divide="ignore"):
            logit = np.log(g) - np.log1p(-g)  # ±inf at 0 and 1, which stay fixed
        return expit(logit / temperature)

    return tempered


@domains(gain=Reals("(0, inf)"))
def knob_thresholds(gain) -> dict[str, np.ndarray]:
    r"""The knob settings at which a balanced point of gain :math:`g` becomes stable.

    From the wrapped gains of the module docstring:
    :math:`\lambda_c = \varepsilon_c = 1 - 1/g` and :math:`T_c = g`.

    Parameters
    ----------
    gain : array_like
        :math:`g = G'(\tfrac12) > 0`.

    Returns
    -------
    dict
        ``{"fresh data": λ_c, "exploration": ε_c, "temperature": T_c}``, each broadcast like
        ``gain``; ``λ_c`` and ``ε_c`` are 0 when the point is already stable (:math:`g \le 1`).
    """
    g = gain
    mixing = np.maximum(0.0, 1.0 - 1.0 / np.maximum(g, 1.0))  # g <= 1 gives 0 either way; 1/g may overflow
    return {"fresh data": np.asarray(mixing), "exploration": np.asarray(mixing).copy(), "temperature": g}


@domains(gain=Reals("(1, inf)"), initial_deviation=Reals("(0, inf)"), tolerated_deviation=Reals("(0, inf)"))
def monitoring_interval(gain, initial_deviation, tolerated_deviation) -> np.ndarray:
    r"""Longest audit interval :math:`k` that catches a drift before it exceeds a tolerance.

    Near the balanced point a deviation grows as :math:`\delta_n = \delta_0 g^n`; auditing every
    :math:`k` rounds sees it by :math:`\delta_0 g^k`, which stays within :math:`D` iff
    :math:`k \le \ln(D/\delta_0)/\ln g`.

    Parameters
    ----------
    gain : array_like
        :math:`g > 1`.
    initial_deviation : array_like
        :math:`\delta_0 > 0`, the deviation when the drift starts.
    tolerated_deviation : array_like
        :math:`D \ge \delta_0`.

    Returns
    -------
    numpy.ndarray
        :math:`\lfloor \ln(D/\delta_0)/\ln g \rfloor`, at least 0.
    """
    g, d0, tolerated = gain, initial_deviation, tolerated_deviation
    check_broadcast(gain=g, initial_deviation=d0, tolerated_deviation=tolerated)
    if np.any(tolerated < d0):
        raise ValueError(
            "tolerated_deviation must be >= initial_deviation, "
            f"got {show(tolerated_deviation)} < {show(initial_deviation)}"
        )
    with np.errstate(over="ignore"):
        ratio = tolerated / d0
    overflowed = np.isinf(ratio)  # D / d0 beyond float64: take the logarithms apart there
    log_ratio = np.where(overflowed, np.log(tolerated) - np.log(d0), np.log(np.where(overflowed, 1.0, ratio)))
    return np.floor(log_ratio / np.log(g) + 1e-12)
