"""Benchmark cases: every Monte Carlo kernel of mctools at the size a chapter uses.

A :class:`Case` holds three callables and the work they do:

* ``run(scale)``: the mctools call at the chapter's size with ``scale`` times the replicates
  (samples for ``simulate_output_share``, which has no replicates);
* ``draws()``: the bare numpy cost of the kernel's random numbers at the chapter's size: the
  same draws, in the same loop over generations, and nothing else. Where a draw's parameters
  depend on the state (multinomial probabilities, Poisson means), they are replayed from a
  kernel run made once, untimed (``functools.cache``). ``simulate_island`` shares its draws
  across a grid of cells; its yardstick is three uniforms per islander-day (see ``_island_draws``);
* ``reference()``: the plain-Python model of ``reference.py`` on ``reference_units`` units.

A unit is one replicate-generation (replicate-step, replicate-proposal, agent-day...), the
work that should cost the same at any size. ``office_path`` is not here: it draws no random
numbers (a closed-form loop over years). :data:`LONG_RUNS` are the runs that keep no history,
whose memory must not grow with the number of generations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import reference as ref

import mctools as mc


@dataclass(frozen=True)
class Case:
    """One kernel at one chapter size."""

    name: str
    chapter: str  #: where the size comes from, and the size
    units: int  #: units of work at scale 1
    run: Callable[[int], object]
    draws: Callable[[], object]
    reference: Callable[[], object]
    reference_units: int


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# Chapter 1: the refitted Gaussian, M = 10 samples, 100 generations, 4000 chains.
def _gaussian_draws(R=4000, M=10, G=100):
    rng = _rng()
    for _ in range(G):
        rng.standard_normal((R, M))


# Appendix: Wright–Fisher on a Zipf vocabulary, K = 50, N = 200, 200 rounds, 250 chains, u = 0.01.
ZIPF = 1.0 / np.arange(1, 51) / np.sum(1.0 / np.arange(1, 51))
WF = dict(population=200, generations=200, mutation=0.01)


@functools.cache
def _wf_probabilities(R=250) -> np.ndarray:
    """The multinomial probabilities of every generation of a kernel run, shape (G, R, K)."""
    freq = mc.wright_fisher(ZIPF, **WF, replicates=R, rng=1)[:, :-1]  # generation t draws from t - 1
    expected = (1 - WF["mutation"]) * freq + WF["mutation"] / ZIPF.size
    return np.ascontiguousarray(np.moveaxis(expected / expected.sum(-1, keepdims=True), 1, 0))


def _wf_draws():
    rng = _rng()
    for p in _wf_probabilities():
        rng.multinomial(WF["population"], p)


# Chapter 4: the band's urn, 7:5, 1000 draws; polya_urn with 2000 bands, lock_in_estimate with 4000.
def _urn_draws(R, draws=1000):
    rng = _rng()
    for _ in range(draws):
        rng.random(R)


# Chapter 3: one funding round, four areas, 20 000 proposals, 40 rounds.
ROUND = dict(proposal_share=np.full(4, 0.25), skill=np.array([0.25, 1.0, 4.0, 16.0]), bar=1.0, proposals=20_000)


def _round_draws(R=40, n=20_000):
    rng = _rng()
    rng.random((R, n))
    rng.standard_normal((R, n))
    rng.standard_normal((R, n))


# Chapter 6, section on strategies: 400 days, a shift on day 100, 17 strategies x 300 islanders.
BANDIT_WORLD = np.tile([1.0, 0.5], (400, 1))
BANDIT_WORLD[100:] = [0.85, 1.25]
BANDIT_STRATEGIES = {"greedy": {}, "annealed softmax": {"temperature": 0.5, "anneal": 5.0}}
for _P in range(10, 51, 10):
    BANDIT_STRATEGIES |= {
        f"ε-greedy {_P}": {"epsilon": 2 / _P},
        f"monitoring {_P}": {"period": _P},
        f"softmax {_P}": {"temperature": 0.5 / np.log(_P - 1)},  # explores 1/P of the days
    }
BANDIT = dict(noise_sd=0.3, step_size=0.1, probe_step_size=1.0)


def _bandit(islanders: int, seed=0):
    strategies = mc.strategy_arrays(BANDIT_STRATEGIES, islanders)
    replicates = len(BANDIT_STRATEGIES) * islanders
    return mc.simulate_bandit(BANDIT_WORLD, replicates=replicates, rng=seed, **strategies, **BANDIT)


def _bandit_draws(R=17 * 300, steps=400):
    rng = _rng()
    for _ in range(steps):
        rng.random(R)
        rng.random(R)
        rng.integers(2, size=R)
        rng.standard_normal(R)


def _bandit_reference(islanders=6):
    s = mc.strategy_arrays(BANDIT_STRATEGIES, islanders)
    return ref.simulate_bandit(BANDIT_WORLD.tolist(), **{k: v.tolist() for k, v in s.items()}, **BANDIT)


# Chapter 7: specialist against generalist, 200 years, 2000 replicates.
FITNESS = np.array([[1.6, 0.1], [1.2, 1.2]])
WEATHER = [0.85, 0.15]


def _ecology(R):
    return mc.log_population(FITNESS, mc.random_environments(WEATHER, 200, replicates=R, rng=0))


# Chapter 7: Galton–Watson lineages, m = 1.2, 60 generations, 10 000 lineages (2 x 5,000).
@functools.cache
def _branching_means(R=10_000) -> np.ndarray:
    """The Poisson means of every generation of a kernel run, shape (G, R)."""
    return np.ascontiguousarray(1.2 * mc.branching_process(1.2, 60, replicates=R, rng=1)[:, :-1].T, dtype=float)


def _branching_draws():
    rng = _rng()
    for lam in _branching_means():
        rng.poisson(lam)


# Appendix: annealing on the rugged landscape, L = 30, 3000 geometric steps from T = 1 to 0.03, 1000 walkers.
LANDSCAPE = mc.rugged_landscape(30)
SCHEDULE = mc.temperature_schedule("geometric", 3000, 1.0, 0.03)
START = int(np.argmax(LANDSCAPE[:15]))


def _annealing_draws(R=1000):
    rng = _rng()
    for _ in SCHEDULE:
        rng.integers(0, 2, size=R)
        rng.random(R)


# Chapter 1: least squares retrained on its own labels, d = 10, T = 40, 20 generations, 3000 chains.
def _regression_draws(R=3000, d=10, T=40, G=20):
    rng = _rng()
    rng.standard_normal((R, T, d))
    rng.standard_normal((R, d))
    for _ in range(G):
        rng.standard_normal((R, T))


# Chapter 5: the accountant and the trainer, 250 days, 2000 workers x 5 forgetting rates.
RATES = [0.0, 0.1, 0.2, 0.3, 0.4]
WORKER = dict(learning=0.05, temperature=0.05, novice=0.05, max_experience=40)


def _learning_draws(R=2000, days=250, K=2):
    rng = _rng()
    for _ in range(days):
        rng.random((R, len(RATES)))
        rng.random((K, R, len(RATES)))


# Chapter 5: the island's phase diagram, 1000 days, 40 islanders x 15 learning x 15 forgetting rates.
ISLAND = dict(novice=0.05, max_experience=40, start=(20, 20), growth=0.004, catchability=0.01, requirement=0.25)
LEARNING_GRID, FORGETTING_GRID = np.geomspace(0.02, 0.5, 15), np.linspace(0.0, 0.7, 15)


def _island(R, days=1000, **extra):
    grid = dict(learning=LEARNING_GRID[:, None], forgetting=FORGETTING_GRID[None, :], reserve=10.0)
    return mc.simulate_island(days, replicates=R, rng=0, **(ISLAND | grid | extra))


def _island_draws(R=40, days=1000, cells=(15, 15)):
    """Three uniforms per islander-day, drawn day by day: the draws of the same model without common random numbers.

    The kernel draws one weather and two forgetting uniforms per replicate and day, shared by
    the 15 x 15 grid cells (common random numbers): about 2 ms in all, against which the ratio
    would count the grid's 225 cells per draw rather than the kernel's overhead. Its work is
    one state update per islander-day (the unit), so it is measured against the draws of a
    model with independent islanders: (R, 15, 15) weather and (2, R, 15, 15) forgetting uniforms a day.
    """
    rng = _rng()
    for _ in range(days):
        rng.random((R, *cells))
        rng.random((2, R, *cells))


def _island_reference():
    cells = [(ell, phi) for ell in LEARNING_GRID[::7] for phi in FORGETTING_GRID[::7]]  # a 3 x 3 sub-grid
    return ref.simulate_island(1000, cells=cells, reserve=10.0, replicates=2, **ISLAND)


# Chapter 3: CUSUM on proposals, p 0.2 -> 0.7, h = 6.87 nats, 300 observations, 4000 streams.
CUSUM = dict(p=0.7, p0=0.2, p1=0.7, threshold=6.87, steps=300)

# Chapter 8: cascades, accuracy 0.7, 20 agents, 100 000 sequences.
# Chapter 1: the generator's choice under ambiguity, 400 000 images.
OUTPUT = dict(share=0.7, separation=1.5, quality_ratio=0.8, policy="quality")


def _output_draws(n=400_000):
    rng = _rng()
    rng.random(n)
    rng.standard_normal(n)


CASES = [
    Case(
        "gaussian_refit",
        "ch. 1: M=10, G=100, R=4000",
        4000 * 100,
        lambda s: mc.gaussian_refit(10, 100, replicates=4000 * s, rng=0),
        _gaussian_draws,
        lambda: ref.gaussian_refit(10, 100, replicates=40),
        40 * 100,
    ),
    Case(
        "wright_fisher",
        "app.: K=50, N=200, G=200, R=250, u=0.01",
        250 * 200,
        lambda s: mc.wright_fisher(ZIPF, **WF, replicates=250 * s, record_every=5, rng=0),
        _wf_draws,
        lambda: ref.wright_fisher(ZIPF.tolist(), **WF, replicates=5, record_every=5),
        5 * 200,
    ),
    Case(
        "polya_urn",
        "ch. 4: (7, 5), 1000 draws, R=2000, α=2",
        2000 * 1000,
        lambda s: mc.polya_urn((7, 5), 1000, replicates=2000 * s, exponent=2.0, rng=0),
        lambda: _urn_draws(2000),
        lambda: ref.polya_urn((7, 5), 1000, replicates=100, exponent=2.0),
        100 * 1000,
    ),
    Case(
        "lock_in_estimate",
        "ch. 4: (7, 5), 1000 draws, R=4000, α=2",
        4000 * 1000,
        lambda s: mc.lock_in_estimate((7, 5), 1000, replicates=4000 * s, exponent=2.0, rng=0),
        lambda: _urn_draws(4000),
        lambda: ref.lock_in_estimate((7, 5), 1000, replicates=100, exponent=2.0),
        100 * 1000,
    ),
    Case(
        "simulate_round",
        "ch. 3: 4 areas, 20 000 proposals, R=40",
        40 * 20_000,
        lambda s: mc.simulate_round(**ROUND, replicates=40 * s, rng=0),
        _round_draws,
        lambda: ref.simulate_round(**ROUND, replicates=2),
        2 * 20_000,
    ),
    Case(
        "simulate_bandit",
        "ch. 6: 400 steps, 17 strategies x 300",
        5100 * 400,
        lambda s: _bandit(300 * s),
        _bandit_draws,
        _bandit_reference,
        17 * 6 * 400,
    ),
    Case(
        "random_environments + log_population",
        "ch. 7: 2 strategies, G=200, R=2000",
        2000 * 200,
        lambda s: _ecology(2000 * s),
        lambda: _rng().random((2000, 200)),
        lambda: ref.log_population(FITNESS.tolist(), WEATHER, 200, replicates=200),
        200 * 200,
    ),
    Case(
        "branching_process",
        "ch. 7: m=1.2, G=60, R=10 000",
        10_000 * 60,
        lambda s: mc.branching_process(1.2, 60, replicates=10_000 * s, rng=0),
        _branching_draws,
        lambda: ref.branching_process(1.2, 60, replicates=1000),
        1000 * 60,
    ),
    Case(
        "simulated_annealing",
        "app.: L=30, 3000 steps, R=1000",
        1000 * 3000,
        lambda s: mc.simulated_annealing(LANDSCAPE, SCHEDULE, START, replicates=1000 * s, rng=0),
        _annealing_draws,
        lambda: ref.simulated_annealing(LANDSCAPE.tolist(), SCHEDULE.tolist(), START, replicates=20),
        20 * 3000,
    ),
    Case(
        "regression_refit",
        "ch. 1: d=10, T=40, G=20, R=3000",
        3000 * 20,
        lambda s: mc.regression_refit(10, 40, 20, replicates=3000 * s, rng=0),
        _regression_draws,
        lambda: ref.regression_refit(10, 40, 20, replicates=30),
        30 * 20,
    ),
    Case(
        "simulate_learning_by_doing",
        "ch. 5: 250 days, R=2000 x 5 rates",
        2000 * 5 * 250,
        lambda s: mc.simulate_learning_by_doing(250, forgetting=RATES, replicates=2000 * s, rng=0, **WORKER),
        _learning_draws,
        lambda: ref.learning_by_doing(250, forgetting=RATES, replicates=20, **WORKER),
        20 * 5 * 250,
    ),
    Case(
        "simulate_island",
        "ch. 5: 1000 days, R=40 x 15 x 15 grid (draws: 3 per islander-day)",
        40 * 225 * 1000,
        lambda s: _island(40 * s),
        _island_draws,
        _island_reference,
        2 * 9 * 1000,
    ),
    Case(
        "simulate_bernoulli_cusum",
        "ch. 3: 300 steps, R=4000",
        4000 * 300,
        lambda s: mc.simulate_bernoulli_cusum(**CUSUM, replicates=4000 * s, rng=0),
        lambda: _rng().random((4000, 300)),
        lambda: ref.bernoulli_cusum(**CUSUM, replicates=100),
        100 * 300,
    ),
    Case(
        "information_cascade",
        "ch. 8: 20 agents, R=100 000",
        100_000 * 20,
        lambda s: mc.information_cascade(0.7, 20, replicates=100_000 * s, rng=0),
        lambda: _rng().random((100_000, 20)),
        lambda: ref.information_cascade(0.7, 20, replicates=2000),
        2000 * 20,
    ),
    Case(
        "simulate_output_share",
        "ch. 1: 400 000 images",
        400_000,
        lambda s: mc.simulate_output_share(**OUTPUT, samples=400_000 * s, rng=0),
        _output_draws,
        lambda: ref.output_share(**OUTPUT, samples=40_000),
        40_000,
    ),
]


@dataclass(frozen=True)
class LongRun:
    """A run without history, ``run(generations)``, on a tenth of the chapter's replicates.

    Its peak memory is O(replicates) and must not depend on ``generations``. Fewer replicates
    keep the long runs short; so does G = 100 days for the island, whose many small per-day
    operations tracemalloc slows about tenfold.
    """

    name: str
    chapter: str
    generations: int
    run: Callable[[int], object]


LONG_RUNS = [
    LongRun(
        "wright_fisher(record_every=G)",
        "ch. 7: K=2, N=20, R=400 (of 4000)",
        400,
        lambda g: mc.wright_fisher([0.2, 0.8], 20, g, replicates=400, record_every=g, rng=0),
    ),
    LongRun(
        "simulate_island(history=False)",
        "ch. 5: R=10 (of 100) x 5 larders",
        100,
        lambda g: mc.simulate_island(
            g, learning=0.05, forgetting=0.5, reserve=[10, 20, 40, 80, 160], replicates=10, rng=0, **ISLAND
        ),
    ),
    LongRun(
        "lock_in_estimate",
        "ch. 4: (7, 5), R=200 (of 2000), α=2",
        1500,
        lambda g: mc.lock_in_estimate((7, 5), g, replicates=200, exponent=2.0, rng=0),
    ),
]
