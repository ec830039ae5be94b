r"""Populations in random environments: long-run growth, extinction, bet-hedging.

* :func:`random_environments` draws a sequence of i.i.d. environments (years) per replicate,
  and :func:`log_population` turns per-environment fitnesses into log population sizes
  :math:`\ln N_t = \sum_{i \le t} \ln w_{e_i}`: every strategy in one call faces the same
  years. :func:`log_growth_rate` is their long-run slope, :math:`E[\ln w]` (Lewontin and
  Cohen 1969): the geometric, not the arithmetic, mean fitness decides who wins, so a
  strategy with zero fitness in an environment of positive probability has growth
  :math:`-\infty`.
* :func:`branching_process` simulates a Galton–Watson process with Poisson offspring, in a
  constant or a random environment; :func:`extinction_probability` solves
  :math:`q = e^{m(q - 1)}` for its extinction probability, and
  :func:`extinction_by_generation` gives :math:`P(Z_t = 0)` given the environment.
* :func:`seed_bank_fitness` and :func:`germination_optimum`: Cohen's (1966) annual plant, a
  Kelly (1956) bettor in biological dress.

Random functions loop over generations only; replicates and strategies are numpy axes.
"""

from __future__ import annotations

import numpy as np

from ._domains import COUNT, SEED, Indices, Integer, Probabilities, Reals, domains
from ._validate import check_broadcast, check_indices, check_same_classes

__all__ = [
    "branching_process",
    "extinction_by_generation",
    "extinction_probability",
    "germination_optimum",
    "log_growth_rate",
    "log_population",
    "random_environments",
    "seed_bank_fitness",
]

_POISSON_LIMIT = 1e17  # numpy's Poisson sampler needs lam well below 2**63
_FEW_ENVIRONMENTS = 8  # up to this many, random_environments compares instead of searchsorted
_BLOCK = 32  # generations whose running sums log_population computes at once
FITNESS = Reals("[0, inf)", min_ndim=1)  # offspring per individual of each strategy (rows) in each environment
MEAN_OFFSPRING = Reals("[0, inf)")
YIELD_GOOD, SURVIVAL = Reals("(0, inf)"), Reals("(0, 1]")  # Cohen's annual plant


def _scalar_or_array(value: np.ndarray):
    return value[()] if value.ndim == 0 else value


@domains(probabilities=Probabilities(ndim=1), generations=Integer("[0, inf)"), replicates=COUNT, rng=SEED)
def random_environments(probabilities, generations: int, *, replicates: int = 1, rng=None) -> np.ndarray:
    r"""Independent environments, one per generation and replicate.

    Parameters
    ----------
    probabilities : array_like, shape (E,)
        :math:`P(e)` for environments :math:`e = 0, \dots, E - 1`.
    generations : int
        Number of generations, at least 0.
    replicates : int
        Independent sequences, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray of int, shape (replicates, generations)
        Environment indices :math:`e_t`, i.i.d. with distribution ``probabilities``.
    """
    # Inverse-CDF sampling; the last edge is forced to 1 so rounding never yields index E.
    edges = np.cumsum(probabilities)
    edges[-1] = 1.0
    u = rng.random((replicates, generations))
    if edges.size > _FEW_ENVIRONMENTS:
        return np.searchsorted(edges, u, side="right")
    # The index is the number of edges at or below u, which is what searchsorted returns; one
    # comparison per edge is much cheaper for a few environments. (The last edge, 1 > u, counts
    # nothing: with one environment, the first comparison gives the zeros.) The indices are
    # written over the uniforms, 8 bytes each, once the other comparisons are done: no second
    # array the size of the sample to allocate (numpy handles the overlap).
    above = [u >= edge for edge in edges[1:-1]]
    env = np.greater_equal(u, edges[0], out=u.view(np.intp))
    for flags in above:
        env += flags
    return env


@domains(fitness=FITNESS, probabilities=Probabilities())
def log_growth_rate(fitness, probabilities) -> np.ndarray:
    r"""Long-run growth rate :math:`r = E[\ln w] = \sum_e P(e) \ln w_e` (Lewontin and Cohen 1969).

    A population multiplied by :math:`w_{e_t}` in year :math:`t` has
    :math:`\ln N_t / t \to r` almost surely (law of large numbers), whereas
    :math:`E[N_t] = (E[w])^t` is carried by ever rarer lucky sequences.

    Parameters
    ----------
    fitness : array_like, shape (..., E)
        Non-negative fitness (offspring per individual) of each strategy in each environment.
    probabilities : array_like, shape (E,) or (..., E)
        Environment probabilities, broadcast against ``fitness``.

    Returns
    -------
    numpy.ndarray or float, shape (...)
        :math:`r`; ``-inf`` where a strategy has zero fitness in an environment of positive
        probability (it goes extinct with probability one).

    References
    ----------
    Lewontin, R. C. and Cohen, D. (1969). On population growth in a randomly varying
    environment. *PNAS* 62, 1056–1060.
    """
    w, p = fitness, probabilities
    check_same_classes(fitness=w, probabilities=p)  # one probability per environment
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(w), 0.0)
    return _scalar_or_array(terms.sum(axis=-1))


