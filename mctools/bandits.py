r"""Exploration and exploitation in a world whose returns shift or deplete.

An agent repeatedly picks one of :math:`K` activities ("arms"). Activity :math:`k` pays
:math:`r_t = \mu_{t,k} + \sigma\varepsilon_t` with :math:`\varepsilon_t \sim N(0, 1)`. The
agent keeps an estimate :math:`Q_k` of each activity and updates only the one it tried,

.. math::  Q_k \leftarrow Q_k + \alpha\,(r_t - Q_k),

a recency-weighted average suited to a world that changes (Sutton & Barto 2018, §2.5).
Its *mode* is :math:`\arg\max_k Q_k`. The strategies differ in how often they leave it:

* **greedy**: always the mode (all defaults);
* **ε-greedy**: with probability :math:`\varepsilon` a uniformly random activity;
* **softmax** at temperature :math:`T > 0`: activity :math:`k` with probability
  :math:`e^{Q_k/T}/\sum_j e^{Q_j/T}` (computed in log space, as :func:`mctools.softmax` does);
* **annealed softmax**: the temperature cools as :math:`T_t = T/(1 + t/\tau)`;
* **periodic monitoring**: greedy, except every ``period`` steps it tries the activity it
  has not tried for longest (a scheduled check for a shift, not a random walk).

The strategies are points of one parameter space, so a single call can simulate several at
once by giving ``epsilon``, ``temperature``, ``anneal`` and ``period`` one value per replicate.
Rules combine in the order probe, then ε, then softmax (or the mode when :math:`T = 0`);
:func:`strategy_arrays` builds those per-replicate arrays from named strategies.

The world is a schedule of means ``means[t, k]`` (the same for every replicate, or one per
replicate, e.g. with random shift times) optionally multiplied by a *stock* that the agent
depletes: pulling arm :math:`k` multiplies its stock by :math:`1 - d`, and every stock regrows
as :math:`s \leftarrow s + g(1 - s)` each step (quarry that becomes rarer when hunted).

Replicates are a numpy axis; only time steps are looped over. Every step draws the same
random numbers whatever the strategy, so runs with one seed share their luck (common random
numbers), which sharpens comparisons between strategies.

References: R. S. Sutton and A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed.,
MIT Press (2018), ch. 2; J. G. March, "Exploration and exploitation in organizational
learning", *Organization Science* 2 (1991).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from ._domains import (
    COUNT,
    NONNEGATIVE,
    SEED,
    Indices,
    Integer,
    Maybe,
    PerReplicate,
    Real,
    Reals,
    Settings,
    domains,
)
from .distributions import softmax

__all__ = ["BanditRun", "escape_time", "simulate_bandit", "strategy_arrays"]


class BanditRun(NamedTuple):
    """The history of a simulated bandit; every field has shape ``(replicates, steps)``.

    Attributes
    ----------
    choices : numpy.ndarray of int
        The activity pulled at each step.
    rewards : numpy.ndarray of float
        The payoff observed, :math:`\\mu_{t,k} + \\sigma\\varepsilon_t`.
    expected : numpy.ndarray of float
        The mean payoff of the activity pulled, :math:`\\mu_{t,k}` (the reward without noise).
    regret : numpy.ndarray of float
        :math:`\\max_j \\mu_{t,j} - \\mu_{t,k}`, what the choice lost against the best activity.
    leading : numpy.ndarray of int
        The agent's mode before acting, :math:`\\arg\\max_k Q_k` (ties go to the lower index).
    best : numpy.ndarray of int
        The activity with the highest mean at that step.
    """

    choices: np.ndarray
    rewards: np.ndarray
    expected: np.ndarray
    regret: np.ndarray
    leading: np.ndarray
    best: np.ndarray


# The strategy knobs (module docstring), one value each; simulate_bandit takes one per replicate.
STRATEGY = {
    "epsilon": Real("[0, 1]"),
    "temperature": NONNEGATIVE,
    "anneal": Real("(0, inf]"),  # inf: no annealing
    "period": Integer("[0, inf)"),  # 0: no probes
}
STEP_SIZE = Real("(0, 1]")
WORLD = Reals(  # declared after replicates
    min_ndim=2,
    ndim=(2, 3),
    shape="(steps, K) or (replicates, steps, K)",
    classes=(2, None),
    what="activities",
    axes="(replicates, None, None)",
    drop_leading=True,
)


_BLOCK = 32  # steps kept in (steps, replicates) buffers before they are copied into the outputs


def _argmax_arms(arms) -> np.ndarray:
    """``np.argmax`` over a sequence of K equal-shape arrays (ties to the lower index).

    A few comparisons of whole arrays: ``argmax(axis=-1)`` on a short last axis costs 20–40 ns
    per row, and ``argmax(axis=0)`` copies. The inputs are finite, so no NaN rules are needed.
    """
    index = (arms[1] > arms[0]).astype(np.intp)
    top = arms[0]
    for k in range(2, len(arms)):
        top = np.maximum(top, arms[k - 1])
        index = np.where(arms[k] > top, k, index)
    return index


def _softmax_pick(estimates: np.ndarray, cooled: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Arm drawn by inversion, ``u`` against the cumulative softmax of each column of ``estimates`` (K, n).

    The operations, their order and their floating-point scopes are those of :func:`mctools.softmax`
    applied to the rows of the transposed (n, K) logits, so the picks are bit-for-bit the same; the
    reductions over K are written as K - 1 ufunc calls on whole rows, which is much cheaper.
    """
    shifted = estimates - functools.reduce(np.maximum, estimates)
    with np.errstate(over="ignore"):  # tiny T: weights below e^-10000 are 0.0 anyway
        logits = np.maximum(shifted / cooled, -1e4)
    with np.errstate(over="ignore", under="ignore"):  # softmax's exp; the largest logit is exactly 0
        weights = np.exp(logits)
    # numpy adds fewer than 8 numbers in order and more pairwise: follow it
    total = functools.reduce(np.add, weights) if len(weights) < 8 else np.ascontiguousarray(weights.T).sum(axis=1)
    if np.isnan(total.sum()):  # NaN logits (T cooled to 0.0): refused by softmax, as before
        softmax(logits.T)
    shares = weights / total
    cumulative = shares[0]
    picked = (u > cumulative).astype(np.intp)
    for share in shares[1:-1]:  # the cumulative sum, as np.cumsum adds it
        cumulative = cumulative + share
        picked += u > cumulative
    return picked


