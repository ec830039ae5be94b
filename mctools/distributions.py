"""Probability vectors: validation, entropy, divergence, softmax and tempering.

Everything works on the **last axis**, so a stack of distributions of shape
``(..., K)`` is handled in one call. Tempering and softmax are computed in log space,
shifted by the largest exponent, so extreme temperatures or rewards neither overflow nor
return NaN.
"""

from __future__ import annotations

import numpy as np

from ._domains import POSITIVE, Probabilities, Reals, domains
from ._validate import as_probabilities, check_broadcast

__all__ = ["entropy", "kl_divergence", "softmax", "temper", "validate_distribution"]


def validate_distribution(p, *, name: str = "p") -> np.ndarray:
    """Check that ``p`` holds probability vectors along its last axis.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Candidate probabilities: finite, non-negative, each vector summing to 1 (within 1e-8).
    name : str
        The parameter name used in error messages.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        ``p`` as a float array.

    Raises
    ------
    TypeError, ValueError
        Naming ``name`` and the offending value.
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty string (the parameter to blame), got {name!r}")
    return as_probabilities(name, p)


@domains(p=Probabilities())
def entropy(p) -> np.ndarray:
    r"""Shannon entropy in nats over the last axis, :math:`H(p) = -\sum_k p_k \ln p_k`.

    Terms with :math:`p_k = 0` contribute zero (the limit of :math:`x \ln x`).

    Parameters
    ----------
    p : array_like, shape (..., K)
        Probability vectors.

    Returns
    -------
    numpy.ndarray, shape (...)
        Entropies, between 0 and :math:`\ln K`.
    """
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log(safe), axis=-1)


@domains(p=Probabilities(), q=Probabilities())
def kl_divergence(p, q) -> np.ndarray:
    r"""Kullback–Leibler divergence :math:`D(p\,\|\,q) = \sum_k p_k \ln(p_k / q_k)` in nats.

    Parameters
    ----------
    p, q : array_like, shape (..., K)
        Probability vectors of the same shape (or broadcastable shapes).

    Returns
    -------
    numpy.ndarray, shape (...)
        Divergences, ``inf`` where ``q`` puts zero mass on a class that ``p`` uses
        (the mode ``q`` has lost).
    """
    check_broadcast(p=p, q=q)
    p, q = np.broadcast_arrays(p, q)
    used = p > 0
    ratio = np.divide(p, q, out=np.ones_like(p), where=used & (q > 0))
    terms = np.where(used, p * np.log(ratio), 0.0)
    lost = np.any(used & (q == 0), axis=-1)
    return np.where(lost, np.inf, terms.sum(axis=-1))


@domains(rewards=Reals(min_ndim=1), temperature=POSITIVE)
def softmax(rewards, temperature: float = 1.0) -> np.ndarray:
    r"""Boltzmann distribution :math:`p_k = e^{r_k/T} / \sum_j e^{r_j/T}` over the last axis.

    This is the maximiser of expected reward plus :math:`T` times entropy (see the
    free-energy appendix). Computed as :math:`e^{(r_k - r_{\max})/T}` normalised: every
    exponent is at most 0, so rewards of any size and temperatures near zero neither overflow
    nor give NaN (an exponent too negative to represent underflows to a probability of 0).

    Parameters
    ----------
    rewards : array_like, shape (..., K)
        Finite rewards.
    temperature : float
        :math:`T > 0`. Small T approaches the argmax, large T the uniform distribution.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Probability vectors.
    """
    with np.errstate(over="ignore", under="ignore"):  # -inf and 0 are the exact limits here
        weights = np.exp((rewards - rewards.max(axis=-1, keepdims=True)) / temperature)
    return weights / weights.sum(axis=-1, keepdims=True)


@domains(p=Probabilities(), temperature=POSITIVE)
def temper(p, temperature: float) -> np.ndarray:
    r"""Sharpen or flatten ``p``: :math:`p_k^{1/T} / \sum_j p_j^{1/T}` over the last axis.

    :math:`T < 1` sharpens toward the mode, :math:`T > 1` flattens toward uniform, and
    tempering composes: ``temper(temper(p, a), b) == temper(p, a * b)``. Zero entries stay
    zero (a lost mode is not recovered by any temperature). Computed in log space, shifted by
    the largest :math:`\ln p_k` as in :func:`softmax`.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Probability vectors.
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Tempered probability vectors.
    """
    with np.errstate(divide="ignore"):
        log_p = np.log(p)  # -inf for zero entries, which exp() maps back to 0
    with np.errstate(over="ignore", under="ignore"):  # as in softmax: exponents are at most 0
        weights = np.exp((log_p - log_p.max(axis=-1, keepdims=True)) / temperature)
    return weights / weights.sum(axis=-1, keepdims=True)
