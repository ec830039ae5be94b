r"""Simulated annealing on a small rugged landscape: simulation, exact distribution, schedules.

A walker on the states :math:`x = 0, \dots, L-1` of a one-dimensional landscape with rewards
:math:`r(x)` proposes a step to :math:`x \pm 1` (probability :math:`\tfrac12` each; a step off
the end is rejected) and accepts it with the Metropolis probability
:math:`\min(1, e^{(r(y) - r(x))/T_t})` (Metropolis et al. 1953). At a fixed temperature the
chain is reversible with stationary distribution :math:`p(x) \propto e^{r(x)/T}`, the
maximiser of the free energy; lowering :math:`T_t` over time is simulated annealing
(Kirkpatrick, Gelatt and Vecchi 1983), which finds the global maximum with probability
tending to one if the cooling is slow enough (Hajek 1988).

:func:`simulated_annealing` simulates many walkers at once (replicates are a numpy axis, the
loop is over time only); :func:`annealing_distribution` evolves the exact distribution of one
walker with the transition matrix of :func:`metropolis_matrix`, so simulations can be checked.
"""

from __future__ import annotations

import numpy as np

from ._domains import COUNT, NONNEGATIVE, POSITIVE, SEED, Choice, Integer, Maybe, Reals, domains
from ._validate import within_float64

__all__ = [
    "annealing_distribution",
    "metropolis_matrix",
    "rugged_landscape",
    "simulated_annealing",
    "temperature_schedule",
]

SCHEDULES = ("constant", "geometric", "logarithmic")
REWARDS = Reals(ndim=1, min_ndim=1, classes=(2, None), what="states")  # r(x) of the states x = 0..L-1
SCHEDULE = Reals("(0, inf)", ndim=1, min_ndim=1, empty=True)  # one temperature per step


@domains(size=Integer("[10, inf)"), ripple=NONNEGATIVE, period=POSITIVE)
def rugged_landscape(size: int = 30, *, ripple: float = 0.1, period: float = 4.0) -> np.ndarray:
    r"""A one-dimensional landscape with a broad local hill, a narrower global one, and ripples.

    .. math::  r(x) = e^{-((x - 0.25L)/(0.12L))^2} + 2\,e^{-((x - 0.75L)/(0.07L))^2}
               + a \sin(2\pi x / P),

    for :math:`x = 0, \dots, L-1`: a wide hill of height about 1 a quarter of the way along
    (the easy, "modal" answer), a hill of height about 2 and half the width three quarters of
    the way along (the global maximum), a valley of reward about 0 between them, and ripples
    of amplitude :math:`a` and period :math:`P` that stop a greedy walker at the first bump.

    Parameters
    ----------
    size : int
        :math:`L \ge 10` states.
    ripple : float
        :math:`a \ge 0`.
    period : float
        :math:`P > 0`, in states.

    Returns
    -------
    numpy.ndarray, shape (size,)
        Rewards :math:`r(x)`.
    """
    x = np.arange(size, dtype=float)
    refusal = f"period must be large enough that 2 pi x / period is finite, got {period!r}"
    phase = within_float64(lambda: 2 * np.pi * x / period, refusal)
    broad = np.exp(-(((x - 0.25 * size) / (0.12 * size)) ** 2))
    narrow = 2.0 * np.exp(-(((x - 0.75 * size) / (0.07 * size)) ** 2))
    return broad + narrow + ripple * np.sin(phase)


@domains(kind=Choice(*SCHEDULES), steps=COUNT, start=POSITIVE, end=Maybe(POSITIVE, needed="kind == 'geometric'"))
def temperature_schedule(kind: str, steps: int, start: float, end: float | None = None) -> np.ndarray:
    r"""Temperatures :math:`T_0, \dots, T_{S-1}` for ``steps`` :math:`= S` Metropolis steps.

    * ``"constant"``: :math:`T_t = T_\text{start}`;
    * ``"geometric"``: :math:`T_t = T_\text{start}(T_\text{end}/T_\text{start})^{t/(S-1)}`,
      exponential cooling (Kirkpatrick et al. 1983);
    * ``"logarithmic"``: :math:`T_t = T_\text{start}\ln 2/\ln(t + 2)`, the slow schedule of the
      convergence theorems (Hajek 1988), which never gets cold in practice.

    Parameters
    ----------
    kind : str
        One of ``"constant"``, ``"geometric"``, ``"logarithmic"``.
    steps : int
        :math:`S \ge 1`.
    start : float
        :math:`T_\text{start} > 0`.
    end : float, optional
        :math:`T_\text{end} > 0`, required by (and only used by) ``"geometric"``; checked whenever given.

    Returns
    -------
    numpy.ndarray, shape (steps,)
    """
    t = np.arange(steps, dtype=float)
    curves = {
        "constant": lambda: np.full(steps, start),
        "logarithmic": lambda: start * np.log(2.0) / np.log(t + 2.0),
        "geometric": lambda: start * np.float64(end / start) ** (t / max(steps - 1, 1)),
    }
    given = f"start={start!r}" if end is None else f"start={start!r} and end={end!r}"
    refusal = f"{given} give {kind} temperatures outside float64's normal range"
    return within_float64(curves[kind], refusal, floor=np.finfo(float).tiny)


