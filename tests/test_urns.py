"""Generalised Pólya urns: the feedback function, the simulation, lock-in probabilities."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import mctools as mc

shares = st.floats(0.0, 1.0)
exponents = st.floats(0.05, 50.0)
counts = st.integers(1, 30)


@given(shares, exponents)
def test_feedback_is_a_probability_symmetric_in_the_colours(x, alpha):
    f = mc.urn_feedback(x, alpha)
    assert 0.0 <= f <= 1.0
    y = 1 - x  # rounded; compare with the share whose complement is exactly y
    assert mc.urn_feedback(y, alpha) == pytest.approx(1 - mc.urn_feedback(1 - y, alpha), abs=1e-12)


@given(st.floats(1e-3, 0.999), st.floats(0.1, 5.0))
def test_feedback_matches_the_textbook_formula_where_that_is_safe(x, alpha):
    textbook = x**alpha / (x**alpha + (1 - x) ** alpha)
    assert mc.urn_feedback(x, alpha) == pytest.approx(textbook, rel=1e-10, abs=1e-300)


@given(st.floats(1.0, 1e4))
def test_feedback_fixed_points_and_no_nan_for_huge_exponents(alpha):
    f = mc.urn_feedback(np.array([0.0, 0.3, 0.5, 0.7, 1.0]), alpha)
    assert np.all(np.isfinite(f))
    np.testing.assert_array_equal(f[[0, 2, 4]], [0.0, 0.5, 1.0])


def test_feedback_slope_at_half_is_the_exponent():
    for alpha in (0.3, 1.0, 2.0, 7.0):
        slope = mc.derivative(lambda s, a=alpha: mc.urn_feedback(s, a), 0.5)
        assert slope == pytest.approx(alpha, abs=1e-6)


def test_alpha_one_is_the_identity():
    x = np.linspace(0, 1, 11)
    np.testing.assert_allclose(mc.urn_feedback(x, 1.0), x, atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(counts, counts, st.integers(0, 40), st.integers(1, 6), st.floats(0.2, 4.0))
def test_urn_shapes_and_counts(a, b, draws, replicates, alpha):
    shares_ = mc.polya_urn((a, b), draws, replicates=replicates, exponent=alpha, rng=0)
    assert shares_.shape == (replicates, draws + 1)
    assert np.all(shares_[:, 0] == a / (a + b))
    balls = shares_ * (a + b + np.arange(draws + 1))  # balls of colour 0 after each draw
    np.testing.assert_allclose(balls, np.round(balls), atol=1e-9)
    steps = np.diff(np.round(balls), axis=1)
    assert np.all((steps == 0) | (steps == 1))  # one ball per draw


@pytest.mark.parametrize(
    ("initial", "draws", "replicates", "alpha"),
    [
        ((7, 5), 300, 200, 2.0),
        ((1, 1), 120, 50, 1.0),
        ((0, 3), 80, 100, 0.5),
        ((4, 0), 80, 30, 3.0),
        ((2, 9), 100, 64, 1e300),
    ],
)
def test_urn_draws_with_the_feedback_of_each_share(initial, draws, replicates, alpha):
    # the kernel looks the feedback up in a table by count while there are fewer counts than urns
    a, b = initial
    gen = np.random.default_rng(5)
    counts, expected = np.full(replicates, float(a)), [np.full(replicates, a / (a + b))]
    for n in range(draws):
        counts = counts + (gen.random(replicates) < mc.urn_feedback(expected[-1], alpha))
        expected.append(counts / (a + b + n + 1))
    shares_ = mc.polya_urn(initial, draws, replicates=replicates, exponent=alpha, rng=5)
    np.testing.assert_array_equal(shares_, np.stack(expected, axis=1))
    estimate = mc.lock_in_estimate(initial, draws, replicates=replicates, exponent=alpha, rng=5)
    assert estimate.probability == np.mean(expected[-1] > 0.5)


def test_urn_is_seeded_and_handles_a_missing_colour():
    first, again = (mc.polya_urn((2, 3), 5, replicates=4, rng=9) for _ in range(2))
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(mc.polya_urn((0, 3), 5, replicates=2, rng=1), 0.0)
    np.testing.assert_array_equal(mc.polya_urn((4, 0), 5, replicates=2, rng=1), 1.0)


def test_polya_urn_is_a_martingale_with_a_beta_limit():
    final = mc.polya_urn((3, 2), 400, replicates=3000, exponent=1.0, rng=5)[:, -1]
    assert abs(final.mean() - 0.6) < 4 * final.std() / np.sqrt(final.size)  # 4 standard errors
    assert stats.kstest(final, stats.beta(3, 2).cdf).pvalue > 0.001


def test_balance_below_one_and_lock_in_above():
    low = mc.polya_urn((7, 5), 800, replicates=500, exponent=0.3, rng=2)[:, -1]
    high = mc.polya_urn((7, 5), 800, replicates=500, exponent=3.0, rng=2)[:, -1]
    assert np.all(np.abs(low - 0.5) < 0.1)
    assert np.mean(np.abs(high - 0.5) > 0.4) > 0.95


@given(counts, counts, st.floats(1.1, 8.0))
@settings(max_examples=40, deadline=None)
def test_lock_in_probability_is_complementary_and_harmonic(a, b, alpha):
    p = mc.lock_in_probability((a, b), alpha)
    assert 0.0 <= p <= 1.0
    assert p + mc.lock_in_probability((b, a), alpha) == pytest.approx(1.0, abs=1e-8)
    f = float(mc.urn_feedback(a / (a + b), alpha))
    next_step = f * mc.lock_in_probability((a + 1, b), alpha) + (1 - f) * mc.lock_in_probability((a, b + 1), alpha)
    assert p == pytest.approx(next_step, abs=1e-7)


def test_lock_in_probability_grows_with_the_lead():
    values = [mc.lock_in_probability((a, 10), 2.0) for a in (10, 11, 13, 20, 40)]
    assert values[0] == 0.5
    assert np.all(np.diff(values) > 0)


@pytest.mark.parametrize(("initial", "alpha"), [((7, 5), 2.0), ((2, 1), 1.5), ((3, 4), 3.0)])
def test_lock_in_probability_matches_simulation(initial, alpha):
    exact = mc.lock_in_probability(initial, alpha)
    estimate = mc.lock_in_estimate(initial, 800, replicates=4000, exponent=alpha, rng=21)
    assert abs(estimate.probability - exact) < 4 * estimate.standard_error + estimate.undecided + 1e-3


def test_lock_in_estimate_fields():
    estimate = mc.lock_in_estimate((5, 5), 50, replicates=100, exponent=2.0, rng=0)
    assert isinstance(estimate, mc.LockInEstimate)
    assert 0 <= estimate.undecided <= 1
    assert estimate.standard_error == pytest.approx(np.sqrt(estimate.probability * (1 - estimate.probability) / 100))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.urn_feedback(1.5, 2.0), ValueError, "share must be <= 1"),
        (lambda: mc.urn_feedback([0.2, np.nan], 2.0), ValueError, "share must be finite"),
        (lambda: mc.urn_feedback(0.5, 0.0), ValueError, "exponent must be > 0"),
        (lambda: mc.urn_feedback(0.5, "2"), TypeError, "exponent must be a real number"),
        (lambda: mc.polya_urn(7, 10), TypeError, "initial must be a pair"),
        (lambda: mc.polya_urn((7, 5, 1), 10), TypeError, "initial must be a pair"),
        (lambda: mc.polya_urn((7.5, 5), 10), TypeError, r"initial\[0\] must be an integer"),
        (lambda: mc.polya_urn((-1, 5), 10), ValueError, r"initial\[0\] must be >= 0"),
        (lambda: mc.polya_urn((0, 0), 10), ValueError, "initial must hold at least one ball"),
        (lambda: mc.polya_urn((7, 5), -1), ValueError, "draws must be >= 0"),
        (lambda: mc.polya_urn((7, 5), 10, replicates=0), ValueError, "replicates must be >= 1"),
        (lambda: mc.polya_urn((7, 5), 10, exponent=-1.0), ValueError, "exponent must be > 0"),
        (lambda: mc.polya_urn((7, 5), 10, rng="seed"), TypeError, "rng must be None"),
        (lambda: mc.lock_in_probability((7, 5), 1.0), ValueError, "exponent must be > 1"),
        (lambda: mc.lock_in_probability((0, 5), 2.0), ValueError, "at least one ball of each colour"),
        (lambda: mc.lock_in_probability((7, 5), 2.0, terms=3), ValueError, r"terms must be >= max\(initial\) \+ 1 = 8"),
        (lambda: mc.lock_in_estimate((7, 5), 0), ValueError, "draws must be >= 1"),
        (lambda: mc.lock_in_estimate((7, 5), 10, margin=0.5), ValueError, "margin must be < 0.5"),
    ],
)
def test_bad_inputs_name_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_a_huge_exponent_neither_warns_nor_overflows():
    # alpha * logit(x) overflowed (a RuntimeWarning) before expit; low ** (2 alpha) raised OverflowError
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(mc.urn_feedback([0.2, 0.5, 0.9], 1e308), [0.0, 0.5, 1.0])
    assert mc.lock_in_probability((50, 60), 100.0) == pytest.approx(0.0, abs=1e-12)
    assert mc.lock_in_probability((7, 6), 600.0) == pytest.approx(1.0)


@pytest.mark.parametrize("initial", [{1, 2}, {"a": 1, "b": 2}, {0: 1, 1: 2}, np.array(3)])
def test_initial_must_be_an_ordered_pair(initial):
    # a set has no order and a dict gave KeyError (or its keys); a 0-d array failed in len()
    with pytest.raises(TypeError, match="initial must be a pair"):
        mc.polya_urn(initial, 3)


def test_terms_are_checked_even_when_the_counts_are_equal():
    # the a == b shortcut returned 0.5 before terms was looked at
    with pytest.raises(TypeError, match="terms must be an integer"):
        mc.lock_in_probability((2, 2), 2.0, terms="x")
