r"""Learning by doing: skills that grow with practice and fade with disuse.

Experience :math:`e \in \{0, 1, \dots, E\}` counts days of practice. Skill follows a
learning curve in experience,

.. math::  s(e) = 1 - (1 - s_0)(1 - \ell)^e ,                                          (1)

the solution of :math:`s_{e+1} = s_e + \ell\,(1 - s_e)`: each day of practice closes a
fraction :math:`\ell` (the learning rate) of the gap to mastery, from a novice's skill
:math:`s_0`. A day of practice adds one day of experience (up to the cap :math:`E`); a day
of disuse erases one with probability :math:`\varphi` (the forgetting rate).

Each day an agent chooses activity :math:`k` with the softmax (logit) probability

.. math::  P(k) = \frac{e^{v_k/\tau}}{\sum_j e^{v_j/\tau}}, \qquad v_k = w_k\, s(e_k),   (2)

where :math:`w_k` is what a day of activity :math:`k` pays a master and :math:`\tau \ge 0`
the day-to-day noise in the choice (:math:`\tau = 0`: always the better-paid activity, ties
split evenly). This is the learning-by-doing feedback of Arrow (1962) and Rosen (1983):
whatever you do today, you do better tomorrow.

* :func:`skill_curve`: equation (1).
* :func:`choice_probabilities`: equation (2), vectorised, stable at any temperature.
* :func:`simulate_learning_by_doing`: many agents at once, vectorised over a leading
  ``replicates`` axis and over grids of parameters (learning, forgetting, temperature).
* :func:`learning_by_doing_exact`: two activities, the exact law of the Markov chain on
  :math:`(e_0, e_1)`, optionally conditioned on the first days' choices.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_finite_array, as_generator, check_broadcast, check_integer, check_real

__all__ = [
    "LearningRun",
    "choice_probabilities",
    "learning_by_doing_exact",
    "simulate_learning_by_doing",
    "skill_curve",
]


def skill_curve(experience, learning, novice=0.0) -> np.ndarray:
    r"""Skill after ``experience`` days of practice: :math:`s(e) = 1 - (1 - s_0)(1 - \ell)^e`.

    Parameters
    ----------
    experience : array_like, shape (...)
        Days of practice :math:`e \ge 0` (need not be integers).
    learning : array_like, broadcastable with ``experience``
        Learning rate :math:`\ell \in (0, 1]`, the fraction of the gap to mastery closed
        by one day of practice.
    novice : array_like, broadcastable
        A novice's skill :math:`s_0 \in [0, 1)`.

    Returns
    -------
    numpy.ndarray
        Skill in :math:`[s_0, 1]`, the broadcast shape of the inputs.

    References
    ----------
    The exponential learning curve of practice; Arrow (1962), Rosen (1983).
    """
    e = as_finite_array("experience", experience, lower=0.0)
    ell = as_finite_array("learning", learning, lower=0.0, lower_open=True, upper=1.0)
    s0 = as_finite_array("novice", novice, lower=0.0, upper=1.0, upper_open=True)
    check_broadcast(experience=e, learning=ell, novice=s0)
    return _curve(e, ell, s0)


def choice_probabilities(values, temperature) -> np.ndarray:
    r"""Softmax choice over the last axis: :math:`P(k) \propto e^{v_k/\tau}`.

    Parameters
    ----------
    values : array_like, shape (..., K)
        What a day of each activity is worth, :math:`v_k`.
    temperature : array_like, broadcastable with ``values[..., 0]``
        :math:`\tau \ge 0`; at :math:`\tau = 0` the best activities share probability one.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        Probability vectors, computed in log space (no overflow at small :math:`\tau`).
    """
    v = as_finite_array("values", values, min_ndim=1)
    tau = as_finite_array("temperature", temperature, lower=0.0)
    check_broadcast(**{"values[..., 0]": v[..., 0], "temperature": tau})
    return _choice(v, tau)




def _curve(e, ell, s0):
    """Equation (1) without argument checks, for the inner loops."""
    with np.errstate(under="ignore"):  # long practice: the gap to mastery underflows to 0
        return 1.0 - (1.0 - s0) * np.power(1.0 - ell, e)  # base in [0, 1): no overflow; 0**0 = 1


def _choice(v: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """Equation (2) without argument checks, for the inner loops."""
    tau = tau[..., None]
    top = v.max(axis=-1, keepdims=True)
    with np.errstate(over="ignore", divide="ignore"):  # a tiny temperature: exp(-inf) = 0
        soft = np.exp((v - top) / np.where(tau > 0, tau, 1.0))  # shifted by the maximum: no overflow
    soft /= soft.sum(axis=-1, keepdims=True)
    if np.all(tau > 0):
        return soft
    with np.errstate(over="ignore"):  # values of opposite signs near the float limit: top - v = inf
        best = (top - v <= 1e-12).astype(float)
    return np.where(tau > 0, soft, best / best.sum(axis=-1, keepdims=True))


class LearningRun(NamedTuple):
    """What :func:`simulate_learning_by_doing` returns.

    choices : numpy.ndarray of int8, shape (replicates, *grid, days)
        The activity chosen each day.
    experience : numpy.ndarray of int16, shape (replicates, *grid, days + 1, K)
        Experience in each activity before day 1 (index 0) and after each day.
    """

    choices: np.ndarray
    experience: np.ndarray


_MAX_ACTIVITIES = int(np.iinfo(np.int8).max)  # choices are stored as int8
_MAX_EXPERIENCE = int(np.iinfo(np.int16).max)  # experience is stored as int16


def _integer_array(name: str, value, what: str) -> np.ndarray:
    """``value`` as an array of integers (``what`` they count), or a ``TypeError``."""
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise TypeError(f"{name} must be {what}, got a ragged {value!r}") from error
    if array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name} must be {what}, got {value!r}")
    return array


def _parameters(learning, forgetting, temperature, novice):
    ell = as_finite_array("learning", learning, lower=0.0, lower_open=True, upper=1.0)
    phi = as_finite_array("forgetting", forgetting, lower=0.0, upper=1.0)
    tau = as_finite_array("temperature", temperature, lower=0.0)
    s0 = as_finite_array("novice", novice, lower=0.0, upper=1.0, upper_open=True)
    try:
        return np.broadcast_arrays(ell, phi, tau, s0)
    except ValueError as error:
        shapes = [np.shape(a) for a in (ell, phi, tau, s0)]
        raise ValueError(f"learning, forgetting, temperature and novice must broadcast, got shapes {shapes}") from error


def simulate_learning_by_doing(
    days: int,
    *,
    learning,
    forgetting,
    temperature,
    payoff=(1.0, 1.0),
    novice=0.0,
    max_experience: int = 50,
    start=0,
    replicates: int = 1,
    rng=None,
) -> LearningRun:
    r"""Agents who choose an activity each day and learn what they practise.

    Day :math:`n`: choose :math:`k` with probability (2) of the module docstring, given
    the skills :math:`s(e)` of (1); then :math:`e_k \leftarrow \min(e_k + 1, E)` and every
    other activity :math:`j` loses a day, :math:`e_j \leftarrow \max(e_j - 1, 0)`, with
    probability :math:`\varphi`. Days are a loop; agents and parameter grids are arrays.

    Parameters
    ----------
    days : int
        Number of days, at least 1.
    learning, forgetting, temperature, novice : array_like, broadcastable to a grid shape
        :math:`\ell \in (0, 1]`, :math:`\varphi \in [0, 1]`, :math:`\tau \ge 0`,
        :math:`s_0 \in [0, 1)`. Their broadcast shape is the ``grid``: every cell is
        simulated at once.
    payoff : array_like, shape (K,) or (*grid, K)
        Pay :math:`w_k \ge 0` of a day of each activity at mastery; ``2 <= K <= 127`` activities.
    max_experience : int
        The cap :math:`E \ge 1` (mastery), at most 32767.
    start : int or array_like of int, broadcastable to (*grid, K)
        Experience before day 1, in :math:`[0, E]`.
    replicates : int
        Independent agents per grid cell.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    LearningRun
        ``choices`` (replicates, *grid, days) and ``experience``
        (replicates, *grid, days + 1, K).
    """
    days = check_integer("days", days, lower=1)
    replicates = check_integer("replicates", replicates, lower=1)
    cap = check_integer("max_experience", max_experience, lower=1)
    if cap > _MAX_EXPERIENCE:
        raise ValueError(f"max_experience must be <= {_MAX_EXPERIENCE} (experience is stored as int16), got {cap}")
    ell, phi, tau, s0 = _parameters(learning, forgetting, temperature, novice)
    grid = ell.shape
    w = as_finite_array("payoff", payoff, lower=0.0, min_ndim=1)
    if w.shape[-1] < 2:
        raise ValueError(f"payoff must list at least two activities on its last axis, got shape {w.shape}")
    if w.shape[-1] > _MAX_ACTIVITIES:
        raise ValueError(
            f"payoff must list at most {_MAX_ACTIVITIES} activities (choices are int8), got shape {w.shape}"
        )
    K = w.shape[-1]
    first = _integer_array("start", start, "integer days of experience")
    if np.any(first < 0) or np.any(first > cap):
        raise ValueError(f"start must be within [0, max_experience={cap}], got {start!r}")
    for name, array in (("payoff", w), ("start", first)):
        try:
            np.broadcast_to(array, (*grid, K))
        except ValueError as error:
            raise ValueError(
                f"{name} must broadcast to (*grid, K) = {(*grid, K)} (grid: the shape of learning, forgetting, "
                f"temperature and novice), got shape {array.shape}"
            ) from error
    gen = as_generator(rng)

    shape = (replicates, *grid)
    # Internally the activity axis comes first, so that sums over activities are
    # elementwise operations on contiguous arrays; the history is transposed once at the end.
    e = np.array(np.moveaxis(np.broadcast_to(first, (*shape, K)), -1, 0), dtype=np.int16)
    history = np.empty((days + 1, *e.shape), dtype=np.int16)
    history[0] = e
    choices = np.empty((days, *shape), dtype=np.int8)
    w_first = np.moveaxis(np.broadcast_to(w, (*grid, K)), -1, 0)[(slice(None), None)]  # (K, 1, *grid)
    # Skill by experience, one small table per grid cell: a lookup is cheaper than a power.
    table = _curve(np.arange(cap + 1), ell[..., None], s0[..., None]).ravel()
    offset = np.arange(table.size, step=cap + 1).reshape(grid)
    safe_tau = np.where(tau > 0, tau, 1.0)
    for n in range(days):  # each day depends on the last; agents and grid cells move together
        value = w_first * table[offset + e]
        top = value.max(axis=0)
        weight = (
            np.exp((value - top) / safe_tau)
            if np.all(tau > 0)
            else np.where(tau > 0, np.exp((value - top) / safe_tau), (top - value <= 1e-12).astype(float))
        )
        u = gen.random(shape) * weight.sum(axis=0)
        k = np.minimum((np.cumsum(weight, axis=0) < u).sum(axis=0), K - 1)
        chosen = np.arange(K).reshape((K,) + (1,) * len(shape)) == k
        forget = gen.random(e.shape) < phi
        e = np.where(chosen, np.minimum(e + 1, cap), np.where(forget, np.maximum(e - 1, 0), e)).astype(np.int16)
        history[n + 1] = e
        choices[n] = k
    choices = np.moveaxis(choices, 0, -1)
    experience = np.moveaxis(history, (0, 1), (-2, -1))
    return LearningRun(choices, experience)


def _practise(mass: np.ndarray, axis: int) -> np.ndarray:
    """Move probability mass one day of experience up ``axis`` (index = experience, capped)."""
    m = np.moveaxis(mass, axis, -1)
    out = np.empty_like(m)
    out[..., 1:] = m[..., :-1]
    out[..., 0] = 0.0
    out[..., -1] += m[..., -1]
    return np.moveaxis(out, -1, axis)


def _forget(mass: np.ndarray, axis: int, phi: float) -> np.ndarray:
    """With probability phi, move mass one day of experience down ``axis`` (floor 0)."""
    m = np.moveaxis(mass, axis, -1)
    out = (1.0 - phi) * m
    out[..., :-1] += phi * m[..., 1:]
    out[..., 0] += phi * m[..., 0]
    return np.moveaxis(out, -1, axis)


def learning_by_doing_exact(
    days: int,
    *,
    learning: float,
    forgetting: float,
    temperature: float,
    payoff=(1.0, 1.0),
    novice: float = 0.0,
    max_experience: int = 50,
    start=(0, 0),
    given=None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Exact law of the two-activity learner of :func:`simulate_learning_by_doing`.

    The state :math:`(e_0, e_1) \in \{0..E\}^2` is a Markov chain; its distribution is
    propagated day by day (no sampling). With ``given``, the first days' choices are fixed
    and the chain is conditioned on them, for every given history at once.

    Parameters
    ----------
    days : int
        Number of days, at least 1.
    learning, forgetting, temperature, novice : float
        As in :func:`simulate_learning_by_doing` (scalars here).
    payoff : array_like, shape (2,)
        Pay of each activity at mastery.
    max_experience : int
        The cap :math:`E`.
    start : pair of int
        Experience before day 1.
    given : array_like of int, shape (H, k), optional
        ``H`` histories of the first ``k <= days`` choices (0 or 1). Default: one empty
        history (the unconditioned chain).

    Returns
    -------
    (history_probability, choose_first) : tuple of numpy.ndarray
        ``history_probability`` (H,): the probability of each given history;
        ``choose_first`` (H, days): the probability of choosing activity 0 on each day
        given the history (0 or 1 on the given days; NaN-free: a history of probability
        zero raises ``ValueError``).
    """
    days = check_integer("days", days, lower=1)
    cap = check_integer("max_experience", max_experience, lower=1)
    ell = check_real("learning", learning, lower=0.0, lower_open=True, upper=1.0)
    phi = check_real("forgetting", forgetting, lower=0.0, upper=1.0)
    tau = check_real("temperature", temperature, lower=0.0)
    s0 = check_real("novice", novice, lower=0.0, upper=1.0, upper_open=True)
    w = as_finite_array("payoff", payoff, lower=0.0)
    if w.shape != (2,):
        raise ValueError(f"payoff must have shape (2,) for the exact chain, got shape {w.shape}")
    first = _integer_array("start", start, "two integers (days of experience)")
    if first.shape != (2,) or np.any((first < 0) | (first > cap)):
        raise ValueError(f"start must be two integers in [0, max_experience={cap}], got {start!r}")
    history = (
        np.zeros((1, 0), dtype=int) if given is None else _integer_array("given", given, "a 2-D array of 0/1 choices")
    )
    if history.ndim != 2 or np.any((history != 0) & (history != 1)):
        raise ValueError(f"given must be a 2-D array of 0/1 choices, got {given!r}")
    if history.shape[1] > days:
        raise ValueError(f"given must not fix more than days={days} choices, got {history.shape[1]}")

    skill = skill_curve(np.arange(cap + 1), ell, s0)
    values = np.stack(np.broadcast_arrays(w[0] * skill[:, None], w[1] * skill[None, :]), axis=-1)
    p0, p1 = np.moveaxis(choice_probabilities(values, tau), -1, 0)  # (E+1, E+1) each: P(activity | e0, e1)
    mass = np.zeros((history.shape[0], cap + 1, cap + 1))
    mass[:, first[0], first[1]] = 1.0
    choose_first = np.empty((history.shape[0], days))
    probability = np.ones(history.shape[0])
    for n in range(days):
        total = mass.sum(axis=(1, 2))
        choose_first[:, n] = (mass * p0).sum(axis=(1, 2)) / total
        to0 = _forget(_practise(mass * p0, 1), 2, phi)
        to1 = _forget(_practise(mass * p1, 2), 1, phi)
        if n < history.shape[1]:
            pick = history[:, n][:, None, None]
            mass = np.where(pick == 0, to0, to1)
            choose_first[:, n] = 1.0 - history[:, n]
            if n == history.shape[1] - 1:
                probability = mass.sum(axis=(1, 2))
                if np.any(probability <= 0):
                    raise ValueError("given contains a history of probability zero")
                mass = mass / probability[:, None, None]
        else:
            mass = to0 + to1
    return probability, choose_first
