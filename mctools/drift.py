r"""Models refitted, generation after generation, to samples of their own output.

* :func:`gaussian_refit`: the continuous ouroboros of Shumailov et al. (2024). Each
  generation draws :math:`M` samples from the previous fit
  :math:`N(\mu_{n-1}, T\sigma^2_{n-1})` (temperature :math:`T` scales the variance), of
  which a fraction may be real data, fresh or reused (Bertrand et al. 2024; Alemohammad et
  al. 2024), and refits mean and standard deviation, replacing the data or accumulating it
  (Kazdan et al. 2024).
* :func:`regression_refit`: linear regression retrained on labels from its previous
  generation (Dohmatob et al. 2024; Gerstgrasser et al. 2024), replacing or accumulating.
* :func:`wright_fisher`: a population of :math:`N` individuals of :math:`K` types resampled
  every generation (Wright–Fisher drift), optionally with K-allele mutation; finite samples
  lose types for good.

All three loop over generations only (each depends on the last); samples, individuals and
replicates are numpy axes. Memory is :math:`O(\text{replicates} \times M)` (samples) or
:math:`O(\text{replicates} \times K)` (types) plus the returned history.
"""

from __future__ import annotations

import numpy as np

from ._domains import COUNT, FLAG, POSITIVE, REAL, SEED, Integer, Integers, Probabilities, Real, domains

__all__ = ["gaussian_refit", "regression_refit", "wright_fisher"]


