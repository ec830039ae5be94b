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

from ._domains import COUNT, NONNEGATIVE, SEED, Integer, Integers, Maybe, Real, Reals, domains
from ._validate import check_broadcast

__all__ = [
    "LearningRun",
    "choice_probabilities",
    "learning_by_doing_exact",
    "simulate_learning_by_doing",
    "skill_curve",
]

# The rates of equations (1) and (2), as arrays (a grid of them) or, in the exact chain, scalars.
LEARNING, FORGETTING, TEMPERATURE, NOVICE = Real("(0, 1]"), Real("[0, 1]"), NONNEGATIVE, Real("[0, 1)")
RATES = {"learning": LEARNING, "forgetting": FORGETTING, "temperature": TEMPERATURE, "novice": NOVICE}
GRID = {name: Reals(domain.interval) for name, domain in RATES.items()}
#: Experience is stored as int16, choices as int8.
MAX_EXPERIENCE = Integer(f"[1, {np.iinfo(np.int16).max}]")
PAYOFF = Reals("[0, inf)", min_ndim=1, classes=(2, np.iinfo(np.int8).max), what="activities")


@domains(experience=Reals("[0, inf)"), learning=GRID["learning"], novice=GRID["novice"])
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
    check_broadcast(experience=experience, learning=learning, novice=novice)
    with np.errstate(under="ignore"):  # long practice: the gap to mastery underflows to 0
        return 1.0 - (1.0 - novice) * np.power(1.0 - learning, experience)  # base in [0, 1): 0**0 = 1


@domains(values=Reals(min_ndim=1), temperature=GRID["temperature"])
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
    check_broadcast(**{"values[..., 0]": values[..., 0], "temperature": temperature})
    return _choice(values, temperature)


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


_JOINT_STATES = 2**18  # two activities: tabulate every (grid cell, e_0, e_1) up to this many


@domains(
    days=COUNT,
    replicates=COUNT,
    max_experience=MAX_EXPERIENCE,
    **GRID,
    payoff=PAYOFF,
    start=Integers("[0, max_experience]"),
    rng=SEED,
)
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
    With two activities, the choice and the move are looked up in tables built once for
    every (grid cell, :math:`e_0`, :math:`e_1`), with the same arithmetic and random numbers,
    so the same results, as the general loop (used when those tables would exceed
    :math:`2^{18}` entries).

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
        Independent agents per grid cell, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    LearningRun
        ``choices`` (replicates, *grid, days) and ``experience``
        (replicates, *grid, days + 1, K).
    """
    cap, w, first = max_experience, payoff, start
    check_broadcast(learning=learning, forgetting=forgetting, temperature=temperature, novice=novice)
    ell, phi, tau, s0 = np.broadcast_arrays(learning, forgetting, temperature, novice)
    grid, K = ell.shape, w.shape[-1]
    for name, array in (("payoff", w), ("start", first)):
        try:
            np.broadcast_to(array, (*grid, K))
        except ValueError as error:
            raise ValueError(
                f"{name} must broadcast to (*grid, K) = {(*grid, K)} (grid: the shape of learning, forgetting, "
                f"temperature and novice), got shape {array.shape}"
            ) from error

    shape = (replicates, *grid)
    # Internally the activity axis comes first, so that sums over activities are
    # elementwise operations on contiguous arrays; the history is transposed once at the end.
    history = np.empty((days + 1, K, *shape), dtype=np.int16)
    history[0] = np.moveaxis(np.broadcast_to(first, (*shape, K)), -1, 0)
    choices = np.empty((days, *shape), dtype=np.int8)
    w_first = np.moveaxis(np.broadcast_to(w, (*grid, K)), -1, 0)  # (K, *grid)
    # Skill by experience, one small table per grid cell: a lookup is cheaper than a power.
    skill = skill_curve(np.arange(cap + 1), ell[..., None], s0[..., None])  # (*grid, E + 1)
    if K == 2 and skill.size * (cap + 1) <= _JOINT_STATES:
        _two_activities(rng, w_first, skill, tau, phi, history, choices)
    else:
        _any_activities(rng, w_first, skill, tau, phi, history, choices)
    choices = np.moveaxis(choices, 0, -1)
    experience = np.moveaxis(history, (0, 1), (-2, -1))
    return LearningRun(choices, experience)


def _weights(value: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """Unnormalised choice weights (2) over the first axis of ``value``: the day's loop and the tables."""
    top = value.max(axis=0)
    safe_tau = np.where(tau > 0, tau, 1.0)
    if np.all(tau > 0):
        return np.exp((value - top) / safe_tau)
    return np.where(tau > 0, np.exp((value - top) / safe_tau), (top - value <= 1e-12).astype(float))


def _any_activities(gen, w_first, skill, tau, phi, history, choices) -> None:
    """The days of :func:`simulate_learning_by_doing` for any K, filling ``history`` and ``choices``."""
    K, shape, cap = history.shape[1], history.shape[2:], skill.shape[-1] - 1
    e = history[0]
    table = skill.ravel()
    offset = np.arange(table.size, step=cap + 1).reshape(skill.shape[:-1])
    w_first = w_first[(slice(None), None)]  # (K, 1, *grid)
    for n in range(choices.shape[0]):  # each day depends on the last; agents and grid cells move together
        weight = _weights(w_first * table[offset + e], tau)
        u = gen.random(shape) * weight.sum(axis=0)
        k = np.minimum((np.cumsum(weight, axis=0) < u).sum(axis=0), K - 1)
        chosen = np.arange(K).reshape((K,) + (1,) * len(shape)) == k
        forget = gen.random(e.shape) < phi
        e = np.where(chosen, np.minimum(e + 1, cap), np.where(forget, np.maximum(e - 1, 0), e)).astype(np.int16)
        history[n + 1] = e
        choices[n] = k


