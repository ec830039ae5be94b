r"""Temperature: free energy, its maximiser, retraining at a temperature, and finite samples.

In the reward convention (rewards :math:`r_k`, bigger is better) the free energy of a
distribution :math:`p` at temperature :math:`T > 0` is

.. math::  F_T(p) = \sum_k p_k r_k + T\,H(p), \qquad H(p) = -\sum_k p_k \ln p_k,

maximised by the Boltzmann (softmax) distribution :math:`p^*_k = e^{r_k/T}/Z`, with value
:math:`T \ln Z` (Jaynes 1957). Retraining a model on its own output sampled at temperature
:math:`T` (with infinitely many samples) maps :math:`p \mapsto p^{1/T}/\sum p^{1/T}`, so
after :math:`n` generations :math:`p_n \propto p_0^{T^{-n}}`. The exponent explodes or
vanishes, so the functions here carry **logits** (log-probabilities up to a constant) rather
than probabilities: a probability of :math:`e^{-10^{30}}` underflows to zero, its logarithm
does not, and the retraining is undone exactly by rescaling the logits. Logits are kept
*centred* (largest 0) rather than normalised, which keeps their differences to full relative
precision when :math:`T > 1` makes them tiny.

With finitely many samples, a Gaussian refitted to :math:`M` samples drawn at temperature
:math:`T` has :math:`\ln\sigma_n^2` drifting by :math:`\ln T + \psi(k) - \ln k`,
:math:`k = (M-1)/2`, per generation, so it collapses almost surely iff
:math:`T < T_c(M) = e^{\ln k - \psi(k)}`.

``mctools.softmax`` (in :mod:`mctools.distributions`) is the maximiser itself.
"""

from __future__ import annotations

import numpy as np
from scipy.special import digamma, logsumexp

from ._domains import NONNEGATIVE, POSITIVE, Integer, Integers, Probabilities, Reals, domains
from ._validate import check_same_classes, within_float64

__all__ = [
    "critical_temperature",
    "free_energy",
    "log_variance_drift",
    "optimal_free_energy",
    "recover_logits",
    "retrain_logits",
    "temper_logits",
]

#: Largest magnitude a logit may reach before float64 is at risk (max is ~1.8e308),
_LOGIT_LIMIT = 1e300  # and its reciprocal: the smallest logit difference kept
LOGITS = Reals(min_ndim=1)  # finite log-probabilities up to a constant per vector (also rewards)
SAMPLE_SIZES = Integers("[2, inf)")  # an unbiased variance needs two samples


@domains(p=Probabilities(), rewards=LOGITS, temperature=NONNEGATIVE)
def free_energy(p, rewards, temperature: float) -> np.ndarray:
    r"""Expected reward plus temperature times entropy, :math:`\sum_k p_k r_k + T H(p)`.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Probability vectors (zero entries contribute no entropy).
    rewards : array_like, shape (..., K)
        Finite rewards, broadcastable against ``p``.
    temperature : float
        :math:`T \ge 0`; :math:`T = 0` gives the expected reward alone (the "enthalpy").

    Returns
    -------
    numpy.ndarray, shape (...)
        :math:`F_T(p)`, at most :func:`optimal_free_energy` (equal only at the softmax).
    """
    check_same_classes(p=p, rewards=rewards)
    safe = np.where(p > 0, p, 1.0)
    return np.sum(p * rewards, axis=-1) - temperature * np.sum(p * np.log(safe), axis=-1)


@domains(rewards=LOGITS, temperature=POSITIVE)
def optimal_free_energy(rewards, temperature: float) -> np.ndarray:
    r"""The maximum of :math:`F_T` over distributions, :math:`T \ln \sum_k e^{r_k/T}`.

    Attained by ``softmax(rewards, temperature)``; since
    :math:`F_T(p) = T\ln Z - T\,D(p\,\|\,p^*)`, no other distribution attains it. Tends to
    :math:`\max_k r_k` as :math:`T \to 0` and grows like :math:`T \ln K` as
    :math:`T \to \infty`. Computed with log-sum-exp, so it never overflows.

    Parameters
    ----------
    rewards : array_like, shape (..., K)
        Finite rewards.
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    numpy.ndarray, shape (...)
    """
    r, t = rewards, temperature
    scaled = within_float64(
        lambda: r / t, f"temperature={t!r} is too small: rewards / temperature leaves float64's range"
    )
    return within_float64(
        lambda: t * logsumexp(scaled, axis=-1),
        f"the free energy at temperature={t!r} of these rewards leaves float64's range",
    )


