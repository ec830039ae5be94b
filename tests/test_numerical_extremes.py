"""Numerical extremes: results stay finite and valid where the exponents explode.

Every test runs with numpy's floating-point errors raised (overflow, division by zero and
invalid operations; underflow to an exact 0 is the right answer here and stays allowed) and
with warnings as errors (pyproject's ``filterwarnings``), so an intermediate inf or NaN that
happens to cancel still fails.
"""

from __future__ import annotations

import numpy as np
import pytest

import mctools as mc

P0 = np.array([0.5, 0.3, 0.15, 0.05])


@pytest.fixture(autouse=True)
def raise_on_floating_point_errors():
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        yield


def assert_on_simplex(p: np.ndarray) -> None:
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize("temperature", [0.01, 100.0])
def test_tempering_a_thousand_generations(temperature):
    p = P0.copy()
    for _ in range(1000):  # sequential: each generation tempers the last
        p = mc.temper(p, temperature)
        assert_on_simplex(p)
    # T = 0.01 leaves the mode alone; T = 100 flattens to uniform (p ** 100**-1000 = 1).
    expected = np.eye(4)[0] if temperature < 1 else np.full(4, 0.25)
    np.testing.assert_allclose(p, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("temperature", [0.01, 100.0])
def test_tempered_resampling_a_thousand_generations(temperature):
    """The appendix's finite-sample model: temper, then resample 50 tokens, 200 replicates."""
    gen = np.random.default_rng(0)
    p = np.tile(P0, (200, 1))
    for _ in range(1000):
        p = gen.multinomial(50, mc.temper(p, temperature)) / 50
        assert_on_simplex(p)
    alive = (p > 0).sum(axis=-1)
    assert np.all(alive == 1) if temperature < 1 else np.all(alive >= 1)


def test_retraining_past_float_range_is_refused_by_name():
    """Carrying logits, T = 0.01 over 1000 generations would need differences of 10^2000."""
    for temperature in (0.01, 100.0):
        with pytest.raises(ValueError, match="generations=1000"):
            mc.retrain_logits(np.log(P0), temperature, 1000)
    history = mc.retrain_logits(np.log(P0), 0.01, 100)  # 10^200: still representable
    assert np.all(np.isfinite(history))
    assert_on_simplex(mc.softmax(history[-1]))


@pytest.mark.parametrize("temperature", [1e-3, 1.0, 1e3])
def test_softmax_of_huge_rewards(temperature):
    rewards = np.array([[1e6, -1e6, 0.0], [-1e6, -1e6, -1e6], [1e6, 1e6 - 1.0, -1e6]])
    p = mc.softmax(rewards, temperature)
    assert_on_simplex(p)
    np.testing.assert_allclose(p[1], 1 / 3, rtol=1e-15)
    assert p[0, 0] == 1.0 and p[0, 1] == 0.0  # e^{-2e6/T}: exactly 0 in float64
    if temperature >= 1:  # a reward gap of 1 is a probability ratio of e^{1/T}
        np.testing.assert_allclose(p[2, 0] / p[2, 1], np.exp(1.0 / temperature), rtol=1e-9)
    else:  # ... which is e^{1000}: the runner-up underflows to exactly 0
        assert p[2, 0] == 1.0 and p[2, 1] == 0.0


@pytest.mark.parametrize("quality", ["log", "exp", np.sqrt])
def test_allocation_with_a_class_of_frequency_1e_12(quality):
    frequencies = np.array([1e-12, 0.5 - 1e-12, 0.5])
    allocation = mc.optimal_allocation(frequencies, 3.0, quality)
    assert np.all(np.isfinite(allocation)) and np.all(allocation >= 0)
    np.testing.assert_allclose(allocation.sum(), 3.0, rtol=1e-9)
    assert allocation[0] < 1e-6 * allocation[2]  # the rare class gets almost nothing
    assert np.isfinite(mc.expected_quality(frequencies, allocation, quality))


def test_wright_fisher_with_a_million_individuals():
    population = 10**6
    history = mc.wright_fisher(P0, population, 200, replicates=50, rng=1)
    assert_on_simplex(history)
    counts = history[:, 1:] * population
    np.testing.assert_allclose(counts, np.round(counts), rtol=0, atol=1e-6)  # multiples of 1/N
    # Drift is slow: the variance of a frequency after t generations is p(1-p)(1-(1-1/N)^t).
    expected_sd = np.sqrt(P0 * (1 - P0) * (1 - (1 - 1 / population) ** 200))
    assert np.all(np.abs(history[:, -1] - P0).max(axis=0) < 6 * expected_sd)
    ends = mc.wright_fisher(P0, population, 1000, mutation=1e-9, record_every=1000, rng=2)
    assert ends.shape == (1, 2, 4)
    assert_on_simplex(ends)


def test_gaussian_refit_past_float_range_is_refused_and_collapse_is_exact():
    """T = 100 multiplies sigma by about 10 a generation: 10^1000 is refused by name, not inf/NaN."""
    with pytest.raises(ValueError, match=r"temperature=100\.0 over generations=1000") as refused:
        mc.gaussian_refit(10, 1000, temperature=100.0, replicates=5, rng=0)
    assert "at generation" in str(refused.value)
    # T = 0.01 divides it by about 10 a generation: sigma underflows to exactly 0, mu stays put.
    mu, sigma = mc.gaussian_refit(10, 1000, temperature=0.01, replicates=5, rng=0)
    assert np.all(np.isfinite(mu)) and np.all(np.isfinite(sigma)) and np.all(sigma >= 0)
    median = np.median(sigma, axis=0)  # the median chain, generation by generation
    assert np.all(np.diff(median) <= 0) and median[-1] < 1e-300
    # Once sigma is 0 (or subnormal) every sample equals mu: the mean moves by rounding at most.
    np.testing.assert_allclose(mu[:, -1], mu[:, 500], rtol=1e-12)