def _probe_schedule(period: np.ndarray, steps: int):
    """Which steps have a scheduled probe, the periods due then, and the replicates of each period."""
    cycles, inverse = np.unique(period, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(cycles.size + 1))
    useful = (cycles > 0) & (cycles <= steps)  # 0 never probes; a longer period not within these steps
    groups = [order[a:b] for a, b, keep in zip(bounds[:-1], bounds[1:], useful, strict=True) if keep]
    cycles = cycles[useful]
    due = np.zeros(steps, dtype=bool)
    for cycle in cycles:  # at most min(steps, distinct periods) slices
        due[cycle - 1 :: cycle] = True
    return due.tolist(), cycles, groups


@domains(
    replicates=COUNT,
    means=WORLD,
    **{knob: PerReplicate(domain) for knob, domain in STRATEGY.items()},
    step_size=STEP_SIZE,
    probe_step_size=Maybe(STEP_SIZE),
    noise_sd=NONNEGATIVE,
    depletion=Real("[0, 1]"),
    regrowth=Real("[0, 1]"),
    initial=Maybe(Reals(min_ndim=1)),
    rng=SEED,
)
def simulate_bandit(
    means,
    *,
    replicates: int = 1,
    epsilon=0.0,
    temperature=0.0,
    anneal=np.inf,
    period=0,
    step_size: float = 0.1,
    probe_step_size: float | None = None,
    initial=None,
    noise_sd: float = 1.0,
    depletion: float = 0.0,
    regrowth: float = 0.0,
    rng=None,
) -> BanditRun:
    r"""Simulate an exploring agent in a changing world, all replicates at once.

    Parameters
    ----------
    means : array_like, shape (steps, K) or (replicates, steps, K)
        Mean payoff :math:`\mu_{t,k}` of each activity at each step, :math:`K \ge 2`.
    replicates : int
        Independent agents, at least 1; must equal ``means.shape[0]`` when ``means`` is 3-D.
    epsilon : float or array_like, shape (replicates,)
        Probability in [0, 1] of a uniformly random activity (ε-greedy).
    temperature : float or array_like, shape (replicates,)
        Softmax temperature :math:`T \ge 0`; 0 means the mode (greedy).
    anneal : float or array_like, shape (replicates,)
        Cooling time :math:`\tau > 0`: :math:`T_t = T/(1 + t/\tau)`; ``inf`` (default) keeps
        :math:`T` constant.
    period : int or array_like of int, shape (replicates,)
        Probe every ``period`` steps (at steps :math:`t \equiv -1 \bmod` ``period``) the
        activity other than the mode tried least recently; :math:`\ge 0`, and 0 (default) never probes.
    step_size : float
        :math:`\alpha \in (0, 1]` of the estimate update; 1 keeps only the latest payoff.
    probe_step_size : float, optional
        The :math:`\alpha \in (0, 1]` of updates after a scheduled probe; by default ``step_size``.
        1 makes each probe an *audit* whose result replaces the stale estimate.
    initial : array_like, shape (K,) or (replicates, K), optional
        Starting estimates :math:`Q_k`; by default the means at step 0 (an agent that knows
        its world and has settled in its mode).
    noise_sd : float
        :math:`\sigma \ge 0`, the spread of payoffs around their means.
    depletion : float
        :math:`d \in [0, 1]`: pulling an activity multiplies its stock by :math:`1 - d`.
    regrowth : float
        :math:`g \in [0, 1]`: every stock regrows by :math:`g(1 - s)` each step.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    BanditRun
        Choices, rewards, expected payoffs, regret, the agent's mode and the best activity,
        each of shape (replicates, steps). With depletion, "best" and "regret" refer to the
        depleted means of that step.
    """
    world = means
    start = world[..., 0, :] if initial is None else initial
    try:
        estimates = np.array(np.broadcast_to(start, (replicates, world.shape[-1])), dtype=float)
    except ValueError as error:
        raise ValueError(f"initial must have shape (K,) or (replicates, K), got {np.shape(start)}") from error
    probe_step_size = step_size if probe_step_size is None else probe_step_size
    knobs = _Knobs(epsilon, temperature, anneal, period, step_size, probe_step_size, noise_sd, depletion, regrowth)
    return _FastAgents(estimates, world, knobs).run(rng)


