r"""Renewable resources: logistic growth with harvest, and a forager who learns.

The stock :math:`N` of a renewable resource grows logistically and is harvested in
proportion to effort :math:`E` and to the stock itself (Schaefer 1954):

.. math::  \frac{dN}{dt} = r N \Bigl(1 - \frac{N}{K}\Bigr) - q E N .                   (1)

For :math:`qE < r` the stock settles at :math:`N^* = K(1 - qE/r)` and yields
:math:`Y(E) = qEN^* = qEK(1 - qE/r)`, largest at :math:`E = r/2q`: the maximum sustainable
yield :math:`rK/4`, at :math:`N = K/2`. For :math:`qE \ge r` the stock dies out.

The island (chapter 5) couples (1) to a learner of :mod:`mctools.learning`: each day the
cloudiness :math:`c \in [0, 1]` is drawn, and the islander hunts iff

.. math::  h\,(1 - c)\,\frac{N}{K} > f\,c, \qquad\text{i.e.}\qquad c < \frac{hN/K}{hN/K + f}, (2)

with hunting and fishing skills :math:`h, f` from the learning curve of their experience.

* :func:`logistic_growth`, :func:`equilibrium_stock`, :func:`sustainable_yield`,
  :func:`maximum_sustainable_yield`: the closed forms of (1).
* :func:`simulate_harvest`: (1) stepped forward for arrays of effort paths.
* :func:`sample_cloudiness`, :func:`cloudiness_cdf`: the island's weather.
* :func:`simulate_island`: the learning islander and the prey, vectorised over replicates
  and over grids of learning and forgetting rates (and any other parameter).
"""

from __future__ import annotations

import numpy as np

from ._domains import COUNT, FLAG, POSITIVE, SEED, Integers, Pair, Real, Reals, domains
from ._validate import check_broadcast
from .learning import GRID, MAX_EXPERIENCE, skill_curve

__all__ = [
    "cloudiness_cdf",
    "equilibrium_stock",
    "logistic_growth",
    "maximum_sustainable_yield",
    "sample_cloudiness",
    "simulate_harvest",
    "simulate_island",
    "sustainable_yield",
]


# Equation (1): r > 0 and K > 0, a stock and an effort >= 0, and q >= 0.
RATES = {"growth": Reals("(0, inf)"), "capacity": Reals("(0, inf)"), "catchability": Reals("[0, inf)")}
STOCK = EFFORT = Reals("[0, inf)")
SUNNY = Real("[0, 1]")  # P(c < 1/2)


@domains(stock=STOCK, growth=RATES["growth"], capacity=RATES["capacity"])
def logistic_growth(stock, growth, capacity) -> np.ndarray:
    r"""Logistic growth :math:`rN(1 - N/K)`, per unit time.

    Parameters
    ----------
    stock : array_like
        :math:`N \ge 0`.
    growth, capacity : array_like, broadcastable
        Intrinsic growth rate :math:`r > 0` and carrying capacity :math:`K > 0`.

    Returns
    -------
    numpy.ndarray
        The broadcast shape of the inputs.
    """
    check_broadcast(stock=stock, growth=growth, capacity=capacity)
    return growth * stock * (1.0 - stock / capacity)


@domains(effort=EFFORT, **RATES)
def equilibrium_stock(effort, growth, capacity, catchability) -> np.ndarray:
    r"""The stable equilibrium of (1): :math:`N^* = K\max(0, 1 - qE/r)`.

    Parameters
    ----------
    effort : array_like
        Harvest effort :math:`E \ge 0` (per unit time).
    growth, capacity, catchability : array_like, broadcastable
        :math:`r > 0`, :math:`K > 0`, :math:`q \ge 0`.

    Returns
    -------
    numpy.ndarray
        The equilibrium stock, zero where :math:`qE \ge r` (over-harvest: extinction).

    References
    ----------
    Schaefer (1954); Clark, *Mathematical Bioeconomics* (1990).
    """
    check_broadcast(effort=effort, growth=growth, capacity=capacity, catchability=catchability)
    return capacity * np.maximum(0.0, 1.0 - catchability * effort / growth)


