"""Growth in random environments, branching-process extinction and bet-hedging, against theory."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar
from scipy.special import lambertw

import mctools as mc
from mctools import ecology

growing = st.floats(1.0001, 60.0)
probabilities = st.floats(0.01, 0.99)


# ---------------------------------------------------------------- extinction probability
@given(growing)
def test_extinction_probability_is_a_fixed_point_below_one(m):
    q = mc.extinction_probability(m)
    assert 0 < q < 1
    assert q == pytest.approx(np.exp(m * (q - 1)), rel=1e-12, abs=1e-300)


@given(st.floats(0.0, 1.0))
def test_subcritical_and_critical_processes_die_out(m):
    assert mc.extinction_probability(m) == 1.0


@given(st.lists(st.floats(0.0, 30.0), min_size=2, max_size=20))
def test_extinction_probability_does_not_increase_with_the_mean(means):
    q = mc.extinction_probability(np.sort(means))
    assert np.all(np.diff(q) <= 1e-15)


def test_extinction_probability_matches_lambert_w():
    m = np.array([1.2, 1.5, 2.0, 3.0, 10.0])
    lambert = -np.real(lambertw(-m * np.exp(-m))) / m
    np.testing.assert_allclose(mc.extinction_probability(m), lambert, rtol=1e-12)


def test_extinction_probability_is_smooth_through_one():
    # Survival 1 - q = 2(m - 1) - (8/3)(m - 1)^2 + O((m - 1)^3) just above m = 1.
    eps = np.array([1e-12, 1e-9, 1e-6, 1e-4])
    survival = 1 - mc.extinction_probability(1 + eps)
    np.testing.assert_allclose(survival, 2 * eps - 8 / 3 * eps**2, rtol=1e-3)
    assert mc.extinction_probability(1.0) == 1.0


def test_extinction_probability_is_the_smallest_root():
    roots = mc.fixed_points(lambda q: np.exp(2.0 * (q - 1)), 0.0, 1.0)
    np.testing.assert_allclose(roots, [mc.extinction_probability(2.0), 1.0], atol=1e-10)


def test_extinction_probability_broadcasts_and_handles_large_means():
    q = mc.extinction_probability(np.full((2, 3), 2.0))
    assert q.shape == (2, 3)
    assert isinstance(mc.extinction_probability(2.0), float)
    assert mc.extinction_probability(40.0) == pytest.approx(np.exp(-40.0), rel=1e-9)


# ---------------------------------------------------------------- branching process
def test_branching_extinction_by_generation_matches_the_iterated_generating_function():
    m, replicates, generations = 1.5, 20_000, 30
    sizes = mc.branching_process(m, generations, replicates=replicates, rng=1)
    theory = mc.iterate_map(lambda s: np.exp(m * (s - 1)), 0.0, generations)
    extinct = (sizes == 0).mean(axis=0)
    se = np.sqrt(theory * (1 - theory) / replicates)
    assert np.all(np.abs(extinct - theory) <= 4 * se + 1e-12)  # 4 standard errors
    assert theory[-1] == pytest.approx(mc.extinction_probability(m), abs=1e-4)


def test_extinction_by_generation_is_the_cobweb_in_a_constant_environment():
    theory = mc.extinction_by_generation(np.full(25, 1.7), founders=2)
    np.testing.assert_allclose(theory, mc.iterate_map(lambda s: np.exp(1.7 * (s - 1)), 0.0, 25) ** 2, rtol=1e-13)
    assert theory[-1] == pytest.approx(mc.extinction_probability(1.7) ** 2, rel=1e-5)


def test_extinction_by_generation_in_a_random_environment_matches_simulation():
    replicates, generations = 20_000, 30
    env = mc.random_environments([0.8, 0.2], generations, replicates=replicates, rng=9)
    m = np.array([1.6, 0.1])[env]
    extinct = (mc.branching_process(m, generations, replicates=replicates, rng=10) == 0).mean(axis=0)
    conditional = mc.extinction_by_generation(m)
    assert np.all(np.diff(conditional, axis=-1) >= 0)
    se = np.sqrt(extinct * (1 - extinct) / replicates) + 1e-12
    assert np.all(np.abs(extinct - conditional.mean(axis=0)) <= 4 * se)  # 4 standard errors


def test_branching_from_several_founders_dies_out_with_q_to_the_k():
    m, k, replicates = 1.4, 3, 20_000
    extinct = (mc.branching_process(m, 60, founders=k, replicates=replicates, rng=2)[:, -1] == 0).mean()
    q_k = mc.extinction_probability(m) ** k
    assert abs(extinct - q_k) < 4 * np.sqrt(q_k * (1 - q_k) / replicates)


def test_random_environment_with_negative_log_mean_dies_out_despite_mean_above_one():
    env = mc.random_environments([0.5, 0.5], 400, replicates=2000, rng=3)
    m = np.array([3.0, 0.2])[env]  # E[m] = 1.6, E[ln m] = ln(0.6)/2 < 0
    sizes = mc.branching_process(m, 400, replicates=2000, rng=4)
    assert np.all(sizes[:, -1] == 0)  # certain extinction (Smith and Wilkinson 1969)
    constant = mc.branching_process(1.6, 400, replicates=2000, rng=4)
    q = mc.extinction_probability(1.6)
    assert abs((constant[:, -1] == 0).mean() - q) < 4 * np.sqrt(q * (1 - q) / 2000)


def test_branching_shapes_ceiling_and_seeds():
    sizes = mc.branching_process(3.0, 40, replicates=50, ceiling=1000, rng=5)
    assert sizes.shape == (50, 41) and sizes.dtype == np.int64
    assert sizes.max() == 1000
    shared = mc.branching_process(np.full(40, 3.0), 40, replicates=50, ceiling=1000, rng=5)
    np.testing.assert_array_equal(sizes, shared)
    assert not np.array_equal(sizes, mc.branching_process(3.0, 40, replicates=50, ceiling=1000, rng=6))


# ---------------------------------------------------------------- growth in random environments
@given(st.lists(st.floats(0.01, 10.0), min_size=2, max_size=5), st.integers(0, 2**32 - 1))
def test_geometric_mean_never_exceeds_arithmetic_mean(fitness, seed):
    p = np.random.default_rng(seed).dirichlet(np.ones(len(fitness)))
    assert mc.log_growth_rate(fitness, p) <= np.log(np.dot(p, fitness)) + 1e-12


def test_zero_fitness_in_a_possible_environment_is_minus_infinity():
    assert mc.log_growth_rate([2.0, 0.0], [0.99, 0.01]) == -np.inf
    assert mc.log_growth_rate([2.0, 0.0], [1.0, 0.0]) == pytest.approx(np.log(2.0))
    rates = mc.log_growth_rate([[2.0, 0.0], [1.2, 1.2]], [0.9, 0.1])
    assert rates[0] == -np.inf and rates[1] == pytest.approx(np.log(1.2))


def test_random_environments_have_the_right_frequencies():
    env = mc.random_environments([0.2, 0.5, 0.3], 100, replicates=400, rng=7)
    assert env.shape == (400, 100) and env.min() >= 0 and env.max() <= 2
    freq = np.bincount(env.ravel(), minlength=3) / env.size
    np.testing.assert_allclose(freq, [0.2, 0.5, 0.3], atol=4 * np.sqrt(0.25 / env.size))


def test_random_environments_compare_like_searchsorted(monkeypatch):
    p = [0.2, 0.0, 0.5, 0.3]
    compared = mc.random_environments(p, 50, replicates=40, rng=3)
    monkeypatch.setattr(ecology, "_FEW_ENVIRONMENTS", 0)  # every number of environments: searchsorted
    np.testing.assert_array_equal(compared, mc.random_environments(p, 50, replicates=40, rng=3))
    assert compared.dtype == np.intp and not (compared == 1).any()


def test_log_population_is_the_cumulative_sum_of_log_fitness():
    fitness = np.array([[1.6, 0.1, 1.0], [1.2, 1.3, 0.0]])
    env = mc.random_environments([0.5, 0.3, 0.2], 75, replicates=30, rng=4)  # several blocks of generations
    with np.errstate(divide="ignore"):
        expected = np.moveaxis(np.cumsum(np.log(fitness)[:, env], axis=-1), 0, -1)
    log_n = mc.log_population(fitness, env)
    np.testing.assert_array_equal(log_n[:, 1:], expected)  # the same additions: bit for bit
    strided = env[:, ::3]  # one strategy, environments not contiguous
    with np.errstate(divide="ignore"):
        expected = np.cumsum(np.log(fitness[1])[strided], axis=-1)
    np.testing.assert_array_equal(mc.log_population(fitness[1], strided)[:, 1:], expected)


def test_log_population_grows_at_the_log_growth_rate():
    fitness, p = np.array([[3.0, 0.25], [1.2, 0.9]]), np.array([0.6, 0.4])
    env = mc.random_environments(p, 500, replicates=400, rng=8)
    log_n = mc.log_population(fitness, env)
    assert log_n.shape == (400, 501, 2)
    np.testing.assert_array_equal(log_n[:, 0], 0.0)
    slope = log_n[:, -1] / 500
    se = slope.std(axis=0) / np.sqrt(400)
    assert np.all(np.abs(slope.mean(axis=0) - mc.log_growth_rate(fitness, p)) < 4 * se)


def test_log_population_is_minus_infinity_after_a_zero_year():
    env = np.array([[0, 0, 1, 0]])
    log_n = mc.log_population([2.0, 0.0], env)
    np.testing.assert_allclose(log_n[0, :3], [0, np.log(2), 2 * np.log(2)])
    assert np.all(log_n[0, 3:] == -np.inf)


# ---------------------------------------------------------------- bet-hedging
@given(probabilities, st.floats(1.5, 20.0), st.floats(0.05, 1.0))
def test_germination_optimum_maximises_long_run_growth(p, y, s):
    g_star = mc.germination_optimum(p, y, s)
    assert 0 <= g_star < 1

    def rate(g):
        return mc.log_growth_rate(mc.seed_bank_fitness(g, y, s), [p, 1 - p])

    grid = np.linspace(0, 0.999, 200)
    assert rate(g_star) >= np.max(rate(grid)) - 1e-12
    if p * y > s:  # interior optimum: Kelly's fraction with net odds b = Y/s - 1
        assert g_star == pytest.approx(p - (1 - p) / (y / s - 1))
        found = minimize_scalar(lambda g: -rate(g), bounds=(0, 1 - 1e-9), method="bounded", options={"xatol": 1e-10})
        assert found.x == pytest.approx(g_star, abs=1e-6)
    else:
        assert g_star == 0.0


def test_germinating_everything_has_growth_minus_infinity():
    assert mc.log_growth_rate(mc.seed_bank_fitness(1.0, 10.0, 0.5), [0.9, 0.1]) == -np.inf
    assert mc.germination_optimum(1.0, 10.0, 0.5) == 1.0  # only when bad years never happen


def test_seed_bank_fitness_and_optimum_broadcast():
    w = mc.seed_bank_fitness(np.linspace(0, 1, 5)[:, None], [2.0, 4.0], 0.5)
    assert w.shape == (5, 2, 2)
    np.testing.assert_allclose(w[0, :, 1], 0.5)
    assert mc.germination_optimum(np.array([0.3, 0.6]), 5.0, [[0.5], [0.9]]).shape == (2, 2)
    assert mc.germination_optimum(0.5, 0.4, 0.5) == 0.0  # Y <= s: never germinate


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.extinction_probability(-1.0), ValueError, "mean_offspring must be >= 0"),
        (lambda: mc.extinction_probability(np.inf), ValueError, "mean_offspring must be finite"),
        (lambda: mc.extinction_probability("2"), TypeError, "mean_offspring must contain real numbers"),
        (lambda: mc.extinction_by_generation(1.5), ValueError, "mean_offspring must have at least 1 dimension"),
        (lambda: mc.extinction_by_generation([1.5], founders=0), ValueError, "founders must be >= 1"),
        (lambda: mc.branching_process(1.5, 5, founders=0), ValueError, "founders must be >= 1"),
        (lambda: mc.branching_process(1.5, 5, ceiling=10**17), ValueError, "ceiling \\* max"),
        (lambda: mc.branching_process(np.ones(4), 5), ValueError, "mean_offspring must be a scalar or have shape"),
        (lambda: mc.branching_process(1.5, 5, replicates=0), ValueError, "replicates must be >= 1"),
        (lambda: mc.branching_process(-1.0, 5), ValueError, "mean_offspring must be >= 0"),
        (lambda: mc.random_environments([0.5, 0.6], 5), ValueError, "probabilities must sum to 1"),
        (lambda: mc.random_environments([[1.0]], 5), ValueError, "probabilities must be one-dimensional"),
        (lambda: mc.random_environments([1.0], -1), ValueError, "generations must be >= 0"),
        (lambda: mc.log_growth_rate([1.0, -1.0], [0.5, 0.5]), ValueError, "fitness must be >= 0"),
        (lambda: mc.log_growth_rate([1.0, 2.0], [1.0]), ValueError, "must have the same last axis"),
        (lambda: mc.log_population([1.0, 2.0], np.array([[0, 2]])), ValueError, "environments must hold indices"),
        (lambda: mc.log_population([1.0, 2.0], np.array([0.0, 1.0])), TypeError, "environments must be an integer"),
        (lambda: mc.log_population([1.0, 2.0], np.array([0, 1])), ValueError, "environments must have shape"),
        (lambda: mc.seed_bank_fitness(1.2, 5.0, 0.5), ValueError, "germination must be <= 1"),
        (lambda: mc.germination_optimum(1.2, 5.0, 0.5), ValueError, "p must be <= 1"),
        (lambda: mc.germination_optimum(0.5, 0.0, 0.5), ValueError, "yield_good must be > 0"),
        (lambda: mc.germination_optimum(0.5, 5.0, 0.0), ValueError, "survival must be > 0"),
        (lambda: mc.germination_optimum(0.5, 5.0, 1.5), ValueError, "survival must be <= 1"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
