r"""Generalised Pólya urns: reinforcement that may lock in one colour.

A two-colour urn holds :math:`A_n` balls of colour 0 and :math:`B_n` of colour 1, with share
:math:`x_n = A_n / (A_n + B_n)`. Each draw adds one ball, of colour 0 with probability

.. math::  f(x) = \frac{x^\alpha}{x^\alpha + (1 - x)^\alpha}
                = \sigma\!\left(\alpha \operatorname{logit} x\right),

the feedback function (Hill, Lane and Sudderth 1980; Arthur 1989). Equivalently colour 0 is
chosen with probability proportional to :math:`A_n^\alpha`. The exponent :math:`\alpha`
sets the regime:

* :math:`\alpha = 1`, Pólya's urn (Eggenberger and Pólya 1923): :math:`x_n` is a martingale
  and converges to a Beta(:math:`A_0`, :math:`B_0`) random limit;
* :math:`\alpha > 1`: one colour takes all but finitely many draws (lock-in); which one is
  random, see :func:`lock_in_probability`;
* :math:`\alpha < 1`: :math:`x_n \to 1/2` (balance).

The fixed points of :math:`f` are 0, 1/2 and 1, and :math:`f'(1/2) = \alpha`: the urn is the
stochastic version of the map :math:`x \mapsto f(x)` (Pemantle 2007, section 2.4).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import integrate
from scipy.special import expit

from ._domains import COUNT, POSITIVE, SEED, Integer, Maybe, Pair, Real, Reals, domains

__all__ = ["LockInEstimate", "lock_in_estimate", "lock_in_probability", "polya_urn", "urn_feedback"]


BALLS = Pair(Integer("[0, inf)"), what="(a, b) of ball counts")


def _balls(initial: tuple[int, int], *, each: int = 0) -> tuple[int, int]:
    """The ball counts ``(a, b)``: at least one ball, and at least ``each`` of each colour."""
    if sum(initial) == 0 or min(initial) < each:
        need = "at least one ball" + " of each colour" * (each > 0)
        raise ValueError(f"initial must hold {need}, got {initial!r}")
    return initial


def _feedback(x: np.ndarray, alpha: float) -> np.ndarray:
    # sigma(alpha * logit x): no power of x is ever formed, so a large alpha cannot
    # underflow both x**alpha and (1 - x)**alpha to 0 and return 0/0 = NaN.
    with np.errstate(divide="ignore"):
        logit = np.log(x) - np.log1p(-x)  # -inf at x = 0, +inf at x = 1, exact 0 at 1/2
    return _logistic(alpha, logit)


def _logistic(alpha: float, logit: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # alpha * logit = +-inf is fine: expit gives 1 or 0
        return expit(alpha * logit)


def _log_counts(stop: int) -> np.ndarray:
    """ln 0, ln 1, ..., ln(stop - 1), with ln 0 = -inf."""
    with np.errstate(divide="ignore"):
        return np.log(np.arange(stop, dtype=float))


_BLOCK = 32  # draws per feedback table in _advance (the table holds at most _BLOCK x replicates numbers)


def _advance(added: np.ndarray, a: int, b: int, alpha: float, start: int, steps: int, gen, history=None) -> None:
    r"""Make draws ``start, ..., start + steps - 1`` of every urn, updating ``added`` in place.

    ``added`` (integers, one per urn) counts the balls of colour 0 drawn so far: before draw
    :math:`n` an urn holds :math:`a + k` of its :math:`a + b + n` balls, with :math:`k \le n`.
    Row ``j`` of ``history``, if given, receives ``added`` after draw ``start + j``.

    Each draw compares one uniform per urn with :math:`f(x_n) = \sigma(\alpha\,[\ln(a + k) -
    \ln(b + n - k)])`, the logit of the share written with the urn's two counts. While the draws
    allow no more counts :math:`k` than there are urns, it is tabulated for every :math:`k` and
    each draw of the block, then looked up: the same numbers from the same operations on the same
    counts as evaluating it for each urn (so the same draws), computed once per count instead of
    once per urn.
    """
    stop = start + steps
    # logit x = ln(a + k) - ln(b + n - k): the urn's two counts, whose logarithms are computed
    # once per block (exact 0 at x = 1/2, +-inf at x = 0 or 1; no division rounds x first).
    logs = _log_counts(max(a, b) + stop + 1)
    if stop <= added.size:  # tabulate
        # row j of `other` holds ln(b + n_j - k) for k = 0..stop-1: one window of the reversed
        # logarithms per draw, shifted by one count per draw; -inf pads the counts k > b + n_j,
        # which never occur (their probability, sigma(+inf) = 1, is never looked up).
        padded = np.concatenate([logs[: b + stop][::-1], np.full(stop, -np.inf)])
        windows = np.lib.stride_tricks.sliding_window_view(padded, stop)
        other = windows[b + stop - 1 - (b + np.arange(start, stop))]
        table = _logistic(alpha, logs[a : a + stop] - other)
    # the block's uniforms in one call: the same stream, in the same order, as one call per draw
    uniforms = gen.random((steps, added.size))
    for j in range(steps):  # each draw depends on the last; replicates move together
        if stop <= added.size:
            probability = table[j].take(added)
        else:
            probability = _logistic(alpha, logs[a + added] - logs[b + start + j - added])
        added += uniforms[j] < probability
        if history is not None:
            history[j] = added


@domains(share=Reals("[0, 1]"), exponent=POSITIVE)
def urn_feedback(share, exponent: float = 1.0) -> np.ndarray:
    r"""The feedback function :math:`f(x) = x^\alpha / (x^\alpha + (1 - x)^\alpha)`.

    Computed as :math:`\sigma(\alpha\,(\ln x - \ln(1 - x)))` with :math:`\sigma` the logistic
    function, which is exact at :math:`x = 0, 1/2, 1` and never overflows or returns NaN,
    however large :math:`\alpha` is.

    Parameters
    ----------
    share : array_like, shape (...)
        Shares :math:`x \in [0, 1]` of colour 0.
    exponent : float
        :math:`\alpha > 0`.

    Returns
    -------
    numpy.ndarray, shape (...)
        The probability that the next ball has colour 0.
    """
    return _feedback(share, exponent)


@domains(initial=BALLS, draws=Integer("[0, inf)"), replicates=COUNT, exponent=POSITIVE, rng=SEED)
def polya_urn(initial, draws: int, *, replicates: int = 1, exponent: float = 1.0, rng=None) -> np.ndarray:
    r"""Simulate a two-colour generalised Pólya urn, every replicate at once.

    Starting from ``initial = (a, b)`` balls, each draw adds one ball of colour 0 with
    probability :math:`f(x_n)` (see :func:`urn_feedback`) and of colour 1 otherwise.

    Parameters
    ----------
    initial : pair of int
        :math:`(A_0, B_0)`, non-negative, not both zero.
    draws : int
        Number of draws, at least 0.
    replicates : int
        Independent urns, simulated together, at least 1.
    exponent : float
        :math:`\alpha > 0`; 1 is Pólya's urn.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (replicates, draws + 1)
        The share of colour 0 after each draw; column 0 is :math:`a / (a + b)`.

    References
    ----------
    Eggenberger and Pólya (1923); Hill, Lane and Sudderth (1980); Arthur (1989).
    """
    (a, b), alpha, gen = _balls(initial), exponent, rng
    added = np.zeros(replicates, dtype=np.intp)  # balls of colour 0 drawn so far
    shares = np.empty((replicates, draws + 1))
    shares[:, 0] = a / (a + b)
    history = np.empty((min(_BLOCK, draws), replicates))
    for start in range(0, draws, _BLOCK):
        steps = min(_BLOCK, draws - start)
        _advance(added, a, b, alpha, start, steps, gen, history)
        counts = history[:steps]
        counts += a
        counts /= a + b + 1 + np.arange(start, start + steps)[:, None]  # the shares after each draw
        shares[:, start + 1 : start + 1 + steps] = counts.T  # a block of columns: one per draw is a slow strided write
    return shares


class LockInEstimate(NamedTuple):
    """A Monte Carlo estimate of the probability that colour 0 wins."""

    probability: float  #: share of replicates in which colour 0 leads after the last draw
    standard_error: float  #: its binomial standard error
    undecided: float  #: share of replicates whose share of colour 0 is within ``margin`` of 1/2


@domains(initial=BALLS, draws=COUNT, replicates=COUNT, exponent=POSITIVE, margin=Real("[0, 0.5)"), rng=SEED)
def lock_in_estimate(
    initial, draws: int, *, replicates: int = 1000, exponent: float = 2.0, margin: float = 0.05, rng=None
) -> LockInEstimate:
    r"""Estimate the probability that colour 0 takes over, by simulating the urn.

    Runs :func:`polya_urn`'s dynamics for ``draws`` draws, keeping only the current counts
    (memory :math:`O(\text{replicates})`), and counts the replicates in which colour 0 holds
    more than half the balls. For :math:`\alpha > 1` this converges to
    :func:`lock_in_probability` as ``draws`` grows. After finitely many draws the leader
    may still be overtaken, so the estimate is biased by at most ``undecided`` (the share of
    replicates within ``margin`` of 1/2) plus the probability that a leader by more than
    ``margin`` is overtaken, which :func:`lock_in_probability` gives for the closest such state
    (the probability of being overtaken falls as the lead grows).

    Parameters
    ----------
    initial : pair of int
        :math:`(A_0, B_0)`.
    draws : int
        Number of draws, at least 1.
    replicates : int
        Independent urns, at least 1.
    exponent : float
        :math:`\alpha > 0`.
    margin : float
        A replicate is undecided while its share of colour 0 is within ``margin`` of 1/2,
        ``0 <= margin < 1/2``.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    LockInEstimate
        ``(probability, standard_error, undecided)``.
    """
    (a, b), alpha, gen = _balls(initial), exponent, rng
    added = np.zeros(replicates, dtype=np.intp)  # balls of colour 0 drawn so far
    for start in range(0, draws, _BLOCK):
        _advance(added, a, b, alpha, start, min(_BLOCK, draws - start), gen)
    share = (a + added) / (a + b + draws)
    wins = float(np.mean(share > 0.5))
    undecided = float(np.mean(np.abs(share - 0.5) <= margin))
    return LockInEstimate(wins, float(np.sqrt(wins * (1 - wins) / replicates)), undecided)


@domains(initial=BALLS, exponent=Real("(1, inf)"), terms=Maybe(Integer("[max(initial) + 1, inf)")))
def lock_in_probability(initial, exponent: float, *, terms: int | None = None) -> float:
    r"""Probability that colour 0 eventually takes all but finitely many draws, :math:`\alpha > 1`.

    Rubin's exponential embedding (Davis 1990): let each colour grow as an independent
    pure-birth process that goes from :math:`k` to :math:`k + 1` balls at rate
    :math:`k^\alpha`. The order of the births is exactly the urn's sequence of draws, and
    colour :math:`c` has infinitely many births before the finite time

    .. math::  T_c = \sum_{k \ge n_c} E_k^{(c)} / k^\alpha,
               \qquad E_k^{(c)} \sim \text{Exp}(1) \text{ i.i.d.},

    (finite because :math:`\sum_k k^{-\alpha} < \infty` for :math:`\alpha > 1`). The colour
    that explodes first wins, so the answer is :math:`P(T_0 < T_1)`. With
    :math:`m = \min(A_0, B_0)` and :math:`M = \max(A_0, B_0)`, :math:`T_{\text{fewer}} -
    T_{\text{more}} = \sum_{m \le k < M} E_k / k^\alpha + S` where :math:`S` is symmetric with
    characteristic function :math:`\prod_{k \ge M} (1 + t^2 k^{-2\alpha})^{-1}`. The
    probability is computed by Gil-Pelaez inversion of the characteristic function
    (Gil-Pelaez 1951), :math:`P(D < 0) = 1/2 - \pi^{-1} \int_0^\infty \operatorname{Im}
    \varphi_D(t)\, t^{-1}\, dt`, by adaptive quadrature.

    Parameters
    ----------
    initial : pair of int
        :math:`(A_0, B_0)`, both at least 1.
    exponent : float
        :math:`\alpha > 1` (no lock-in at or below 1).
    terms : int, optional
        Products are taken over :math:`k <` ``terms`` exactly and the rest through
        :math:`\sum_{k \ge K} k^{-2\alpha}`; default :math:`\max(50 M, 2000)`.

    Returns
    -------
    float
        :math:`P(\text{colour 0 wins})`; accurate to about :math:`10^{-6}` for
        :math:`\alpha \ge 1.1`.

    References
    ----------
    Davis (1990), Reinforced random walk; Oliveira (2008); Pemantle (2007), section 2.3.
    """
    (a, b), alpha = _balls(initial, each=1), exponent
    low, high = min(a, b), max(a, b)
    cutoff = max(50 * high, 2_000) if terms is None else terms
    if a == b:
        return 0.5
    # D is rescaled by low**alpha (P(D < 0) does not change) so that its first term is E / 1
    # and the integrand lives at t of order one, whatever alpha is.
    only_fewer = (low / np.arange(low, high, dtype=float)) ** alpha  # births only the smaller colour needs
    both = (low / np.arange(high, cutoff, dtype=float)) ** alpha
    # sum_{k >= cutoff}, as a ratio below 1 to a power: low ** (2 alpha) alone overflows for a large exponent
    tail = (low / (cutoff - 0.5)) ** (2 * alpha) * (cutoff - 0.5) / (2 * alpha - 1)

    def integrand(t: float) -> float:
        log_phi = -np.sum(np.log1p(-1j * t * only_fewer)) - np.sum(np.log1p((t * both) ** 2)) - t * t * tail
        return float(np.exp(log_phi).imag / t)

    value, _ = integrate.quad(integrand, 0.0, np.inf, limit=500, epsabs=1e-10, epsrel=1e-8)
    fewer_wins = float(np.clip(0.5 - value / np.pi, 0.0, 1.0))  # quadrature error can leave [0, 1]
    return fewer_wins if a < b else 1.0 - fewer_wins