@domains(logits=LOGITS, temperature=POSITIVE)
def temper_logits(logits, temperature: float) -> np.ndarray:
    r"""Normalised log-probabilities of :math:`p^{1/T}`: :math:`\ell/T - \ln\sum_j e^{\ell_j/T}`.

    The log-space twin of ``mctools.temper``: tempering ``logits`` (any finite
    log-probabilities, normalised or not) at :math:`T` divides them by :math:`T` and
    renormalises, so nothing underflows however sharp the result. The largest logit is
    subtracted first, so a large common offset costs no precision.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Finite log-probabilities up to an additive constant per vector.
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Normalised log-probabilities: ``logsumexp(result, axis=-1) == 0``.
    """
    centred = _centre(logits)
    return _normalise(lambda: centred / temperature, "temperature", temperature)


@domains(logits=LOGITS, temperature=POSITIVE, generations=Integer("[0, inf)"))
def retrain_logits(logits, temperature: float, generations: int) -> np.ndarray:
    r"""Retrain at temperature :math:`T`, ``generations`` times, carrying logits.

    Each generation fits its predecessor's output sampled at temperature :math:`T` with
    infinitely many samples, :math:`p_{n+1} \propto p_n^{1/T}`, so that
    :math:`\ell_n = T^{-n}(\ell_0 - \max_j \ell_{0j})` up to a constant (proof by induction
    in the free-energy appendix). Iterated generation by generation in log space.

    The logits are returned **centred** (the largest is 0) rather than normalised: a
    normalised log-probability near :math:`-\ln K` cannot hold differences below its
    rounding error (about :math:`10^{-16}\ln K`), which is where :math:`T > 1` takes them,
    whereas a centred logit keeps full relative precision however small it gets. Normalise
    with ``logits - scipy.special.logsumexp(logits, axis=-1, keepdims=True)``, or get
    probabilities with ``mctools.softmax(logits)``.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        :math:`\ell_0`, finite log-probabilities of generation 0 (normalised or not).
    temperature : float
        :math:`T > 0`. Below 1 the logits spread by :math:`1/T` per generation (toward the
        argmax), above 1 they shrink (toward uniform).
    generations : int
        At least 0. Raises ``ValueError`` if the logit differences would leave float64's
        range (about 1000 generations at :math:`T = 1/2` or :math:`T = 2`).

    Returns
    -------
    numpy.ndarray, shape (generations + 1, ..., K)
        Centred logits of every generation, generation 0 first.
    """
    ell, t = logits, temperature
    centred = _centre(ell)
    widest = float(-centred.min())  # the largest logit difference
    if widest > 0 and generations and t != 1.0:
        scaled = np.log(widest) - generations * np.log(t)  # log of widest * T^-n
        overflow = t < 1 and scaled > np.log(_LOGIT_LIMIT)
        flattened = t > 1 and widest >= 1 / _LOGIT_LIMIT and scaled < -np.log(_LOGIT_LIMIT)
        if overflow or flattened:
            raise ValueError(
                f"generations={generations} at temperature={t!r} would take the logit differences "
                f"(scaled by T^-n) outside float64's range; use fewer generations"
            )
    history = np.empty((generations + 1, *ell.shape))
    history[0] = centred
    for n in range(generations):  # sequential in n; every vector moves together
        history[n + 1] = _centre(history[n] / t)
    return history