@domains(effort=EFFORT, **RATES)
def sustainable_yield(effort, growth, capacity, catchability) -> np.ndarray:
    r"""The harvest per unit time at equilibrium: :math:`Y = qEK\max(0, 1 - qE/r)`.

    Parameters and returns as :func:`equilibrium_stock`.
    """
    stock = equilibrium_stock(effort, growth, capacity, catchability)  # checks that the arguments broadcast
    return catchability * effort * stock


@domains(**RATES | {"catchability": Reals("(0, inf)")})
def maximum_sustainable_yield(growth, capacity, catchability) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Effort, stock and yield at the maximum sustainable yield: :math:`(r/2q, K/2, rK/4)`.

    Parameters
    ----------
    growth, capacity : array_like
        :math:`r > 0`, :math:`K > 0`.
    catchability : array_like
        :math:`q > 0`.

    Returns
    -------
    (effort, stock, yield) : tuple of numpy.ndarray
    """
    check_broadcast(growth=growth, capacity=capacity, catchability=catchability)
    r, K, q = np.broadcast_arrays(growth, capacity, catchability)
    return r / (2.0 * q), K / 2.0, r * K / 4.0


@domains(effort=Reals("[0, inf)", min_ndim=1), stock0=STOCK, **RATES, dt=POSITIVE)
def simulate_harvest(stock0, effort, growth, capacity, catchability, *, dt: float = 1.0):
    r"""Step (1) forward with Euler steps of length ``dt`` along each effort path.

    .. math::  N_{t+1} = \max\bigl(0,\; N_t + \Delta t\,[\,rN_t(1 - N_t/K) - qE_tN_t\,]\bigr).

    With ``dt = 1`` this is the discrete-time (daily) model; its fixed point is exactly
    :math:`K(1 - qE/r)`, stable when :math:`0 < r - qE < 2`. A small ``dt`` approximates
    the differential equation.

    Parameters
    ----------
    stock0 : array_like, broadcastable with ``effort[..., 0]``
        Initial stock :math:`N_0 \ge 0`.
    effort : array_like, shape (..., steps)
        Effort :math:`E_t \ge 0` in each step (a leading ``replicates`` axis is allowed).
    growth, capacity, catchability : array_like, broadcastable with ``effort[..., 0]``
        :math:`r > 0`, :math:`K > 0`, :math:`q \ge 0`.
    dt : float
        Step length, > 0.

    Returns
    -------
    (stock, harvest) : tuple of numpy.ndarray
        ``stock`` (..., steps + 1) with :math:`N_0` first; ``harvest`` (..., steps), the
        stock removed in each step, :math:`\Delta t\,qE_tN_t` (capped at what is there).
    """
    E, N0, r, K, q = effort, stock0, growth, capacity, catchability
    cells = check_broadcast(
        **{"stock0": N0, "effort[..., 0]": E[..., 0], "growth": r, "capacity": K, "catchability": q}
    )
    N = np.broadcast_to(N0, cells).astype(float)
    steps = E.shape[-1]
    stock = np.empty((*N.shape, steps + 1))
    harvest = np.empty((*N.shape, steps))
    stock[..., 0] = N
    for t in range(steps):  # a loop over time; every path moves together
        take = dt * q * E[..., t] * N
        grown = N + dt * r * N * (1.0 - N / K)
        harvest[..., t] = np.minimum(take, np.maximum(grown, 0.0))
        N = np.maximum(grown - take, 0.0)
        stock[..., t + 1] = N
    return stock, harvest


@domains(c=Reals(), sunny=SUNNY)
def cloudiness_cdf(c, sunny=0.75) -> np.ndarray:
    r"""CDF of the island's cloudiness, :math:`F(c) = P(C \le c)`.

    Cloudiness is a two-part mixture: with probability :math:`p` (``sunny``) the day is
    sunny and :math:`C \sim U(0, \tfrac12)`; otherwise it is cloudy and
    :math:`C \sim U(\tfrac12, 1)`. So :math:`P(C < \tfrac12) = p` and

    .. math::  F(c) = 2pc \ (c \le \tfrac12), \qquad F(c) = p + 2(1 - p)(c - \tfrac12) \ (c > \tfrac12).

    Parameters
    ----------
    c : array_like
        Cloudiness values (clipped to [0, 1]).
    sunny : float
        :math:`p \in [0, 1]`.

    Returns
    -------
    numpy.ndarray
        The shape of ``c``.
    """
    x, p = np.clip(c, 0.0, 1.0), sunny
    return np.where(x <= 0.5, 2.0 * p * x, p + 2.0 * (1.0 - p) * (x - 0.5))


@domains(
    sunny=SUNNY,
    shape=Integers("[0, inf)", ndim=(0, 1), shape="() or (n,): an int or a tuple of ints", empty=True),
    rng=SEED,
)
def sample_cloudiness(shape, sunny=0.75, rng=None) -> np.ndarray:
    r"""Draw cloudiness from the mixture of :func:`cloudiness_cdf` (inverse-CDF sampling).

    Parameters
    ----------
    shape : int or tuple of int
        Output shape, e.g. ``(replicates, days)``: non-negative integers.
    sunny : float
        :math:`p = P(C < \tfrac12) \in [0, 1]`.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray of the given shape, values in [0, 1].
    """
    u = rng.random(tuple(np.atleast_1d(shape).tolist()))
    return _cloudiness_quantile(u, sunny)


def _cloudiness_quantile(u: np.ndarray, p: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        sunny_part = u / (2.0 * p) if p > 0 else np.zeros_like(u)
        cloudy_part = 0.5 + (u - p) / (2.0 * (1.0 - p)) if p < 1 else np.full_like(u, 0.5)
    return np.where(u < p, sunny_part, cloudy_part)


def _island_draws(gen: np.random.Generator, days: int, common: tuple[int, ...], p: float, cells: int):
    """Yield each day's weather (1 - c, c) and forgetting draws, each (2, *common), of :func:`simulate_island`.

    A day draws ``common`` uniforms for the weather, then two times ``common`` for forgetting.
    They are drawn many days at a time, the same numbers in the same order, and the weather
    is computed for all those days at once: fewer, larger numpy calls. A block has at most as
    many days as there are grid cells (and a bounded size): its memory is that of a few of the
    state's arrays, whatever the number of days.
    """
    per_block = max(1, min(_BLOCK_DAYS, cells, _BLOCK_DRAWS // (3 * int(np.prod(common)))))
    for first in range(0, days, per_block):
        u = gen.random((min(per_block, days - first), 3, *common))
        c = _cloudiness_quantile(u[:, 0], p)
        yield from zip(np.stack([1.0 - c, c], axis=1), u[:, 1:], strict=True)


def _daily(value: np.ndarray):
    """A parameter of the day loop: one scalar if it is the same in every cell (broadcast), else contiguous."""
    return value.flat[0] if value.size and not any(value.strides) else np.ascontiguousarray(value)


_BLOCK_DAYS, _BLOCK_DRAWS = 64, 2**16  # simulate_island draws that many days, or uniforms, at once


@domains(
    days=COUNT,
    max_experience=MAX_EXPERIENCE,
    replicates=COUNT,
    sunny=SUNNY,
    history=FLAG,
    start=Pair(Integers("[0, max_experience]"), what="(hunting, fishing) of experience", error=ValueError),
    learning=GRID["learning"],
    forgetting=GRID["forgetting"],
    novice=GRID["novice"],
    growth=RATES["growth"],
    catchability=RATES["catchability"],
    stock0=STOCK,
    requirement=Reals("[0, inf)"),
    reserve=Reals("(0, inf]"),
    rng=SEED,
)
def simulate_island(
    days: int,
    *,
    learning,
    forgetting,
    novice=0.1,
    max_experience: int = 40,
    start=(20, 20),
    growth=0.02,
    catchability=0.0,
    stock0=1.0,
    requirement=0.0,
    reserve=np.inf,
    sunny: float = 0.75,
    replicates: int = 1,
    history: bool = False,
    rng=None,
) -> dict[str, np.ndarray]:
    r"""The islander who hunts or fishes each day, learning what she practises.

    Each day: draw the cloudiness :math:`c`; skills :math:`h = s(e_h)`, :math:`f = s(e_f)`
    (learning curve (1) of :mod:`mctools.learning`); hunt iff (2) of the module docstring,
    with the prey stock :math:`N` measured in units of its capacity (:math:`K = 1`). The
    day's food is :math:`h(1 - c)N` rations if she hunts and :math:`fc` if she fishes (the
    sea does not run out). Hunting is harvest effort :math:`E_t = h(1-c)`, so the prey
    follows :math:`N \leftarrow N + rN(1 - N) - qE_tN`. The practised activity gains a day of
    experience (cap :math:`E`), the other loses one with probability :math:`\varphi`. A
    larder of at most ``reserve`` rations absorbs the difference between food and the
    daily ``requirement``; she starves the day it would go negative, and stays dead.

    Every parameter except ``days``, ``max_experience``, ``sunny``, ``replicates``,
    ``history`` and ``rng`` may be an array: their broadcast shape is the ``grid`` and
    every cell is simulated at once. Weather and forgetting draws are shared by the grid
    cells of a replicate (common random numbers), so neighbouring cells differ only by
    their parameters.

    Parameters
    ----------
    days : int
        Days simulated, at least 1.
    learning, forgetting, novice : array_like
        :math:`\ell \in (0, 1]`, :math:`\varphi \in [0, 1]`, :math:`s_0 \in [0, 1)`.
    max_experience : int
        Experience cap :math:`E \ge 1`, at most 32767.
    start : pair of array_like of int
        Hunting and fishing experience before day 1, in :math:`[0, E]`.
    growth, catchability : array_like
        Prey growth rate :math:`r > 0` per day and catchability :math:`q \ge 0`
        (``catchability=0``: the prey never runs out).
    stock0 : array_like
        Initial prey stock, in units of the carrying capacity, :math:`\ge 0`.
    requirement, reserve : array_like
        Rations eaten per day (:math:`\ge 0`) and the larder's size (:math:`> 0`, may be
        ``inf``); the larder starts full.
    sunny : float
        :math:`P(c < \tfrac12) \in [0, 1]`, see :func:`cloudiness_cdf`.
    replicates : int
        Independent islands per grid cell, at least 1.
    history : bool
        Also return the daily paths (memory: replicates × grid × days per path).
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    dict of numpy.ndarray
        Always, each of shape (replicates, *grid): ``starved_on`` (the day of death,
        ``inf`` if she survives), ``stock``, ``hunting_experience``, ``fishing_experience``
        (at the end) and ``hunting_share`` (share of the last ``min(days, 100)`` days alive
        spent hunting, NaN if dead all that time). With ``history=True`` also, each of shape
        (replicates, *grid, days): ``hunt`` (bool), ``food``, ``stock_path`` (before each
        day), ``threshold`` (the cloudiness below which she hunts), ``hunting_skill``,
        ``fishing_skill``, ``larder``.
    """
    cap = max_experience
    given = {"learning": learning, "forgetting": forgetting, "novice": novice, "growth": growth}
    given |= {"catchability": catchability, "stock0": stock0, "requirement": requirement, "reserve": reserve}
    given |= {"start[0]": start[0], "start[1]": start[1]}
    check_broadcast(**given)
    island = dict(zip(given, np.broadcast_arrays(*given.values()), strict=True)) | {"max_experience": cap}
    return _FastIsland(island, replicates, days, history).run(rng, sunny)


def _island_day(day: int, state: dict, c: np.ndarray, u: np.ndarray, island: dict) -> dict[str, np.ndarray]:
    r"""Day ``day`` of every islander, as the module docstring's equations: the plain form of :func:`simulate_island`.

    ``state`` holds ``experience`` (2, replicates, *grid: hunting, fishing), ``stock``, ``larder``,
    ``alive`` and ``starved_on`` (replicates, *grid), updated in place; ``c`` is the day's cloudiness
    and ``u`` (2, ...) uniforms, each activity being forgotten if its own is below the forgetting rate;
    ``island`` holds the parameters. Returns the day's record: the stock and larder before the day,
    the skills, the food, whether she hunted and whether she was alive.
    """
    e_h, e_f = state["experience"]
    N, alive = state["stock"], state["alive"]
    h, f = (
        skill_curve(e_h, island["learning"], island["novice"]),
        skill_curve(e_f, island["learning"], island["novice"]),
    )
    hunt_value, fish_value = h * (1.0 - c) * N, f * c
    hunt = hunt_value > fish_value  # (2): hunt iff h (1 - c) N > f c
    food = np.where(hunt, hunt_value, fish_value)
    take = island["catchability"] * h * (1.0 - c) * N * (hunt & alive)  # harvest effort E = h (1 - c)
    state["stock"] = np.maximum(N + island["growth"] * N * (1.0 - N) - take, 0.0)  # (1), K = 1, one day
    larder = np.minimum(state["larder"] + food - island["requirement"], island["reserve"])
    survives = alive & (larder >= 0)  # she starves the day the larder would go negative
    state["starved_on"][alive & ~survives] = day + 1
    practised = np.stack([hunt & survives, ~hunt & survives])  # a day of experience, up to E; the other
    forgotten = (u < island["forgetting"]) & practised[::-1]  # activity loses one with probability phi
    state["experience"] = np.clip(state["experience"] + practised - forgotten, 0, island["max_experience"])
    record = {"stock_path": N, "larder": state["larder"], "hunting_skill": h, "fishing_skill": f, "food": food}
    state["larder"], state["alive"] = larder, survives
    return record | {"hunt": hunt & alive, "alive": alive}


class _FastIsland:
    """:func:`simulate_island`'s loop: :func:`_island_day`, with the same arithmetic, in place, on every islander.

    Skill by experience is one small table per grid cell (a lookup is cheaper than a power), and
    experience is kept as indices into it; the day's arithmetic writes into buffers allocated once.
    """

    def __init__(self, island: dict, replicates: int, days: int, history: bool):
        grid, cap = island["learning"].shape, island["max_experience"]
        self.shape, self.days, self.history = (replicates, *grid), days, history
        self.common = (replicates,) + (1,) * len(grid)  # one draw per replicate, shared by the grid
        self.table = skill_curve(np.arange(cap + 1), island["learning"][..., None], island["novice"][..., None]).ravel()
        offset = np.arange(self.table.size, step=cap + 1).reshape(grid)  # experience e of a cell: table[offset + e]
        self.at = np.empty((2, *self.shape), dtype=np.intp)  # (hunting, fishing) experience as indices
        self.at[0], self.at[1] = offset + island["start[0]"], offset + island["start[1]"]
        # Its range, full size: minimum and maximum run faster without broadcasting.
        self.lowest, self.highest = (
            np.ascontiguousarray(np.broadcast_to(b, self.at.shape)) for b in (offset, offset + cap)
        )
        self.stock = np.broadcast_to(island["stock0"], self.shape).astype(float)
        self.larder = np.broadcast_to(island["reserve"], self.shape).astype(float)
        self.alive, self.starved_on = np.ones(self.shape, dtype=bool), np.full(self.shape, np.inf)
        names = ("forgetting", "catchability", "growth", "requirement", "reserve")
        self.phi, self.q, self.r, self.need, self.full = (_daily(island[k]) for k in names)
        # Buffers: the day's arithmetic is done in place.
        self.skill, self.catch = np.empty((2, *self.shape)), np.empty((2, *self.shape))
        self.forget, self.gained, self.lost = (np.empty((2, *self.shape), dtype=bool) for _ in range(3))
        self.food, self.take, self.grown, self.room, self.new_stock, self.new_larder = (
            np.empty(self.shape) for _ in range(6)
        )
        self.hunt, self.hunting, self.broke, self.dies = (np.empty(self.shape, dtype=bool) for _ in range(4))
        self.step = np.empty((2, *self.shape), dtype=np.int8)

    def day(self, day: int, weather: np.ndarray, u: np.ndarray) -> None:
        """One day; ``weather`` is (1 - c, c), ``u`` the forgetting draws."""
        np.less(u, self.phi, out=self.forget)  # (2, *shape): each activity would be forgotten if not practised
        np.take(self.table, self.at, out=self.skill, mode="clip")  # the indices stay in each cell's range
        h, stock, hunt, take, grown = self.skill[0], self.stock, self.hunt, self.take, self.grown
        # The model's arithmetic in the order of the formulas, so with the same rounding:
        # h (1 - c) N against f c, take = q h (1 - c) N, grown = N + r N (1 - N).
        np.multiply(self.skill, weather, out=self.catch)  # h (1 - c) and f c
        hunt_value, fish_value = self.catch
        hunt_value *= stock
        np.greater(hunt_value, fish_value, out=hunt)
        np.maximum(hunt_value, fish_value, out=self.food)  # the larger catch: hunt_value if hunt, else fish_value
        np.logical_and(hunt, self.alive, out=self.hunting)
        np.multiply(self.q, h, out=take)
        take *= weather[0]
        take *= stock
        take *= self.hunting  # no harvest by fishers and the dead (take >= 0: x * 1.0 == x, x * 0.0 == 0.0)
        np.multiply(self.r, stock, out=grown)
        np.subtract(1.0, stock, out=self.room)
        grown *= self.room
        grown += stock
        grown -= take
        np.maximum(grown, 0.0, out=self.new_stock)
        np.add(self.larder, self.food, out=self.new_larder)
        self.new_larder -= self.need
        np.minimum(self.new_larder, self.full, out=self.new_larder)
        np.less(self.new_larder, 0, out=self.broke)
        np.logical_and(self.alive, self.broke, out=self.dies)
        if self.dies.any():
            self.starved_on[self.dies] = day + 1

    def survive(self) -> None:
        """The day's end: the survivors' state and experience (the practised activity gains a day,
        capped at E, the other loses one if forgotten, floored at 0), clipped to each cell's range."""
        np.greater(self.alive, self.broke, out=self.alive)  # alive and not broke
        self.stock, self.new_stock = self.new_stock, self.stock
        self.larder, self.new_larder = self.new_larder, self.larder  # a dead islander's larder is never read again
        np.logical_and(self.hunt, self.alive, out=self.gained[0])
        np.greater(self.alive, self.hunt, out=self.gained[1])
        np.logical_and(self.forget, self.gained[::-1], out=self.lost)
        np.subtract(self.gained.view(np.int8), self.lost.view(np.int8), out=self.step)
        self.at += self.step
        np.minimum(self.at, self.highest, out=self.at)
        np.maximum(self.at, self.lowest, out=self.at)

    def record(self, day: int, paths: dict) -> None:
        """The day's entries of the paths (``history=True``), NaN once dead."""
        h, f = self.skill
        values = {"food": self.food, "stock_path": self.stock, "hunting_skill": h, "fishing_skill": f}
        for key, value in (values | {"larder": self.larder}).items():
            paths[key][..., day] = np.where(self.alive, value, np.nan)
        paths["hunt"][..., day] = self.hunt & self.alive
        with np.errstate(invalid="ignore", divide="ignore"):
            paths["threshold"][..., day] = np.where(self.alive, h * self.stock / (h * self.stock + f), np.nan)

    def run(self, gen, sunny: float) -> dict[str, np.ndarray]:
        days, window = self.days, min(self.days, 100)
        hunted_days, alive_days, paths = np.zeros(self.shape), np.zeros(self.shape), {}
        if self.history:
            kinds = {"food": float, "stock_path": float, "threshold": float, "hunting_skill": float}
            kinds |= {"fishing_skill": float, "larder": float, "hunt": bool}
            paths = {key: np.zeros((*self.shape, days), dtype=kind) for key, kind in kinds.items()}
        for day, (weather, u) in enumerate(_island_draws(gen, days, self.common, sunny, cells=self.lowest[0].size)):
            self.day(day, weather, u)
            if self.history:
                self.record(day, paths)
            if day >= days - window:
                hunted_days += self.hunting
                alive_days += self.alive
            self.survive()
        e_h, e_f = (self.at - self.lowest).astype(np.int16)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(alive_days > 0, hunted_days / np.maximum(alive_days, 1), np.nan)
        result = {"starved_on": self.starved_on, "stock": self.stock, "hunting_experience": e_h}
        return result | {"fishing_experience": e_f, "hunting_share": share} | paths
