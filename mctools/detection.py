r"""Detecting a change in a stream of observations: Page's CUSUM and its run length.

Page's (1954) cumulative-sum statistic adds up log-likelihood ratios
:math:`z_t = \ln f_1(x_t)/f_0(x_t)` of "after the change" against "before", and forgets
evidence that points the other way:

.. math::  S_0 = 0, \qquad S_t = \max(0,\, S_{t-1} + z_t), \qquad \tau = \min\{t : S_t \ge h\}.

It is optimal in Lorden's (1971) worst-case sense (asymptotically, as Lorden showed; exactly,
Moustakides 1986): for a given mean time to a false alarm no test detects a change faster on
average in the worst case, and the delay grows like :math:`h / D(f_1 \,\|\, f_0)` (the
Kullback–Leibler divergence per observation).

* :func:`cusum_path` and :func:`first_alarm`: the statistic and the alarm time, vectorised
  over any leading axes (replicates); the path is computed without a Python loop, as
  :math:`S_t = C_t - \min(0, \min_{k \le t} C_k)` with :math:`C_t` the cumulative sum.
* :func:`cusum_run_length`: the exact expected run length of a CUSUM whose increments are
  integers, from the Markov chain on :math:`\{0, \dots, H - 1\}` (Brook and Evans 1972).
* Bernoulli streams (e.g. "is this grant in area A?"): :func:`bernoulli_scores`,
  :func:`bernoulli_run_length`, :func:`bernoulli_threshold`, :func:`simulate_bernoulli_cusum`.
  The log-likelihood ratios are rounded to multiples of ``step`` nats, so that the Markov
  chain is exact for the test actually run; the rounding changes the test by at most
  ``step / 2`` per observation.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sparse
from scipy.sparse.linalg import MatrixRankWarning, spsolve

from ._domains import COUNT, POSITIVE, SEED, Integer, Integers, Probabilities, Real, Reals, domains
from ._validate import show, within_float64

__all__ = [
    "bernoulli_run_length",
    "bernoulli_scores",
    "bernoulli_threshold",
    "cusum_path",
    "cusum_run_length",
    "first_alarm",
    "simulate_bernoulli_cusum",
]

# The exact run length solves a linear system on the lattice {0, ..., H - 1}: a million states
# take about a second. Its relative error grows like the run length times the machine epsilon
# (about 3e-5 at 1e12 observations; past 1e16 the answer is meaningless, even negative).
_MAX_STATES = 10**6
_MAX_RUN_LENGTH = 1e12
PROBABILITY = Real("(0, 1)")  # a Bernoulli success probability the test is designed for


@domains(increments=Reals(min_ndim=1))
def cusum_path(increments) -> np.ndarray:
    r"""The CUSUM statistic :math:`S_t = \max(0, S_{t-1} + z_t)`, :math:`S_0 = 0`, along the last axis.

    Parameters
    ----------
    increments : array_like, shape (..., T)
        Log-likelihood ratios :math:`z_1, \dots, z_T` (any real scores).

    Returns
    -------
    numpy.ndarray, shape (..., T)
        :math:`S_1, \dots, S_T`.
    """
    total = within_float64(
        lambda: np.cumsum(increments, axis=-1),
        lambda: f"increments must have finite cumulative sums (they overflow), got {show(increments)}",
    )
    return total - np.minimum(0.0, np.minimum.accumulate(total, axis=-1))


@domains(paths=Reals("[0, inf)", min_ndim=1), threshold=POSITIVE)  # a CUSUM path is never negative
def first_alarm(paths, threshold: float) -> np.ndarray:
    r"""The alarm time :math:`\tau = \min\{t \ge 1 : S_t \ge h\}` of each path.

    Parameters
    ----------
    paths : array_like, shape (..., T)
        CUSUM paths :math:`S_1, \dots, S_T \ge 0` as returned by :func:`cusum_path`.
    threshold : float
        :math:`h > 0`.

    Returns
    -------
    numpy.ndarray of float, shape (...)
        :math:`\tau` (counting observations from 1); ``inf`` where no alarm within ``T``.
    """
    crossed = paths >= threshold
    first = np.argmax(crossed, axis=-1).astype(float) + 1.0
    return np.where(crossed.any(axis=-1), first, np.inf)


@domains(
    scores=Integers("(-inf, inf)", ndim=1, shape="(m,)", shape_error=TypeError),
    probabilities=Probabilities(ndim=1, shape="(m,)", atol=1e-9, axes="scores.shape"),
    threshold=Integer(f"[1, {_MAX_STATES}]"),
)
def cusum_run_length(scores, probabilities, threshold: int) -> float:
    r"""Exact expected run length of a CUSUM with integer increments (Brook and Evans 1972).

    The increments are i.i.d., equal to ``scores[j]`` with probability ``probabilities[j]``.
    The statistic lives on :math:`\{0, \dots, H - 1\}` until it reaches :math:`H`; with
    :math:`Q` the transition matrix among those states, the expected numbers of steps to
    the alarm solve :math:`(I - Q)L = \mathbf 1`, and the zero-state run length is
    :math:`L_0` (the worst case over starting points, since :math:`S` only helps from higher up).

    Parameters
    ----------
    scores : array_like of int, shape (m,)
        The possible increments, in units of the threshold's lattice.
    probabilities : array_like, shape (m,)
        Their probabilities (non-negative, summing to 1).
    threshold : int
        :math:`1 \le H \le 10^6`.

    Returns
    -------
    float
        :math:`E[\tau]` from :math:`S_0 = 0`; ``inf`` if no positive score has positive
        probability (the statistic can never reach the threshold).

    Raises
    ------
    ValueError
        If :math:`E[\tau]` exceeds :math:`10^{12}`, where double precision no longer solves
        the chain accurately.
    """
    raw, prob, size = scores, probabilities, threshold
    if not np.any((raw > 0) & (prob > 0)):
        return float("inf")
    length = _run_length(raw.tolist(), prob.tolist(), size)
    return _solved(length, f"threshold={size!r} with probabilities={show(prob)}")


def _solved(length: float, arguments: str) -> float:
    """``length``, unless it is beyond what double precision solves accurately (or NaN: a failed solve)."""
    if not 1.0 <= length <= _MAX_RUN_LENGTH:
        raise ValueError(
            f"{arguments} gives an expected run length above {_MAX_RUN_LENGTH:.0e} observations, "
            "beyond what double precision solves accurately"
        )
    return length


def _run_length(scores: list[int], probabilities: list[float], size: int) -> float:
    """:math:`L_0` of the Brook–Evans chain, unchecked: NaN if the solve fails."""
    state = np.arange(size)
    rows, cols, values = [], [], []
    for score, p in zip(scores, probabilities, strict=True):  # a handful of scores, not samples
        score = min(max(score, -size), size)  # same moves; a huge score would overflow state + score
        nxt = np.maximum(state + score, 0)
        stay = nxt < size
        rows.append(state[stay])
        cols.append(nxt[stay])
        values.append(np.full(stay.sum(), p))
    q = sparse.csc_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(size, size))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("error", MatrixRankWarning)
        try:
            lengths = spsolve(sparse.identity(size, format="csc") - q, np.ones(size))
        except MatrixRankWarning:  # singular to machine precision: the run length is astronomical
            return float("nan")
    return float(lengths[0])


def _lattice_size(threshold: float, step: float) -> int:
    r"""The threshold in lattice units, :math:`\lceil h/\text{step} \rceil \ge 1`, or raise."""
    ratio = threshold / step
    if not ratio <= _MAX_STATES:
        raise ValueError(
            f"threshold/step must be at most {_MAX_STATES} lattice steps, got threshold={threshold!r}, step={step!r}"
        )
    return max(1, int(np.ceil(ratio - 1e-9)))


@domains(p0=PROBABILITY, p1=PROBABILITY, step=POSITIVE)
def bernoulli_scores(p0: float, p1: float, step: float = 0.01) -> tuple[int, int]:
    r"""Rounded log-likelihood ratios of one Bernoulli observation, in units of ``step`` nats.

    .. math::  z(1) = \ln\frac{p_1}{p_0}, \qquad z(0) = \ln\frac{1 - p_1}{1 - p_0}.

    Parameters
    ----------
    p0, p1 : float
        Success probability before and after the change, in (0, 1), different.
    step : float
        Lattice spacing in nats, :math:`> 0`.

    Returns
    -------
    (score_one, score_zero) : tuple of int
        ``round(z(1)/step)`` and ``round(z(0)/step)``; of opposite signs.
    """
    if p0 == p1:
        raise ValueError(f"p1 must differ from p0, got p0 = p1 = {p0!r}")
    ratios = within_float64(  # z(1) and z(0) in units of step, in Python floats (a few microseconds)
        lambda: (float(np.log(p1 / p0)) / step, float(np.log1p(-p1) - np.log1p(-p0)) / step),
        f"step is too small: the log-likelihood ratios overflow in units of step={step!r}",
    )
    one, zero = (round(ratio) for ratio in ratios)
    if one == 0 or zero == 0:
        raise ValueError(f"step must be smaller than the log-likelihood ratios, got step={step!r} for p0={p0}, p1={p1}")
    return one, zero


@domains(p=PROBABILITY, p0=PROBABILITY, p1=PROBABILITY, step=POSITIVE, threshold=POSITIVE)
def bernoulli_run_length(p: float, p0: float, p1: float, threshold: float, step: float = 0.01) -> float:
    r"""Expected number of observations to an alarm when the stream is Bernoulli(``p``).

    ``p = p0`` gives the mean time to a false alarm, ``p = p1`` the (worst-case) mean delay
    of detection. Exact for the test with rounded scores, via :func:`cusum_run_length`.

    Parameters
    ----------
    p : float
        The stream's success probability, in (0, 1).
    p0, p1 : float
        The probabilities the test is designed for (before, after), in (0, 1).
    threshold : float
        :math:`h > 0` in nats; rounded up to a multiple of ``step``.
    step : float
        Lattice spacing in nats, :math:`> 0`.

    Returns
    -------
    float
        Expected run length in observations.

    Raises
    ------
    ValueError
        If ``threshold / step`` exceeds :math:`10^6` lattice steps, or the run length
        :math:`10^{12}` observations (beyond what double precision solves accurately).
    """
    one, zero = bernoulli_scores(p0, p1, step)
    length = _run_length([one, zero], [p, 1 - p], _lattice_size(threshold, step))
    return _solved(length, f"threshold={threshold!r} (p={p!r}, p0={p0!r}, p1={p1!r}, step={step!r})")


@domains(false_alarm=Real(f"[1, {_MAX_RUN_LENGTH}]"), p0=PROBABILITY, p1=PROBABILITY, step=POSITIVE)
def bernoulli_threshold(p0: float, p1: float, false_alarm: float, step: float = 0.01) -> float:
    r"""The smallest threshold whose mean time to a false alarm is at least ``false_alarm`` observations.

    The in-control run length increases with the threshold, so the lattice threshold is
    found by doubling and then bisection on :func:`bernoulli_run_length` at :math:`p = p_0`.

    Parameters
    ----------
    p0, p1 : float
        The probabilities the test is designed for, in (0, 1).
    false_alarm : float
        Target mean number of observations between false alarms, in :math:`[1, 10^{12}]`.
    step : float
        Lattice spacing in nats, :math:`> 0`.

    Returns
    -------
    float
        :math:`h`, a multiple of ``step`` (in nats).
    """
    target = false_alarm
    one, zero = bernoulli_scores(p0, p1, step)

    def in_control(size: int) -> float:
        # a run length too long to solve accurately is still longer than the target
        length = _run_length([one, zero], [p0, 1 - p0], size)
        return length if 1.0 <= length <= _MAX_RUN_LENGTH else np.inf

    low, high = 0, 1
    while in_control(high) < target:
        low, high = high, 2 * high
        if high > _MAX_STATES:
            raise ValueError(
                f"false_alarm={false_alarm!r} needs a threshold above {_MAX_STATES} lattice steps of step={step!r}"
            )
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if in_control(middle) >= target else (middle, high)
    return high * step


@domains(
    steps=COUNT,
    p=Reals("[0, 1]"),
    p0=PROBABILITY,
    p1=PROBABILITY,
    step=POSITIVE,
    threshold=POSITIVE,
    replicates=COUNT,
    rng=SEED,
)
def simulate_bernoulli_cusum(
    p, p0: float, p1: float, threshold: float, steps: int, *, replicates: int = 1, step: float = 0.01, rng=None
) -> np.ndarray:
    r"""Alarm times of the Bernoulli CUSUM on simulated streams, all replicates at once.

    Parameters
    ----------
    p : float or array_like, shape (steps,)
        Success probability of each observation, in [0, 1] (an array puts a change anywhere in the stream).
    p0, p1 : float
        The probabilities the test is designed for, in (0, 1).
    threshold : float
        :math:`h > 0` in nats (rounded up to a multiple of ``step``, as in :func:`bernoulli_run_length`).
    steps : int
        Observations per stream, at least 1.
    replicates : int
        Independent streams, at least 1.
    step : float
        Lattice spacing of the scores in nats, :math:`> 0`.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (replicates,)
        Alarm times in observations (from 1); ``inf`` where no alarm within ``steps``.
    """
    probability = p
    if probability.ndim > 1 or probability.size not in (1, steps):
        raise ValueError(f"p must be a scalar or have shape ({steps},), got shape {probability.shape}")
    one, zero = bernoulli_scores(p0, p1, step)
    size = _lattice_size(threshold, step)
    uniforms = rng.random((replicates, steps))
    if steps * max(abs(one), abs(zero)) < 2**53:  # cusum_path's float sums are exact: integer sums give the same
        return _first_alarms(uniforms, probability, np.array([zero, one]), size)
    paths = cusum_path(np.where(uniforms < probability, float(one), float(zero)))
    return first_alarm(paths, size)


_TIME_BLOCK = 16  # observations per block in _first_alarms


def _first_alarms(uniforms: np.ndarray, probability: np.ndarray, scores: np.ndarray, size: int) -> np.ndarray:
    r"""Alarm times of the CUSUM on the streams ``uniforms < probability``, block by block in time.

    The same as :func:`first_alarm` of :func:`cusum_path` (integer sums are exact, as are
    these floats below :math:`2^{53}`), but unchecked and without a full path: each block of
    observations continues every stream from the level :math:`S` it reached (:math:`S_t = C_t -
    \min(0, \min_{k \le t} C_k)` also holds with :math:`C` starting at :math:`S \ge 0`), and streams
    that have alarmed are dropped: a monitored stream often alarms within a few blocks, and its
    later observations need no work. ``scores`` are the integer scores of a 0 and of a 1.
    """
    replicates, steps = uniforms.shape
    probability = np.broadcast_to(probability, (steps,))
    alarms = np.full(replicates, np.inf)
    rows = np.arange(replicates)  # streams without an alarm yet
    level = np.zeros((replicates, 1), dtype=scores.dtype)  # their statistic S
    for start in range(0, steps, _TIME_BLOCK):
        success = uniforms[rows, start : start + _TIME_BLOCK] < probability[start : start + _TIME_BLOCK]
        total = level + np.cumsum(scores.take(success.view(np.uint8)), axis=1)  # a lookup: np.where branches
        path = total - np.minimum(np.minimum.accumulate(total, axis=1), 0)
        crossed = path >= size
        alarmed = crossed.any(axis=1)
        alarms[rows[alarmed]] = start + 1 + crossed[alarmed].argmax(axis=1)
        rows, level = rows[~alarmed], path[~alarmed, -1:]
        if rows.size == 0:
            break
    return alarms