@domains(fitness=FITNESS, environments=Indices("(replicates, generations)"))
def log_population(fitness, environments) -> np.ndarray:
    r"""Log population sizes :math:`\ln N_t = \sum_{i=1}^{t} \ln w_{e_i}`, with :math:`N_0 = 1`.

    Every strategy (leading axes of ``fitness``) experiences the same sequence of
    environments, as competing types sharing one habitat do.

    Parameters
    ----------
    fitness : array_like, shape (..., E)
        Non-negative fitness of each strategy in each environment.
    environments : array_like of int, shape (replicates, generations)
        Environment indices in ``0 .. E - 1``, e.g. from :func:`random_environments`.

    Returns
    -------
    numpy.ndarray, shape (replicates, generations + 1, ...)
        :math:`\ln N_t`, column 0 being 0; ``-inf`` from the first year of zero fitness on
        (extinction).
    """
    w = fitness
    env = check_indices("environments", environments, upper=w.shape[-1], upper_from="fitness")
    with np.errstate(divide="ignore"):
        log_w = np.log(w)
    replicates, generations = env.shape
    table = np.ascontiguousarray(log_w.reshape(-1, w.shape[-1]).T)  # (E, strategies)
    out = np.empty((replicates, generations + 1, table.shape[1]))
    out[:, 0] = 0.0
    if out.size:
        _running_sums(table, env, out)
    return out.reshape(replicates, generations + 1, *w.shape[:-1])


def _running_sums(table: np.ndarray, env: np.ndarray, out: np.ndarray) -> None:
    """``out[:, t + 1] = out[:, t] + table[env[:, t]]``: the cumulative sum, in place.

    One vectorised addition per generation over all (replicate, strategy) pairs, in blocks
    of generations laid out generation-first; numpy's cumsum is a scalar loop along the axis,
    several times slower, with the same additions in the same order. Each block is then
    copied into ``out`` (replicate-first), transposed, with one item per (replicate,
    generation): the strategies' row of floats viewed as one void item, which numpy copies
    several times faster than the floats one by one.
    """
    replicates, generations = env.shape
    item = np.dtype((np.void, out.itemsize * out.shape[2]))
    cells = out.view(item)[..., 0]  # (replicates, generations + 1)
    block = np.empty((min(_BLOCK, generations), replicates, out.shape[2]))
    level = np.zeros(block.shape[1:])  # ln N before the block; 0 + x == x, as in cumsum (log never gives -0.0)
    for first in range(0, generations, _BLOCK):
        steps = block[: min(_BLOCK, generations - first)]
        # mode="clip" skips the bounds check of mode="raise": log_population checked the indices.
        np.take(table, env[:, first : first + len(steps)].T, axis=0, out=steps, mode="clip")
        previous = level
        for row in steps:
            previous = np.add(previous, row, out=row)
        level[...] = previous  # the block is overwritten next
        cells[:, first + 1 : first + 1 + len(steps)] = steps.view(item)[..., 0].T