@domains(rewards=REWARDS, temperature=POSITIVE)
def metropolis_matrix(rewards, temperature: float) -> np.ndarray:
    r"""Transition matrix of one Metropolis step at temperature :math:`T`.

    :math:`P_{x,x\pm1} = \tfrac12\min(1, e^{(r(x\pm1) - r(x))/T})` for neighbours inside the
    landscape and :math:`P_{xx} = 1 - \sum_{y \ne x} P_{xy}`. It satisfies detailed balance
    with :math:`p(x) \propto e^{r(x)/T}`.

    Parameters
    ----------
    rewards : array_like, shape (L,)
        Finite rewards, :math:`L \ge 2`.
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    numpy.ndarray, shape (L, L)
        Row-stochastic: row :math:`x` is the distribution of the next state.
    """
    r, t = rewards, temperature
    with np.errstate(over="ignore", under="ignore"):  # a cold walker: the exponents go to -inf, exactly
        up = 0.5 * np.exp(np.minimum(0.0, (r[1:] - r[:-1]) / t))  # x -> x + 1
        down = 0.5 * np.exp(np.minimum(0.0, (r[:-1] - r[1:]) / t))  # x + 1 -> x
    matrix = np.diag(up, 1) + np.diag(down, -1)
    matrix[np.diag_indices_from(matrix)] = 1.0 - matrix.sum(axis=1)
    return matrix


@domains(rewards=REWARDS, schedule=SCHEDULE, start=Integer("[0, rewards.size)"))
def annealing_distribution(rewards, schedule, start: int) -> np.ndarray:
    r"""Exact distribution of the annealing walker after every step.

    :math:`p_{t+1} = p_t P(T_t)`, from :math:`p_0 = \delta_\text{start}`, with :math:`P` from
    :func:`metropolis_matrix`. Costs :math:`O(S L)` after building each tridiagonal step.

    Parameters
    ----------
    rewards : array_like, shape (L,)
        Finite rewards.
    schedule : array_like, shape (S,)
        Temperatures :math:`T_t > 0`, one per step (see :func:`temperature_schedule`).
    start : int
        Starting state, :math:`0 \le` ``start`` :math:`< L`.

    Returns
    -------
    numpy.ndarray, shape (S + 1, L)
        Row :math:`t` is the distribution after :math:`t` steps.
    """
    r, temps = rewards, schedule
    with np.errstate(over="ignore", under="ignore"):  # a cold walker: the exponents go to -inf, exactly
        gain = np.diff(r) / temps[:, None]  # (r(x+1) - r(x)) / T_t, shape (S, L - 1)
        up = 0.5 * np.exp(np.minimum(0.0, gain))  # P(x -> x + 1) at every step
        down = 0.5 * np.exp(np.minimum(0.0, -gain))  # P(x + 1 -> x)
    stay = 1.0 - np.pad(up, ((0, 0), (0, 1))) - np.pad(down, ((0, 0), (1, 0)))
    out = np.zeros((temps.size + 1, r.size))
    out[0, start] = 1.0
    for step in range(temps.size):  # sequential in time
        p, nxt = out[step], out[step + 1]
        nxt[:] = p * stay[step]
        nxt[1:] += p[:-1] * up[step]
        nxt[:-1] += p[1:] * down[step]
    return out


_BLOCK = 128  # steps tabulated and buffered at a time
_DRAWS = 1 << 15  # random numbers drawn at a time (256 kB: they stay in the cache)