@domains(logits=LOGITS, temperature=POSITIVE, generations=Integer("[0, inf)"))
def recover_logits(logits, temperature: float, generations: int) -> np.ndarray:
    r"""Undo ``generations`` rounds of retraining at temperature :math:`T`.

    Tempering :math:`p_n` at :math:`T^{-n}` gives back :math:`p_0` exactly:
    :math:`\ell_0 = T^{n}\ell_n - \ln\sum_j e^{T^{n}\ell_{nj}}`. In log space this is one
    multiplication and a renormalisation; in probability space it is impossible once
    :math:`p_n` has underflowed to zeros. Pass the centred logits of
    :func:`retrain_logits`: normalised ones have lost the small differences that
    :math:`T > 1` leaves.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        :math:`\ell_n`, finite logits after ``generations`` rounds.
    temperature : float
        The :math:`T > 0` used for retraining.
    generations : int
        :math:`n \ge 0`.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Normalised log-probabilities of generation 0.
    """
    t = temperature
    centred = _centre(logits)
    scale = within_float64(  # T**n, the inverse temperature of the undoing
        lambda: np.exp(generations * np.log(t)),
        f"temperature={t!r} to the power generations={generations} is not representable in float64",
        floor=np.finfo(float).smallest_subnormal,  # 0 < T**n
    )
    return _normalise(lambda: centred * scale, "generations", generations)


def _centre(ell: np.ndarray) -> np.ndarray:
    """Subtract each vector's largest entry, so the largest logit is exactly 0."""
    return within_float64(
        lambda: ell - ell.max(axis=-1, keepdims=True),
        lambda: f"logits must differ by less than float64's range, got {ell!r:.80}",
    )


def _normalise(rescale, name: str, value) -> np.ndarray:
    """Normalised log-probabilities from centred logits rescaled by ``rescale()``; raise if not representable."""
    scaled = within_float64(rescale, f"{name}={value!r} pushes the logits past float64's range", limit=_LOGIT_LIMIT)
    return scaled - logsumexp(scaled, axis=-1, keepdims=True)


@domains(sample_size=SAMPLE_SIZES, temperature=POSITIVE)
def log_variance_drift(sample_size, temperature: float = 1.0) -> np.ndarray:
    r"""Mean change of :math:`\ln\sigma^2` per generation of refitting a Gaussian.

    Sampling :math:`M` points from :math:`N(\mu, T\sigma^2)` and refitting with the unbiased
    variance gives :math:`\sigma'^2 = T\sigma^2\chi^2_{M-1}/(M-1)`, so

    .. math::  E[\ln\sigma'^2 - \ln\sigma^2] = \ln T + \psi(k) - \ln k, \qquad k = \frac{M-1}{2},

    using :math:`E\ln\chi^2_\nu = \psi(\nu/2) + \ln 2`. Negative: :math:`\sigma_n \to 0`
    almost surely; positive: :math:`\sigma_n \to \infty` almost surely.

    Parameters
    ----------
    sample_size : int or array_like of int
        :math:`M \ge 2`.
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    numpy.ndarray or float, shape of ``sample_size``
    """
    k = (sample_size - 1) / 2
    return np.log(temperature) + digamma(k) - np.log(k)


@domains(sample_size=SAMPLE_SIZES)
def critical_temperature(sample_size) -> np.ndarray:
    r"""The temperature below which a Gaussian refitted to :math:`M` samples collapses.

    .. math::  T_c(M) = \exp(\ln k - \psi(k)), \qquad k = \frac{M-1}{2},

    the root of :func:`log_variance_drift`. :math:`T_c > 1` for every :math:`M`, and
    :math:`T_c(M) = 1 + 1/(M-1) + O(M^{-2})`: with finitely many samples, sampling at
    :math:`T = 1` still collapses; e.g. :math:`T_c(10) \approx 1.122`.

    Parameters
    ----------
    sample_size : int or array_like of int
        :math:`M \ge 2` samples per generation (unbiased variance).

    Returns
    -------
    numpy.ndarray or float, shape of ``sample_size``
    """
    k = (sample_size - 1) / 2
    return np.exp(np.log(k) - digamma(k))