@domains(
    generations=Integer("[0, inf)"),
    founders=COUNT,
    replicates=COUNT,
    ceiling=Integer("[founders, inf)"),
    mean_offspring=Reals("[0, inf)", axes="(replicates, generations)", drop_leading=True),
    rng=SEED,
)
def branching_process(
    mean_offspring,
    generations: int,
    *,
    founders: int = 1,
    replicates: int = 1,
    ceiling: int = 10**9,
    rng=None,
) -> np.ndarray:
    r"""A Galton–Watson branching process with Poisson offspring, in a fixed or random environment.

    Each of the :math:`Z_t` individuals of generation :math:`t` leaves an independent
    :math:`\text{Poisson}(m_t)` number of offspring, so
    :math:`Z_{t+1} \sim \text{Poisson}(m_t Z_t)`; generation 0 has ``founders`` individuals.
    Populations that reach ``ceiling`` are held there (a carrying capacity), which keeps
    counts finite: in a constant environment with :math:`m > 1` a population of that size
    dies out with probability :math:`q^{\text{ceiling}}`, zero in floating point.

    Parameters
    ----------
    mean_offspring : float or array_like
        :math:`m_t \ge 0`: a scalar (constant environment), shape (generations,) (one
        environment sequence shared by all replicates) or (replicates, generations) (a random
        environment per replicate).
    generations : int
        Number of generations, at least 0.
    founders : int
        :math:`Z_0 \ge 1`.
    replicates : int
        Independent populations, at least 1.
    ceiling : int
        Population cap, at least ``founders``; ``ceiling * max(m)`` must stay below 1e17.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray of int64, shape (replicates, generations + 1)
        :math:`Z_t`; 0 is absorbing (extinction).

    References
    ----------
    Watson, H. W. and Galton, F. (1875). On the probability of the extinction of families.
    *Journal of the Anthropological Institute* 4, 138–144.
    """
    given = mean_offspring
    m = np.broadcast_to(given, (replicates, generations))  # a view: a scalar is not copied R x G times
    if m.size and given.max() * ceiling >= _POISSON_LIMIT:
        raise ValueError(f"ceiling * max(mean_offspring) must be < {_POISSON_LIMIT:g}, got {given.max() * ceiling:g}")
    sizes = np.empty((replicates, generations + 1), dtype=np.int64)
    sizes[:, 0] = founders
    z = sizes[:, 0].copy()  # the current generation, contiguous (a column of sizes is strided)
    for t in range(generations):  # sequential in t; replicates move together
        z = np.minimum(rng.poisson(m[:, t] * z), ceiling, out=z)
        sizes[:, t + 1] = z
    return sizes


@domains(mean_offspring=MEAN_OFFSPRING)
def extinction_probability(mean_offspring) -> np.ndarray:
    r"""Extinction probability of a Galton–Watson process with Poisson offspring of mean :math:`m`.

    The smallest root in :math:`[0, 1]` of :math:`q = f(q) = e^{m(q - 1)}`, :math:`f` being the
    offspring generating function: :math:`q = 1` for :math:`m \le 1`, :math:`q < 1` for
    :math:`m > 1`. Solved for the survival probability :math:`\varsigma = 1 - q > 0`, the root
    of :math:`(1 - e^{-m\varsigma})/\varsigma = 1`, by bisection (the left side decreases from
    :math:`m` to :math:`1 - e^{-m}` on :math:`(0, 1]`), then :math:`q = e^{-m\varsigma}`, which
    keeps full relative precision both near :math:`m = 1`, where
    :math:`\varsigma \approx 2(m - 1)`, and for large :math:`m`, where :math:`q \approx e^{-m}`.
    From :math:`k` founders the extinction probability is :math:`q^k` (independent lineages).

    Parameters
    ----------
    mean_offspring : float or array_like
        :math:`m \ge 0`, any shape.

    Returns
    -------
    numpy.ndarray or float, same shape as ``mean_offspring``
        :math:`q \in (0, 1]`, non-increasing in :math:`m`.

    References
    ----------
    Watson, H. W. and Galton, F. (1875). On the probability of the extinction of families.
    *Journal of the Anthropological Institute* 4, 138–144. Harris, T. E. (1963). *The Theory of
    Branching Processes*. Springer.
    """
    m = mean_offspring
    q = np.ones_like(m)
    growing = m > 1.0
    if np.any(growing):
        mg = m[growing]
        lo, hi = np.zeros_like(mg), np.ones_like(mg)
        for _ in range(200):  # bisection halves the bracket: 200 steps reach 2**-200
            mid = 0.5 * (lo + hi)
            above = -np.expm1(-mg * mid) > mid  # (1 - e^{-m s}) / s > 1: the root lies above
            lo = np.where(above, mid, lo)
            hi = np.where(above, hi, mid)
        q[growing] = np.exp(-mg * 0.5 * (lo + hi))
    return _scalar_or_array(q)