class _Knobs(NamedTuple):
    """The strategy (one value per replicate) and the world's constants of :func:`simulate_bandit`."""

    epsilon: np.ndarray
    temperature: np.ndarray
    anneal: np.ndarray
    period: np.ndarray
    step_size: float
    probe_step_size: float
    noise_sd: float
    depletion: float
    regrowth: float


def _bandit_step(t: int, estimates, stock, last_tried, means, knobs: _Knobs, rng) -> dict[str, np.ndarray]:
    r"""Step :math:`t` of every agent, as the module docstring states it: the plain form of :func:`simulate_bandit`.

    ``estimates`` (the :math:`Q_k`), ``stock`` and ``last_tried`` (the last step each activity was
    tried, counted from 1) have shape (replicates, K) and are updated in place; ``means`` are the
    :math:`\mu_{t,k}`, shape (K,) or (replicates, K). Returns the step's entries of :class:`BanditRun`.
    The random numbers are drawn in :func:`simulate_bandit`'s order, so the two agree draw for draw
    (and at least in distribution, which ``tests/test_bandits.py`` checks).
    """
    agents, arms = np.arange(len(estimates)), estimates.shape[1]
    mode = np.argmax(estimates, axis=1)
    choice, u = mode.copy(), rng.random(len(agents))
    cooled = knobs.temperature / (1.0 + t / knobs.anneal)  # softmax at T_t = T / (1 + t / tau)
    for temperature in np.unique(cooled[knobs.temperature > 0]):  # softmax, by inversion of u
        hot = np.flatnonzero((knobs.temperature > 0) & (cooled == temperature))
        choice[hot] = np.sum(u[hot, None] > np.cumsum(softmax(estimates[hot], temperature), axis=1)[:, :-1], axis=1)
    explore, uniform = rng.random(len(agents)) < knobs.epsilon, rng.integers(arms, size=len(agents))
    choice[explore] = uniform[explore]  # epsilon: a uniformly random activity
    probe = (knobs.period > 0) & ((t + 1) % np.maximum(knobs.period, 1) == 0)
    stale = np.where(np.arange(arms) == mode[:, None], np.inf, last_tried)  # not the mode: tried least recently
    choice[probe] = np.argmin(stale[probe], axis=1)
    mu = means * stock
    reward = mu[agents, choice] + knobs.noise_sd * rng.standard_normal(len(agents))  # r = mu + sigma eps
    alpha = np.where(probe, knobs.probe_step_size, knobs.step_size)
    estimates[agents, choice] += alpha * (reward - estimates[agents, choice])  # Q <- Q + alpha (r - Q)
    last_tried[agents, choice] = t + 1
    stock += knobs.regrowth * (1.0 - stock)  # s <- s + g (1 - s), then the pulled one x (1 - d)
    stock[agents, choice] *= 1.0 - knobs.depletion
    best, paid = np.argmax(mu, axis=1), mu[agents, choice]
    regret = mu[agents, best] - paid
    return {"choices": choice, "rewards": reward, "expected": paid, "regret": regret, "leading": mode, "best": best}