def _sample_moments(
    loc: np.ndarray, scale: np.ndarray, z: np.ndarray, real: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sum of squared deviations of each row of ``x = loc + scale * z``, z of shape (R, M).

    Computed on ``x`` transposed to (M, R): every step is then one operation over all R
    replicates, whereas a reduction along a short row (M = 10) costs numpy about 25 ns a row,
    more than the row's arithmetic. ``real``, of shape (k, R), holds real data points that
    join each replicate's sample.
    """
    x = np.multiply(z.T, scale, order="C")
    x += loc
    if real is not None:
        x = np.concatenate([real, x])
    mean = x.sum(axis=0) / x.shape[0]
    x -= mean
    np.square(x, out=x)
    return mean, x.sum(axis=0)


def _real_counts(fresh_fraction, sizes: np.ndarray, reuse_real, accumulate: bool) -> np.ndarray:
    """Real points per generation, ``round(fresh_fraction * M_n)``, checked against ``reuse_real``."""
    counts = np.rint(fresh_fraction * sizes).astype(int)  # round half to even, as Python's round
    if reuse_real and accumulate:
        raise ValueError("reuse_real=True needs accumulate=False: pooled data would count the same real points again")
    if reuse_real and np.unique(counts).size > 1:
        raise ValueError(
            f"reuse_real=True needs the same number of real points every generation, got {counts.tolist()} "
            f"from fresh_fraction={fresh_fraction!r} and sample_size"
        )
    return counts


@domains(
    generations=Integer("[0, inf)"),
    replicates=COUNT,
    mu0=REAL,
    sigma0=POSITIVE,
    ddof=Integer("[0, 1]"),
    temperature=POSITIVE,
    accumulate=FLAG,
    sample_size=Integers("[ddof + 1, inf)", axes="(generations,)", drop_leading=True),
    fresh_fraction=Real("[0, 1]"),
    reuse_real=FLAG,
    rng=SEED,
)
def gaussian_refit(
    sample_size,
    generations: int,
    *,
    replicates: int = 1,
    mu0: float = 0.0,
    sigma0: float = 1.0,
    ddof: int = 1,
    temperature: float = 1.0,
    accumulate: bool = False,
    fresh_fraction: float = 0.0,
    reuse_real: bool = False,
    rng=None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Refit a Gaussian to samples of the previous generation's fit, ``generations`` times.

    Generation :math:`n \ge 1` draws :math:`M_n` samples, of which
    :math:`k_n = \operatorname{round}(f M_n)` are real, from :math:`N(\mu_0, \sigma_0^2)`
    (``fresh_fraction`` :math:`= f`), and :math:`M_n - k_n` synthetic, from
    :math:`N(\mu_{n-1}, T\sigma_{n-1}^2)`, and sets

    .. math::  \mu_n = \bar x, \qquad \sigma_n^2 = \frac{1}{N - \text{ddof}} \sum (x - \bar x)^2,

    over the new samples (:math:`N = M_n`, ``accumulate=False``) or over every sample drawn
    so far (:math:`N = M_1 + \dots + M_n`, ``accumulate=True``; pooled exactly with
    Chan's update, so memory does not grow). With ``ddof=1``, ``T=1``, :math:`f = 0` and
    replacement, :math:`E[\sigma_n^2] = \sigma_0^2` while
    :math:`E[\sigma_n] = \sigma_0 c_4(M)^n \to 0` (Shumailov et al. 2024). With
    ``ddof=0`` and accumulation, :math:`E[\sigma_n^2] = \sigma_0^2 \prod_{i \le n}(1 - 1/(M i^2))`
    (Kazdan et al. 2024).

    With replacement and fresh real data (Bertrand et al. 2024), the second moments
    :math:`a_n = E[(\mu_n - \mu_0)^2]` and :math:`v_n = E[\sigma_n^2]` follow an exact
    linear recursion: with :math:`k` real points, :math:`s = M - k` synthetic ones,
    :math:`b_n = k\sigma_0^2 + sTv_n`,

    .. math::

        v_{n+1} = \frac{(M-1)\,b_n/M + (ks/M)\,a_n}{M - \text{ddof}}, \qquad
        a_{n+1} = \frac{s^2}{M^2} a_n + \frac{b_n}{M^2}.

    ``reuse_real=True`` draws the :math:`k` real points once and reuses them every
    generation, Alemohammad et al.'s (2024) synthetic augmentation loop; fresh points every
    generation are their fresh data loop, :math:`f = 0` their fully synthetic loop, and
    :math:`T < 1` their sampling bias. ``fresh_fraction=0`` draws exactly the random numbers
    of a run without real data.

    Parameters
    ----------
    sample_size : int or sequence of int
        :math:`M`, or one :math:`M_n` per generation (length ``generations``); each at
        least ``ddof + 1``.
    generations : int
        Number of refits, at least 0.
    replicates : int
        Independent chains, simulated together, at least 1.
    mu0, sigma0 : float
        Generation 0, the real distribution :math:`N(\mu_0, \sigma_0^2)`; ``sigma0 > 0``.
    ddof : int
        0 (maximum likelihood) or 1 (unbiased variance).
    temperature : float
        :math:`T > 0`, the sampling temperature of every generation's synthetic samples,
        generation 1's included (drawn from the real distribution at temperature :math:`T`
        when ``fresh_fraction`` is 0); real points are never tempered.
    accumulate : bool
        Keep all data (True) or only the newest samples (False).
    fresh_fraction : float
        :math:`f \in [0, 1]`; each generation's sample holds :math:`\operatorname{round}(f M_n)`
        real points (half to even) and the rest synthetic.
    reuse_real : bool
        Draw the real points once, before generation 1, and reuse them every generation
        (needs ``accumulate=False`` and the same number of real points every generation).
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    (mu, sigma) : tuple of numpy.ndarray, each of shape (replicates, generations + 1)
        Fitted means and standard deviations, column 0 being ``(mu0, sigma0)``.

    Raises
    ------
    ValueError
        If a fitted mean or standard deviation is no longer a finite float64 (with
        :math:`T > 1` the variance grows geometrically, e.g. :math:`\sigma \sim 10^n` at
        :math:`T = 100`): the generation is named, no inf or NaN is returned.

    References
    ----------
    Shumailov, I. et al. (2024). AI models collapse when trained on recursively generated data.
    *Nature* 631, 755–759. Alemohammad, S. et al. (2024). Self-consuming generative models go
    MAD. *ICLR*. Bertrand, Q. et al. (2024). On the stability of iterative retraining of
    generative models on their own data. *ICLR*. Kazdan, J. et al. (2024). Collapse or thrive?
    Perils and promises of synthetic data in a self-generating world. arXiv:2410.16713.
    """
    sizes = np.broadcast_to(sample_size, (generations,))  # one size, or one per generation
    real_counts = _real_counts(fresh_fraction, sizes, reuse_real, accumulate)
    fixed_real = None  # reuse_real: the same real points, drawn once, in every generation
    if reuse_real and generations > 0 and real_counts[0] > 0:
        fixed_real = mu0 + sigma0 * rng.standard_normal((replicates, real_counts[0])).T

    mu = np.empty((replicates, generations + 1))
    sigma = np.empty((replicates, generations + 1))
    mu[:, 0], sigma[:, 0] = mu0, sigma0
    pooled_count, pooled_mean, pooled_m2 = 0, np.zeros(replicates), np.zeros(replicates)
    spread = np.sqrt(temperature)
    mean, sd = mu[:, 0].copy(), sigma[:, 0].copy()  # the last fit, contiguous
    for n in range(1, generations + 1):
        m, k = sizes[n - 1], real_counts[n - 1]
        real = fixed_real
        if fixed_real is not None:
            z = rng.standard_normal((replicates, m - k))
        else:
            z = rng.standard_normal((replicates, m))
            if k > 0:  # the first k draws of each replicate are real data, never tempered
                real, z = mu0 + sigma0 * z[:, :k].T, z[:, k:]
        # Overflow is checked once per generation below, and refused by name.
        with np.errstate(over="ignore", invalid="ignore"):
            mean, m2 = _sample_moments(mean, spread * sd, z, real)
            count = m
            if accumulate:  # Chan et al.'s pairwise update of (count, mean, sum of squares)
                total = pooled_count + m
                delta = mean - pooled_mean
                pooled_mean = pooled_mean + delta * (m / total)
                pooled_m2 = pooled_m2 + m2 + delta**2 * (pooled_count * m / total)
                pooled_count, mean, m2, count = total, pooled_mean, pooled_m2, total
            sd = np.sqrt(m2 / (count - ddof))
        if not (np.isfinite(mean).all() and np.isfinite(sd).all()):
            raise ValueError(
                f"the fitted sigma left float64's range at generation {n} (it, its square or the mean "
                f"overflowed): temperature={temperature!r} over generations={generations} from "
                f"mu0={mu0!r}, sigma0={sigma0!r} is not representable; use a temperature closer to 1 or "
                "fewer generations"
            )
        mu[:, n], sigma[:, n] = mean, sd
    return mu, sigma


@domains(
    features=COUNT,
    samples=Integer("[features + 2, inf)"),
    generations=Integer("[0, inf)"),
    replicates=COUNT,
    noise=POSITIVE,
    accumulate=FLAG,
    rng=SEED,
)
def regression_refit(
    features: int,
    samples: int,
    generations: int,
    *,
    replicates: int = 1,
    noise: float = 1.0,
    accumulate: bool = False,
    rng=None,
) -> np.ndarray:
    r"""Excess test error of least squares retrained on its own labels, per generation.

    A design :math:`X` of ``samples`` :math:`T` rows and ``features`` :math:`m` standard
    normal columns is drawn once per replicate. Generation :math:`n` labels it with the
    previous model plus noise, :math:`y_n = X w_{n-1} + \varepsilon_n`,
    :math:`\varepsilon_n \sim N(0, \sigma^2 I)`, with :math:`w_0 = w^*` the truth, and fits
    :math:`w_n` by ordinary least squares on :math:`(X, y_n)` (replace) or on all
    :math:`(X, y_1), \dots, (X, y_n)` stacked (accumulate). Theory (Dohmatob et al. 2024;
    Gerstgrasser et al. 2024): :math:`E\lVert w_n - w^*\rVert^2 = \sigma^2 m/(T-m-1)` times
    :math:`n` (replace) or :math:`\sum_{i \le n} 1/i^2` (accumulate).

    As :math:`H X = I` for :math:`H = (X^\top X)^{-1} X^\top`, the least-squares fit to
    :math:`y_n` is :math:`w_{n-1} + H\varepsilon_n` (and the stacked fit the mean of these
    over generations): :math:`H` is solved for once per replicate, and a generation costs
    one matrix-vector product. The results are those of solving the normal equations every
    generation, up to rounding.

    Parameters
    ----------
    features : int
        :math:`m \ge 1`.
    samples : int
        :math:`T \ge m + 2` (the expected error is infinite below that).
    generations : int
        Number of refits, at least 0.
    replicates : int
        Independent chains, each with its own design, at least 1.
    noise : float
        Label noise standard deviation :math:`\sigma > 0`.
    accumulate : bool
        Fit on all labels so far (True) or on the newest only (False).
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (replicates, generations + 1)
        :math:`\lVert w_n - w^*\rVert^2`, the excess test error for an isotropic test point;
        column 0 is 0.
    """
    m, t = features, samples
    x = rng.standard_normal((replicates, t, m))
    rng.standard_normal((replicates, m))  # the truth w*: drawn to keep the stream, not needed below
    # w_n = H (X w_{n-1} + eps_n) = w_{n-1} + H eps_n as H X = I: the error e_n = w_n - w*
    # moves by H eps_n, whatever w* (tracked directly, it loses no digits to w_n - w*).
    xt = x.transpose(0, 2, 1)
    h = np.linalg.solve(xt @ x, xt)  # (replicates, m, T)
    del x, xt
    e = np.zeros((replicates, m))  # w_n - w*
    e_sum = np.zeros((replicates, m))  # accumulate: sum over generations of e_{i-1} + H eps_i
    error = np.zeros((replicates, generations + 1))
    for n in range(1, generations + 1):
        step = noise * (h @ rng.standard_normal((replicates, t))[..., None])[..., 0]
        if accumulate:  # stacked normal equations (n X^T X) w_n = sum_i X^T y_i, divided by n
            e_sum += e
            e_sum += step
            e = e_sum / n
        else:
            e = e + step
        error[:, n] = np.einsum("ri,ri->r", e, e)
    return error


def _recorded_generations(generations: int, record_every: int) -> int:
    """How many generations after generation 0 are stored: ``generations // record_every``."""
    if generations > 0 and record_every > generations:
        raise ValueError(
            f"record_every must be <= generations = {generations} (or generations must be 0), got {record_every!r}"
        )
    return generations // record_every


@domains(
    replicates=COUNT,
    p0=Probabilities(ndim=(1, 2), shape="(K,) or (replicates, K)", axes="(replicates, None)", drop_leading=True),
    population=COUNT,
    generations=Integer("[0, inf)"),
    mutation=Real("[0, 1]"),
    record_every=COUNT,
    rng=SEED,
)
def wright_fisher(
    p0,
    population: int,
    generations: int,
    *,
    replicates: int = 1,
    mutation: float = 0.0,
    record_every: int = 1,
    rng=None,
) -> np.ndarray:
    r"""Wright–Fisher resampling of a haploid population of ``population`` individuals.

    Each generation, :math:`N` offspring each pick a parent uniformly at random from the
    current generation (multinomial resampling of the type counts); with the K-allele mutation
    model each offspring then, independently with probability :math:`u`, takes a type drawn
    uniformly from all :math:`K` types (possibly its parent's). The counts of generation
    :math:`t + 1` are therefore

    .. math::  n_{t+1} \sim \text{Multinomial}\bigl(N,\ (1 - u)\, n_t / N + u / K\bigr).

    Without mutation a type's frequency is a martingale, so it fixes with probability equal
    to its initial frequency, and the expected heterozygosity
    :math:`H = 1 - \sum_k p_k^2` decays exactly as :math:`H_t = H_0 (1 - 1/N)^t`
    (Fisher 1930; Wright 1931). With mutation, :math:`1 - H` has an exact linear recursion
    whose equilibrium tends to the infinite-alleles :math:`\theta/(1 + \theta)`,
    :math:`\theta = 2Nu`, as :math:`K` grows (Kimura and Crow 1964; see chapter 7).

    Generation 0 is the expected composition :math:`p_0` itself; generation 1 is the first
    sample of :math:`N` individuals from it. Replicates are simulated together (one
    vectorised multinomial draw per generation, numpy's ``Generator.multinomial``). Its draw
    hangs on exact ties between probabilities (``mctools.sampling`` says how). That is safe
    here: after generation 0 every probability is a count over :math:`N`, mixed with the
    mutation rate by exactly rounded arithmetic, the same on every CPU. A ``p0`` computed by
    ``exp``, ``log`` or ``pow`` (whose last bit differs between CPUs) with two equal entries
    is not; give such a start exactly, or draw with :func:`mctools.multinomial_counts`.
    Memory is
    :math:`O(\text{replicates} \times K)` plus the returned history: with
    ``record_every=generations`` only the start and the end are stored, however long the run.

    Parameters
    ----------
    p0 : array_like, shape (K,) or (replicates, K)
        Initial type frequencies, probability vectors along the last axis; a 2-D array gives
        each replicate its own start.
    population : int
        :math:`N \ge 1`, the number of individuals sampled every generation.
    generations : int
        Number of generations simulated, at least 0.
    replicates : int
        Independent populations, at least 1.
    mutation : float
        :math:`u \in [0, 1]`, the probability that an offspring's type is redrawn uniformly
        from the :math:`K` types (K-allele model). 0 gives pure drift.
    record_every : int
        Store every ``record_every``-th generation, at least 1 and at most ``generations``
        (any value when ``generations`` is 0). The stored generations are
        ``numpy.arange(0, generations + 1, record_every)``: when ``record_every`` does not
        divide ``generations`` the run stops at the last stored generation,
        ``(generations // record_every) * record_every``, rather than simulate generations
        whose state would not be returned.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray, shape (replicates, generations // record_every + 1, K)
        Type frequencies (counts divided by :math:`N`, exact multiples of :math:`1/N` after
        generation 0); index 0 along axis 1 is ``p0``.

    References
    ----------
    Fisher, R. A. (1930). *The Genetical Theory of Natural Selection*. Wright, S. (1931).
    Evolution in Mendelian populations. *Genetics* 16, 97–159. Kimura, M. and Crow, J. F.
    (1964). The number of alleles that can be maintained in a finite population.
    *Genetics* 49, 725–738.
    """
    p = p0
    stored = _recorded_generations(generations, record_every)
    types = p.shape[-1]
    history = np.empty((replicates, stored + 1, types))
    history[:, 0] = p
    probabilities = np.broadcast_to(p, (replicates, types))
    for t in range(1, stored * record_every + 1):  # sequential in t; replicates move together
        expected = (1.0 - mutation) * probabilities + mutation / types
        # Guard numpy's check that the first K-1 probabilities sum to at most 1 (rounding).
        expected = expected / expected.sum(axis=-1, keepdims=True)
        counts = rng.multinomial(population, expected)
        probabilities = counts / population
        if t % record_every == 0:
            history[:, t // record_every] = probabilities
    return history