@domains(mean_offspring=Reals("[0, inf)", min_ndim=1), founders=COUNT)
def extinction_by_generation(mean_offspring, *, founders: int = 1) -> np.ndarray:
    r"""Probability that a Poisson branching process is extinct by each generation, given its environment.

    With generating functions :math:`f_i(z) = e^{m_i(z - 1)}`, one per generation,

    .. math::  P(Z_t = 0 \mid m_1, \dots, m_t) = \bigl(f_1 \circ f_2 \circ \dots \circ f_t(0)\bigr)^{k},

    :math:`k` being the number of founders. In a constant environment this is the cobweb
    iteration :math:`q_t = f(q_{t-1})`, :math:`q_0 = 0`, rising to
    :func:`extinction_probability`. In a random environment, averaging it over simulated
    environment sequences gives the extinction curve with only the environment's noise
    (Smith and Wilkinson 1969). Costs :math:`T` vectorised steps, :math:`O(T^2)` work, for :math:`T`
    generations.

    Parameters
    ----------
    mean_offspring : array_like, shape (..., generations)
        :math:`m_t \ge 0` in generation :math:`t = 1, \dots, T` (last axis), e.g. one row per
        replicate environment.
    founders : int
        :math:`k = Z_0 \ge 1`.

    Returns
    -------
    numpy.ndarray, shape (..., generations + 1)
        :math:`P(Z_t = 0)` for :math:`t = 0, \dots, T`, non-decreasing in :math:`t`; column 0
        is 0.

    References
    ----------
    Smith, W. L. and Wilkinson, W. E. (1969). On branching processes in random environments.
    *Annals of Mathematical Statistics* 40, 814–827.
    """
    m = mean_offspring
    generations = m.shape[-1]
    out = np.zeros((*m.shape[:-1], generations + 1))
    q = out[..., 1:]  # column t - 1 composes f_1 o ... o f_t(0), innermost (f_t) first
    for j in range(generations):  # step j applies f_{t-j} to every t > j, all t at once
        q[..., j:] = np.exp(m[..., : generations - j] * (q[..., j:] - 1.0))
    return out**founders


@domains(germination=Reals("[0, 1]"), yield_good=YIELD_GOOD, survival=SURVIVAL)
def seed_bank_fitness(germination, yield_good, survival) -> np.ndarray:
    r"""Per-seed growth of Cohen's (1966) annual plant in a good and in a bad year.

    A fraction :math:`G` of the seed bank germinates; dormant seeds survive the year with
    probability :math:`s`; a germinated seed yields :math:`Y` seeds in a good year and none in
    a bad one:

    .. math::  w_\text{good} = (1 - G)s + GY, \qquad w_\text{bad} = (1 - G)s.

    Parameters
    ----------
    germination : float or array_like
        :math:`G \in [0, 1]`.
    yield_good : float or array_like
        :math:`Y > 0`.
    survival : float or array_like
        :math:`s \in (0, 1]`.

    Returns
    -------
    numpy.ndarray, shape (..., 2)
        ``[w_good, w_bad]`` along the last axis (the broadcast shape of the arguments first);
        pass it to :func:`log_growth_rate` with ``[p, 1 - p]``.
    """
    g, y, s = germination, yield_good, survival
    check_broadcast(germination=g, yield_good=y, survival=s)
    dormant = (1.0 - g) * s
    good, bad = np.broadcast_arrays(dormant + g * y, dormant)
    return np.stack([good, bad], axis=-1)


@domains(p=Reals("[0, 1]"), yield_good=YIELD_GOOD, survival=SURVIVAL)
def germination_optimum(p, yield_good, survival) -> np.ndarray:
    r"""Cohen's optimal germination fraction, the :math:`G` maximising :math:`E\ln w`.

    Maximising :math:`p\ln[(1 - G)s + GY] + (1 - p)\ln[(1 - G)s]` over :math:`G \in [0, 1]`
    gives

    .. math::  G^* = p - \frac{(1 - p)\,s}{Y - s} = \frac{pY - s}{Y - s},

    clipped to :math:`[0, 1]`: no seed germinates unless the expected yield :math:`pY` beats
    the survival :math:`s` of a dormant seed, and :math:`G^* < 1` whenever bad years happen.
    This is Kelly's (1956) fraction :math:`p - (1 - p)/b` for net odds :math:`b = Y/s - 1`.

    Parameters
    ----------
    p : float or array_like
        Probability of a good year, in :math:`[0, 1]`.
    yield_good : float or array_like
        :math:`Y > 0`, seeds per germinated seed in a good year.
    survival : float or array_like
        :math:`s \in (0, 1]`, survival of a dormant seed.

    Returns
    -------
    numpy.ndarray or float, broadcast shape of the arguments
        :math:`G^* \in [0, 1]` (0 when :math:`Y \le s`).

    References
    ----------
    Cohen, D. (1966). Optimizing reproduction in a randomly varying environment. *Journal of
    Theoretical Biology* 12, 119–129. Kelly, J. L. (1956). A new interpretation of information
    rate. *Bell System Technical Journal* 35, 917–926.
    """
    y, s = yield_good, survival
    check_broadcast(p=p, yield_good=y, survival=s)
    p, y, s = np.broadcast_arrays(p, y, s)
    pays = y > s
    with np.errstate(divide="ignore", invalid="ignore"):
        optimum = np.where(pays, (p * y - s) / np.where(pays, y - s, 1.0), 0.0)
    return _scalar_or_array(np.clip(optimum, 0.0, 1.0))
