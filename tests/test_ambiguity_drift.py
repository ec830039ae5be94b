"""Decisions under ambiguity and the refitting simulations, against their theory."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import expit, gammaln, logit

import mctools as mc
from mctools.ambiguity import _decide

shares = st.floats(0.01, 0.99)
separations = st.floats(0.1, 5.0)


@given(shares, separations)
def test_half_is_a_fixed_point_and_sampling_is_calibrated(pi, d):
    assert mc.output_share(0.5, d, 1.0, "map") == pytest.approx(0.5)
    assert mc.output_share(pi, d, 0.3, "sample") == pytest.approx(pi)


@given(shares, separations)
def test_map_policy_pushes_toward_the_majority(pi, d):
    drawn = mc.output_share(pi, d, policy="map")
    assert (drawn - 0.5) * (pi - 0.5) >= -1e-12
    assert abs(drawn - 0.5) >= abs(pi - 0.5) - 1e-12


@given(separations)
def test_better_drawn_class_wins_at_equal_shares(d):
    # At 50:50 the expected-quality policy favours whichever class is drawn better.
    assert mc.output_share(0.5, d, quality_ratio=0.8) > 0.5
    assert mc.output_share(0.5, d, quality_ratio=1.25) < 0.5


@pytest.mark.parametrize("policy", ["sample", "map", "quality"])
def test_output_share_matches_monte_carlo(policy):
    exact = mc.output_share(0.7, 1.2, 0.8, policy)
    simulated = mc.simulate_output_share(0.7, 1.2, 0.8, policy, samples=200_000, rng=3)
    assert simulated == pytest.approx(exact, abs=4 * np.sqrt(0.25 / 200_000))


@pytest.mark.parametrize(("policy", "ratio"), [("map", 1.0), ("quality", 0.8), ("quality", 1e-7), ("quality", 1e12)])
def test_simulated_decisions_are_the_rule_on_every_sample(policy, ratio):
    # the simulation compares z = d x + logit(pi) with ln(ratio), and applies the rule itself only near it
    samples, pi, d = 50_000, 0.7, 1.5
    gen = np.random.default_rng(8)
    x = np.where(gen.random(samples) < pi, d / 2, -d / 2) + gen.standard_normal(samples)
    rho = expit(d * x + logit(pi))
    drew = rho > 0.5 if policy == "map" else rho > (1 - rho) * ratio
    assert mc.simulate_output_share(pi, d, ratio, policy, samples=samples, rng=8) == drew.mean()
    switch = np.log(ratio)  # and on a fine grid across the switch
    z = switch + np.linspace(-1e-4, 1e-4, 20_001) * (1 + abs(switch))
    rho = expit(z)
    rule = rho > 0.5 if policy == "map" else rho > (1 - rho) * ratio
    np.testing.assert_array_equal(_decide(z, policy, ratio), rule)


def test_generator_map_fixed_points_and_instability():
    G = lambda p: mc.generator_map(p, 1.5, capacity=4.0)  # noqa: E731
    np.testing.assert_allclose(mc.fixed_points(G), [0.0, 0.5, 1.0], atol=1e-9)
    assert mc.derivative(G, 0.5) > 1


def test_simulations_are_seeded():
    a = mc.gaussian_refit(5, 3, replicates=4, rng=7)
    b = mc.gaussian_refit(5, 3, replicates=4, rng=7)
    c = mc.gaussian_refit(5, 3, replicates=4, rng=8)
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[1], c[1])


def test_gaussian_refit_shapes_and_generation_zero():
    mu, sigma = mc.gaussian_refit(4, 6, replicates=3, mu0=2.0, sigma0=0.5, rng=0)
    assert mu.shape == sigma.shape == (3, 7)
    assert np.all(mu[:, 0] == 2.0)
    assert np.all(sigma[:, 0] == 0.5)


def test_gaussian_refit_matches_c4_and_log_variance_theory():
    m, n = 8, 30
    _, sigma = mc.gaussian_refit(m, n, replicates=20_000, rng=1)
    c4 = np.sqrt(2 / (m - 1)) * np.exp(gammaln(m / 2) - gammaln((m - 1) / 2))
    assert sigma[:, n].mean() == pytest.approx(c4**n, rel=0.03)
    k = (m - 1) / 2
    from scipy.special import digamma

    assert np.log(sigma[:, n] ** 2).mean() == pytest.approx(n * (digamma(k) - np.log(k)), abs=0.1)


def test_accumulating_the_gaussian_keeps_the_variance():
    _, replaced = mc.gaussian_refit(10, 50, replicates=2000, rng=2)
    _, pooled = mc.gaussian_refit(10, 50, replicates=2000, accumulate=True, rng=2)
    assert pooled[:, -1].mean() > 0.8 > replaced[:, -1].mean()


def test_pooled_moments_equal_a_direct_fit():
    # With one generation the pooled fit is the plain fit of the first sample.
    mu, sigma = mc.gaussian_refit(6, 1, replicates=5, accumulate=True, rng=4)
    mu2, sigma2 = mc.gaussian_refit(6, 1, replicates=5, accumulate=False, rng=4)
    np.testing.assert_allclose(mu, mu2)
    np.testing.assert_allclose(sigma, sigma2)


def test_sample_size_schedule():
    mu, _ = mc.gaussian_refit([2, 4, 8], 3, replicates=2, rng=0)
    assert mu.shape == (2, 4)
    with pytest.raises(ValueError, match=r"sample_size must be a scalar or have shape \(generations,\)"):
        mc.gaussian_refit([2, 4], 3)


@pytest.mark.parametrize("accumulate", [False, True])
def test_regression_refit_matches_theory(accumulate):
    d, t, n = 5, 30, 8
    error = mc.regression_refit(d, t, n, replicates=6000, accumulate=accumulate, rng=5)
    weights = np.arange(1, n + 1) ** -2.0 if accumulate else np.ones(n)
    theory = d / (t - d - 1) * np.cumsum(weights)
    np.testing.assert_allclose(error[:, 1:].mean(axis=0), theory, rtol=0.06)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.gaussian_refit(1, 3), ValueError, "sample_size must be >= ddof \\+ 1 = 2"),
        (lambda: mc.gaussian_refit(5, 3, sigma0=0.0), ValueError, "sigma0 must be > 0"),
        (lambda: mc.gaussian_refit(5, 3, temperature=0), ValueError, "temperature must be > 0"),
        (lambda: mc.gaussian_refit(5, 3, ddof=2), ValueError, "ddof must be 0 or 1"),
        (lambda: mc.gaussian_refit(5.0, 3), TypeError, "sample_size must be an integer"),
        (lambda: mc.gaussian_refit(5, 3, rng="seed"), TypeError, "rng must be None"),
        (lambda: mc.gaussian_refit(5, 3, accumulate=1), TypeError, "accumulate must be True or False"),
        (lambda: mc.regression_refit(5, 6, 2), ValueError, "samples must be >= features \\+ 2"),
        (lambda: mc.output_share(1.2, 1.0), ValueError, "share must be <= 1"),
        (lambda: mc.output_share(0.5, 0.0), ValueError, "separation must be > 0"),
        (lambda: mc.output_share(0.5, 1.0, -1.0), ValueError, "quality_ratio must be >= 0"),
        (lambda: mc.output_share(0.5, 1.0, np.nan), ValueError, "quality_ratio must be finite"),
        (lambda: mc.output_share(0.5, 1.0, policy="greedy"), ValueError, "policy must be one of"),
        (lambda: mc.simulate_output_share(0.5, 1.0, samples=0), ValueError, "samples must be >= 1"),
        (lambda: mc.posterior(0.0, 0.0, 1.0), ValueError, "share must be > 0"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