def _coin_flips_and_uniforms(rng: np.random.Generator, steps: int, replicates: int) -> tuple[np.ndarray, np.ndarray]:
    r"""``steps`` rows of ``rng.integers(0, 2, replicates)`` then ``rng.random(replicates)``, in that order.

    The same numbers as those calls made one step at a time, drawn about ten times faster.
    With PCG64 (numpy's default) or PCG64DXSM, no 32-bit half buffered and an even number
    :math:`R` of replicates, ``integers(0, 2)`` is the top bit of a 32-bit draw (Lemire's method,
    which never rejects for two outcomes), and the :math:`R` draws are the low then the high
    halves of :math:`R/2` 64-bit words; ``random`` is a word's top 53 bits times
    :math:`2^{-53}`. So a step's coin flips are bits 20 and 52 of the top 53 bits of
    :math:`R/2` words taken with ``random``, and every step's words come from one call. Any
    other generator, or an odd :math:`R`, makes the calls themselves.
    """
    bits = rng.bit_generator
    fast = type(bits) in (np.random.PCG64, np.random.PCG64DXSM) and replicates % 2 == 0
    if not fast or bits.state["has_uint32"]:
        flips = np.empty((steps, replicates), dtype=np.int64)
        uniforms = np.empty((steps, replicates))
        for i in range(steps):
            flips[i] = rng.integers(0, 2, size=replicates)
            uniforms[i] = rng.random(replicates)
        return flips, uniforms
    half = replicates // 2
    draws = rng.random((steps, half + replicates))
    words = (draws[:, :half] * 2.0**53).astype(np.int64)  # each word's top 53 bits, exactly
    flips = np.empty((steps, half, 2), dtype=np.int64)
    np.bitwise_and(words >> 20, 1, out=flips[..., 0])  # bit 31 of the word: its low half's top bit
    np.right_shift(words, 52, out=flips[..., 1])  # bit 63: its high half's top bit
    return flips.reshape(steps, replicates), draws[:, half:]


def _move_tables(r: np.ndarray, temps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Acceptance probability and move of every proposal at every step of ``temps``.

    A proposal from :math:`x` in direction :math:`d` (0 down, 1 up) has index :math:`2x + d`.
    Returns ``accept`` of shape (len(temps), 2L), :math:`e^{\min(0, (r(y) - r(x))/T_t)}` computed
    exactly as the walkers would (0.0 for a step off the end, which ``u < 0`` never accepts), and
    ``move`` of shape (2L,), the change of the walker's index :math:`2y - 2x = \pm 2`.
    """
    x = np.arange(r.size)
    y = np.stack([x - 1, x + 1], axis=1)  # (L, 2)
    inside = (y >= 0) & (y < r.size)
    y = np.where(inside, y, x[:, None])
    with np.errstate(over="ignore", under="ignore"):  # a cold walker: the exponent goes to -inf, exactly
        accept = np.exp(np.minimum(0.0, (r[y] - r[x][:, None]) / temps[:, None, None]))
    accept = np.where(inside, accept, 0.0).reshape(temps.size, 2 * r.size)
    return accept, 2 * (y - x[:, None]).ravel()


@domains(rewards=REWARDS, schedule=SCHEDULE, start=Integer("[0, rewards.size)"), replicates=COUNT, rng=SEED)
def simulated_annealing(rewards, schedule, start: int, *, replicates: int = 1, rng=None) -> np.ndarray:
    r"""Simulate Metropolis walkers cooled along ``schedule``, all replicates at once.

    At step :math:`t` each walker at :math:`x` proposes :math:`y = x \pm 1` with
    probability :math:`\tfrac12` each, and moves iff :math:`y` is a state and
    :math:`U < e^{\min(0, (r(y) - r(x))/T_t)}` with :math:`U \sim \text{Uniform}(0, 1)`.
    The acceptance probabilities of all :math:`2L` proposals are tabulated for a block of steps
    at a time, so a step is two table look-ups and a comparison per walker.

    Parameters
    ----------
    rewards : array_like, shape (L,)
        Finite rewards (the walker maximises them).
    schedule : array_like, shape (S,)
        Temperatures :math:`T_t > 0`, one per step.
    start : int
        Starting state of every walker, :math:`0 \le` ``start`` :math:`< L`.
    replicates : int
        Independent walkers, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray of int, shape (replicates, S + 1)
        The state of each walker after every step, ``start`` first.
    """
    r, temps = rewards, schedule
    path = np.empty((replicates, temps.size + 1), dtype=np.int64)
    path[:, 0] = start
    # Walkers are kept as 2x, so that 2x + direction indexes the tables. Each step's states go
    # into a (steps, replicates) buffer, halved into path's columns once per block: writing one
    # column of the (replicates, S + 1) output at a time is about ten times slower.
    twice = np.full(replicates, 2 * start)
    buffer = np.empty((min(_BLOCK, temps.size), replicates), dtype=np.int64)
    rows = max(1, _DRAWS // (3 * replicates // 2 + 1))
    for first in range(0, temps.size, _BLOCK):  # sequential in time; walkers are a numpy axis
        accept, move = _move_tables(r, temps[first : first + _BLOCK])
        for i, threshold in enumerate(accept):
            if i % rows == 0:  # the next few steps' draws, a cache's worth
                flips, uniforms = _coin_flips_and_uniforms(rng, min(rows, len(accept) - i), replicates)
            proposal = np.add(flips[i % rows], twice, out=flips[i % rows])
            step = move.take(proposal)
            step *= uniforms[i % rows] < threshold.take(proposal)
            twice = np.add(twice, step, out=buffer[i])
        path[:, first + 1 : first + 1 + len(accept)] = (buffer[: len(accept)] >> 1).T  # 2x -> x
    return path