def _two_activities(gen, w_first, skill, tau, phi, history, choices) -> None:
    """The days of :func:`simulate_learning_by_doing` for K = 2, from tables built once.

    The state of an agent is one index, ``(cell, e_0, e_1)`` of its grid cell and experience.
    Everything that depends only on it is tabulated for every state with the same arithmetic
    as :func:`_any_activities` (so the results are the same): the choice threshold of
    :func:`_thresholds`, the next state for each of the four moves (activity chosen x the
    other one forgotten or not) and the experience. A day is then a few lookups and comparisons.
    """
    side = skill.shape[-1]  # E + 1
    shape = history.shape[2:]  # (replicates, *grid)
    w0, w1 = w_first[..., None, None]  # (*grid, 1, 1)
    value = np.stack(np.broadcast_arrays(w0 * skill[..., :, None], w1 * skill[..., None, :]))  # (2, *grid, e_0, e_1)
    weight = _weights(value, tau[..., None, None])
    threshold = _thresholds(weight[0].ravel(), weight.sum(axis=0).ravel())
    e0, e1 = np.divmod(np.arange(side * side), side)  # the experience of the states of one cell
    practised0, practised1 = np.minimum(e0 + 1, side - 1), np.minimum(e1 + 1, side - 1)
    forgotten0, forgotten1 = np.maximum(e0 - 1, 0), np.maximum(e1 - 1, 0)
    moves = np.stack(  # 2k + (the other activity forgotten) -> the next experience pair
        [
            practised0 * side + e1,
            practised0 * side + forgotten1,
            e0 * side + practised1,
            forgotten0 * side + practised1,
        ],
        axis=-1,
    )
    cell = side * side * np.arange(threshold.size // (side * side))  # the first state of each cell
    moves = (cell[:, None, None] + moves).ravel()  # state * 4 + move -> the next state
    experience = np.stack([np.tile(e0, cell.size), np.tile(e1, cell.size)]).astype(np.int16)  # (2, states)
    e_start = history[0].astype(np.intp)
    state = cell.reshape(skill.shape[:-1]) + e_start[0] * side + e_start[1]  # (replicates, *grid)
    forget_rate = np.ascontiguousarray(np.broadcast_to(phi, shape))
    u, bar = np.empty(shape), np.empty(shape)
    uf, forgot = np.empty((2, *shape)), np.empty((2, *shape), dtype=bool)
    lost, move, code = np.empty(shape, dtype=bool), np.empty(shape, dtype=np.uint8), np.empty(shape, dtype=np.intp)
    # The tables are indexed by states and moves that are in range: mode="clip" skips the bounds checks.
    for n in range(choices.shape[0]):  # each day depends on the last; agents and grid cells move together
        k = choices[n].view(bool)  # 0/1 bytes: activity 1 chosen
        gen.random(out=u)
        np.take(threshold, state, out=bar, mode="clip")
        np.greater(u, bar, out=k)
        gen.random(out=uf)
        np.less(uf, forget_rate, out=forgot)
        # The activity not chosen is forgotten (activity 0 if k, else 1): move = 2k + forgotten.
        np.greater(forgot[1], k, out=lost)
        np.logical_or(lost, forgot[0] & k, out=lost)
        np.add(k.view(np.uint8), k.view(np.uint8), out=move)
        np.add(move, lost.view(np.uint8), out=move)
        np.multiply(state, 4, out=code)
        np.add(code, move, out=code)
        np.take(moves, code, out=state, mode="clip")
        np.take(experience, state, axis=1, out=history[n + 1], mode="clip")


def _thresholds(first: np.ndarray, total: np.ndarray) -> np.ndarray:
    """For K = 2: thresholds t with ``u > t`` exactly when ``first < u * total`` (rounded), u in [0, 1).

    That is the general loop's choice of activity 1, ``cumsum(weight)[0] < u * sum(weight)``
    with ``u`` uniform. As ``u -> fl(u * total)`` is non-decreasing, it holds exactly above
    t = the largest double in [0, 1) with ``fl(t * total) <= first``: ``first / total`` to
    within a few units in the last place, then stepped to it. One comparison replaces a
    multiplication and two lookups every day, with the same decisions.
    """
    below_one = np.nextafter(1.0, 0.0)
    t = np.minimum(first / total, below_one)  # total >= 1: the best activity has weight 1
    while np.any(high := t * total > first):
        t[high] = np.nextafter(t[high], 0.0)
    while np.any(low := (t < below_one) & (np.nextafter(t, 1.0) * total <= first)):
        t[low] = np.nextafter(t[low], 1.0)
    return t


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


@domains(
    days=COUNT,
    max_experience=COUNT,
    **RATES,
    payoff=Reals("[0, inf)", shape=(2,)),
    start=Integers("[0, max_experience]", shape=(2,)),
    given=Maybe(Integers("[0, 1]", ndim=2, shape="(H, k)", empty=True)),
)
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
        Pay :math:`w_k \ge 0` of each activity at mastery.
    max_experience : int
        The cap :math:`E \ge 1`.
    start : pair of int
        Experience before day 1, in :math:`[0, E]`.
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
    cap, ell, phi, tau, s0, w, first = max_experience, learning, forgetting, temperature, novice, payoff, start
    history = np.zeros((1, 0), dtype=int) if given is None else given
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