class _FastAgents:
    """:func:`simulate_bandit`'s loop: :func:`_bandit_step`, with the same arithmetic on every agent at once.

    Arms first: every array of the loop is (K, replicates), so each operation over the K activities
    is a few calls on contiguous rows. Each step's results go into (steps, replicates) buffers,
    copied into the (replicates, steps) outputs every ``_BLOCK`` steps.
    """

    def __init__(self, estimates: np.ndarray, world: np.ndarray, knobs: _Knobs):
        replicates, arms = estimates.shape
        self.world, self.knobs, self.steps = world, knobs, world.shape[-2]
        self.q = np.ascontiguousarray(estimates.T)
        self.q_flat = self.q.reshape(-1)  # q_flat[choice * replicates + r] is the estimate of r's choice
        self.rows = np.arange(replicates)
        # Without depletion the stock stays exactly 1.0 (1 + g * 0 = 1, 1 * (1 - 0) = 1), so the means
        # are the world's: best activity and regret are computed for all steps at once, after the loop.
        self.stock = np.ones((arms, replicates)) if knobs.depletion > 0 else None
        self.by_step = world.transpose(1, 2, 0) if world.ndim == 3 else world[:, :, None]  # (steps, K, R or 1)
        self.hot = np.flatnonzero(knobs.temperature > 0)
        self.hot_temperature, self.hot_anneal = knobs.temperature[self.hot], knobs.anneal[self.hot]
        self.probe_due, self.cycles, self.groups = _probe_schedule(knobs.period, self.steps)
        # With two activities the probe is the one that is not the mode, whenever it was last tried.
        self.last_tried = np.zeros((arms, replicates))
        self.track = arms > 2 and self.cycles.size > 0

    def choose(self, t: int, gen) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The mode, the choice and the probed replicates (or None) at step ``t``."""
        q, replicates = self.q, len(self.rows)
        mode = _argmax_arms(q)
        choice = mode.copy()
        u = gen.random(replicates)  # drawn whatever the strategy: common random numbers
        if self.hot.size:  # softmax over estimates at the (cooled) temperature, in log space
            cooled = self.hot_temperature / (1.0 + t / self.hot_anneal)
            choice[self.hot] = _softmax_pick(q.take(self.hot, axis=1), cooled, u.take(self.hot))
        explore = gen.random(replicates) < self.knobs.epsilon
        uniform = gen.integers(len(q), size=replicates)
        np.putmask(choice, explore, uniform)
        probed = None
        if self.probe_due[t]:
            probed = np.concatenate([self.groups[j] for j in np.flatnonzero((t + 1) % self.cycles == 0)])
            stale = self.last_tried[:, probed]
            stale[mode[probed], np.arange(probed.size)] = np.inf
            choice[probed] = np.argmin(stale, axis=0)
        return mode, choice, probed

    def learn(self, t: int, choice: np.ndarray, probed, noise: np.ndarray, step: dict) -> None:
        """Pay the choices of step ``t``, update the estimates and the stock; fill ``step``'s rows."""
        knobs, replicates = self.knobs, len(self.rows)
        flat = choice * replicates
        flat += self.rows
        if self.stock is not None:
            mu = self.by_step[t] * self.stock
            expected = mu.take(flat)
            step["best"], step["regret"] = _argmax_arms(mu), functools.reduce(np.maximum, mu) - expected
        elif self.world.ndim == 2:
            expected = self.world[t].take(choice)
        else:
            expected = np.ascontiguousarray(self.by_step[t]).take(flat)
        reward = knobs.noise_sd * noise
        reward += expected
        estimate = self.q_flat.take(flat)
        error = reward - estimate
        update = error * knobs.step_size
        if probed is not None:
            update[probed] = error[probed] * knobs.probe_step_size
        estimate += update
        self.q_flat[flat] = estimate
        if self.track:
            self.last_tried.reshape(-1)[flat] = t + 1
        if self.stock is not None:
            self.stock += knobs.regrowth * (1.0 - self.stock)
            self.stock.reshape(-1)[flat] *= 1.0 - knobs.depletion
        step["choices"], step["expected"], step["rewards"] = choice, expected, reward

    def run(self, gen) -> BanditRun:
        steps, replicates = self.steps, len(self.rows)
        out = {name: np.empty((replicates, steps), dtype=np.int32) for name in ("choices", "leading", "best")}
        out |= {name: np.empty((replicates, steps)) for name in ("rewards", "expected", "regret")}
        stored = ("choices", "leading", "expected", "rewards", *(("regret", "best") if self.stock is not None else ()))
        buffers = {name: np.empty((min(_BLOCK, steps), replicates), dtype=out[name].dtype) for name in stored}
        for t in range(steps):
            i = t % _BLOCK
            mode, choice, probed = self.choose(t, gen)
            step = {"leading": mode}
            self.learn(t, choice, probed, gen.standard_normal(replicates), step)
            for name, buffer in buffers.items():
                buffer[i] = step[name]
            if i == _BLOCK - 1 or t == steps - 1:
                for name, buffer in buffers.items():
                    out[name][:, t - i : t + 1] = buffer[: i + 1].T
        if self.stock is None:
            world_arms = [self.world[..., k] for k in range(self.world.shape[-1])]  # (steps,) or (R, steps) each
            out["best"][...] = _argmax_arms(world_arms)
            np.subtract(functools.reduce(np.maximum, world_arms), out["expected"], out=out["regret"])
        return BanditRun(*(out[name] for name in BanditRun._fields))


