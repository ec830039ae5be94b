r"""Deciding what to draw when the context is ambiguous (chapter 1, reused later).

Two classes, "dog" (frequency :math:`\pi`) and "cat". The generator sees a context signal
:math:`x \sim N(+d/2, 1)` for dogs and :math:`N(-d/2, 1)` for cats; :math:`d` is the
separation (large :math:`d`, little ambiguity). Its calibrated posterior is

.. math::  \rho(x) = P(\text{dog} \mid x) = \sigma(d x + \operatorname{logit} \pi).

Three decision policies give three maps from the training share :math:`\pi` to the share
:math:`\pi'` of dogs the generator draws:

* ``"sample"``: draw a dog with probability :math:`\rho(x)`; calibrated, so :math:`\pi' = \pi`.
* ``"map"``: draw the more probable class, a dog iff :math:`\rho(x) > 1/2`.
* ``"quality"``: draw the class with the higher expected quality, a dog iff
  :math:`\rho\, q_\text{dog} > (1 - \rho)\, q_\text{cat}`, i.e. iff :math:`x > t` with
  :math:`t = (\ln(q_\text{cat}/q_\text{dog}) - \operatorname{logit}\pi)/d`, so that

.. math::  \pi' = \pi\,\Phi(d/2 - t) + (1 - \pi)\,\Phi(-d/2 - t).

``"map"`` is ``"quality"`` with equal qualities.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit, ndtr

from ._domains import COUNT, POSITIVE, SEED, Choice, Real, Reals, domains
from ._validate import check_broadcast
from .allocation import optimal_allocation

__all__ = ["generator_map", "output_share", "posterior", "simulate_output_share"]

POLICIES = ("sample", "map", "quality")
POLICY, SEPARATION = Choice(*POLICIES), Reals("(0, inf)")


@domains(x=Reals(), share=Reals("(0, 1)"), separation=SEPARATION)
def posterior(x, share, separation) -> np.ndarray:
    r"""Calibrated posterior :math:`\rho(x) = \sigma(d x + \operatorname{logit}\pi)` that the class is a dog.

    Parameters
    ----------
    x : array_like
        Context signals.
    share : array_like
        Prior share of dogs :math:`\pi`, in (0, 1).
    separation : array_like
        :math:`d > 0`, the distance between the two classes' signal means.

    Returns
    -------
    numpy.ndarray
        :math:`\rho(x)`, broadcast over the three arguments.
    """
    check_broadcast(x=x, share=share, separation=separation)
    return expit(separation * x + logit(share))


@domains(share=Reals("[0, 1]"), separation=SEPARATION, quality_ratio=Reals("[0, inf]"), policy=POLICY)
def output_share(share, separation, quality_ratio=1.0, policy: str = "quality") -> np.ndarray:
    r"""Share of dogs the generator draws, :math:`\pi' = \pi\Phi(d/2 - t) + (1-\pi)\Phi(-d/2 - t)`.

    Parameters
    ----------
    share : array_like
        Share of dogs :math:`\pi` in the training data, in [0, 1].
    separation : array_like
        Separation :math:`d > 0` of the context signal (ambiguity falls as it grows).
    quality_ratio : array_like
        :math:`q_\text{cat} / q_\text{dog} \ge 0` (``inf`` allowed: dogs cannot be drawn).
        Used by ``policy="quality"`` only.
    policy : {"sample", "map", "quality"}
        Decision rule (see the module docstring).

    Returns
    -------
    numpy.ndarray
        :math:`\pi'`, broadcast over the array arguments. ``share`` 0 and 1 are fixed points
        of every policy.
    """
    pi, d, ratio = share, separation, quality_ratio
    shape = check_broadcast(share=pi, separation=d, quality_ratio=ratio)
    if policy == "sample":
        return np.broadcast_to(pi, shape).copy()
    if policy == "map":
        ratio = np.ones_like(ratio)
    interior = (pi > 0) & (pi < 1)
    safe_pi = np.where(interior, pi, 0.5)
    with np.errstate(divide="ignore"):
        t = (np.log(ratio) - logit(safe_pi)) / d
    drawn = safe_pi * ndtr(d / 2 - t) + (1 - safe_pi) * ndtr(-d / 2 - t)
    return np.where(interior, drawn, pi)


@domains(share=Real("(0, 1)"), separation=POSITIVE, quality_ratio=POSITIVE, policy=POLICY, samples=COUNT, rng=SEED)
def simulate_output_share(
    share: float,
    separation: float,
    quality_ratio: float = 1.0,
    policy: str = "quality",
    *,
    samples: int = 100_000,
    rng=None,
) -> float:
    r"""Monte Carlo estimate of :func:`output_share`: draw images, let the generator decide.

    Each of ``samples`` images is a dog with probability :math:`\pi`; its context is
    :math:`x \sim N(\pm d/2, 1)`; the generator applies ``policy`` to :math:`\rho(x)`.

    Parameters
    ----------
    share : float
        Share of dogs :math:`\pi \in (0, 1)`.
    separation : float
        Separation :math:`d > 0` of the context signal.
    quality_ratio : float
        :math:`q_\text{cat} / q_\text{dog} > 0`, used by ``policy="quality"`` only.
    policy : {"sample", "map", "quality"}
        Decision rule (see the module docstring).
    samples : int
        Number of simulated images, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    float
        Fraction of images on which the generator drew a dog; its standard error is
        about :math:`\sqrt{\pi'(1-\pi')/\text{samples}}`.
    """
    pi, d, ratio = share, separation, quality_ratio
    is_dog = rng.random(samples) < pi
    x = np.take([-d / 2, d / 2], is_dog) + rng.standard_normal(samples)  # a lookup: np.where branches per sample
    with np.errstate(over="ignore"):  # a huge separation sends d x to ±inf: rho is then exactly 0 or 1
        z = d * x + logit(pi)  # rho = expit(z)
        drew_dog = rng.random(samples) < expit(z) if policy == "sample" else _decide(z, policy, ratio)
    return int(np.count_nonzero(drew_dog)) / samples  # the same number as drew_dog.mean(), without a float sum


def _rule(z: np.ndarray, policy: str, ratio: float) -> np.ndarray:
    r"""The "map" or "quality" decision on :math:`z = d x + \operatorname{logit}\pi`, as the model states it."""
    rho = expit(z)
    return rho > 0.5 if policy == "map" else rho > (1 - rho) * ratio


# Relative half-width of the band around ln(ratio) in which _decide applies the rule itself.
_BAND = 1e-6


def _decide(z: np.ndarray, policy: str, ratio: float) -> np.ndarray:
    r""":func:`_rule` on every sample, computed mostly by comparing ``z`` with :math:`\ln` ``ratio``.

    In exact arithmetic both rules draw a dog iff :math:`z > \ln r` (:math:`r = 1` for "map").
    Rounding moves that switch by far less than ``_BAND`` while :math:`|\ln r| \le 20` (the
    rounding of :math:`\rho` and :math:`1 - \rho` is then small against their change across
    the band), so outside the band the comparison gives the rule's own decisions, and the few
    samples inside it get the rule itself: the same result, without an ``expit`` per sample.
    """
    switch = 0.0 if policy == "map" else float(np.log(ratio))
    if abs(switch) > 20:  # rho or 1 - rho within 2e-9 of 0 at the switch: apply the rule everywhere
        return _rule(z, policy, ratio)
    half_width = _BAND * (1 + abs(switch))
    drew_dog = z > switch + half_width
    unsure = np.flatnonzero(~drew_dog & (z > switch - half_width))
    drew_dog[unsure] = _rule(z[unsure], policy, ratio)
    return drew_dog


@domains(share=Reals("[0, 1]"), separation=SEPARATION, capacity=POSITIVE, scale=POSITIVE, policy=POLICY)
def generator_map(share, separation, capacity: float, scale: float = 1.0, policy: str = "quality"):
    r"""One generation :math:`\pi_{n+1} = G(\pi_n)`: allocate capacity, then decide under ambiguity.

    Capacity is split between dogs and cats in proportion to what the training data
    rewards, with :math:`q(c) = 1 - e^{-c/s}` (:func:`~mctools.optimal_allocation`,
    ``quality="exp"``); the quality ratio :math:`q(c_\text{cat})/q(c_\text{dog})` then
    enters the decision of :func:`output_share`.

    Parameters
    ----------
    share : array_like
        This generation's share of dogs :math:`\pi_n`, in [0, 1].
    separation : array_like
        Separation :math:`d > 0`; broadcast against ``share``.
    capacity : float
        Total capacity :math:`C > 0`.
    scale : float
        Saturation scale :math:`s > 0` of the quality curve.
    policy : {"sample", "map", "quality"}
        Decision rule.

    Returns
    -------
    numpy.ndarray
        :math:`\pi_{n+1}`. Once :math:`\operatorname{logit}\pi \ge C/s` cats get no capacity
        and the next generation draws only dogs.
    """
    check_broadcast(share=share, separation=separation)
    pi, d = np.broadcast_arrays(share, separation)
    # Checked once, here: the two steps below take what these checks admit (a map is iterated
    # for hundreds of generations, and their own checks would double the cost of each).
    c = optimal_allocation.unchecked(np.stack([pi, 1 - pi], axis=-1), capacity, "exp", scale)
    quality = -np.expm1(-c / scale)
    with np.errstate(divide="ignore"):
        ratio = quality[..., 1] / quality[..., 0]
    return output_share.unchecked(pi, d, ratio, policy)