_STRATEGY_DEFAULTS = {"epsilon": 0.0, "temperature": 0.0, "anneal": np.inf, "period": 0}


@domains(strategies=Settings(**STRATEGY), replicates=COUNT)
def strategy_arrays(strategies: dict, replicates: int) -> dict[str, np.ndarray]:
    r"""Per-replicate parameters that simulate several strategies in one call.

    Parameters
    ----------
    strategies : dict of str to dict
        Strategy name to its settings, a dict with keys among ``epsilon``, ``temperature``,
        ``anneal`` and ``period`` (missing keys take the greedy defaults), e.g.
        ``{"greedy": {}, "ε-greedy": {"epsilon": 0.1}, "monitoring": {"period": 20}}``.
    replicates : int
        Replicates per strategy, at least 1.

    Returns
    -------
    dict of str to numpy.ndarray, each of shape (len(strategies) * replicates,)
        Keyword arguments for :func:`simulate_bandit`; strategy :math:`i` occupies rows
        ``i * replicates`` to ``(i + 1) * replicates - 1``, so results reshape to
        ``(len(strategies), replicates, steps)``.
    """
    out = {}
    for key, default in _STRATEGY_DEFAULTS.items():
        values = [settings.get(key, default) for settings in strategies.values()]
        if key == "period":
            values = [int(v) for v in values]
        out[key] = np.repeat(np.asarray(values, dtype=int if key == "period" else float), replicates)
    return out


@domains(
    leading=Indices("(replicates, steps)"),
    best=Indices("(replicates, steps)", axes="leading.shape"),
    start=Integer("[0, steps := leading.shape[1])"),
)
def escape_time(leading, best, *, start: int = 0) -> np.ndarray:
    r"""First step :math:`t \ge` ``start`` at which the agent's mode is the best activity.

    With ``start`` the step of a shift, this is how long an agent collapsed on the old best
    activity takes to notice that another one is now better.

    Parameters
    ----------
    leading, best : array_like of int, shape (replicates, steps)
        :attr:`BanditRun.leading` and :attr:`BanditRun.best`: indices of activities, :math:`\ge 0`.
    start : int
        The first step that counts, :math:`0 \le` ``start`` :math:`<` steps.

    Returns
    -------
    numpy.ndarray of float, shape (replicates,)
        Steps from ``start`` to the first match (0 if the mode is already right at
        ``start``), ``inf`` where it never happens.
    """
    right = leading[:, start:] == best[:, start:]
    return np.where(right.any(axis=1), np.argmax(right, axis=1).astype(float), np.inf)
