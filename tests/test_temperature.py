"""Free energy, retraining at a temperature in log space, and the critical temperature."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import digamma, logsumexp

import mctools as mc

temperatures = st.floats(min_value=0.05, max_value=20.0)
rewards_1d = arrays(float, st.integers(2, 8), elements=st.floats(-5.0, 5.0))  # |r|/T <= 100
# Logits on a grid of 1e-6: a difference like 1e-300 (which hypothesis finds) is correctly
# refused by retrain_logits at T > 1, as it would leave float64's range within a few generations.
logits_1d = arrays(float, st.integers(2, 8), elements=st.integers(-20_000_000, 20_000_000).map(lambda k: k * 1e-6))


@st.composite
def distributions(draw, k):
    weights = draw(arrays(float, k, elements=st.floats(1e-6, 1e3)))
    return weights / weights.sum()


@given(rewards_1d, temperatures, st.data())
def test_softmax_maximises_the_free_energy(r, t, data):
    p = data.draw(distributions(r.size))
    best = mc.optimal_free_energy(r, t)
    assert mc.free_energy(mc.softmax(r, t), r, t) == pytest.approx(best, rel=1e-9, abs=1e-9)
    # F(p) = T ln Z - T KL(p || p*) <= T ln Z
    gap = best - mc.free_energy(p, r, t)
    assert gap >= -1e-9
    assert gap == pytest.approx(t * mc.kl_divergence(p, mc.softmax(r, t)), rel=1e-6, abs=1e-8)


def test_free_energy_limits():
    r = np.array([1.0, 0.8, 0.5, 0.0])
    assert mc.optimal_free_energy(r, 1e-4) == pytest.approx(1.0, abs=1e-6)  # enthalpy-maxxing
    assert mc.optimal_free_energy(r, 1e4) - 1e4 * np.log(4) == pytest.approx(r.mean(), abs=1e-3)
    assert mc.free_energy([0.25] * 4, r, 0.0) == pytest.approx(r.mean())
    assert mc.optimal_free_energy([1000.0, 999.0], 0.01) == pytest.approx(1000.0)  # no overflow


def test_free_energy_stacks_of_distributions():
    p = np.array([[0.5, 0.5], [1.0, 0.0]])
    np.testing.assert_allclose(mc.free_energy(p, [1.0, 0.0], 1.0), [0.5 + np.log(2), 1.0])
    assert mc.optimal_free_energy(np.zeros((3, 2)), 1.0).shape == (3,)


@given(logits_1d, temperatures, st.integers(0, 30))
def test_retraining_matches_the_closed_form_and_is_undone(ell0, t, n):
    if abs(np.log(t)) * n > 200:  # keep T^-n within a modest range for the closed form
        n = int(200 / abs(np.log(t)))
    history = mc.retrain_logits(ell0, t, n)
    assert history.shape == (n + 1, ell0.size)
    assert np.all(np.isfinite(history))
    np.testing.assert_array_equal(history.max(axis=-1), 0.0)  # centred: the mode's logit is 0
    closed = mc.temper_logits(ell0, t**n)  # p_0 ** (T^-n), normalised
    scale = max(1.0, float(np.max(np.abs(closed))))
    np.testing.assert_allclose(history[-1] - logsumexp(history[-1]), closed, atol=1e-9 * scale)
    start = ell0 - logsumexp(ell0)
    np.testing.assert_allclose(mc.recover_logits(history[-1], t, n), start, atol=1e-9)


@pytest.mark.parametrize("t", [0.5, 0.9, 1.1, 2.0])
def test_a_hundred_generations_are_undone_exactly_in_log_space(t):
    p0 = np.array([0.5, 0.3, 0.15, 0.05])
    history = mc.retrain_logits(np.log(p0), t, 100)
    assert np.all(np.isfinite(history))
    np.testing.assert_allclose(mc.recover_logits(history[-1], t, 100), np.log(p0), atol=1e-12)


def test_probabilities_lose_what_logits_keep():
    p0 = np.array([0.5, 0.3, 0.15, 0.05])
    logits = mc.retrain_logits(np.log(p0), 0.5, 100)[-1]
    assert logits.min() < -1e29
    assert np.count_nonzero(mc.temper(mc.softmax(logits), 2.0**100)) == 1  # zeros stay zeros
    # at T > 1, normalised log-probabilities round the differences away; centred logits do not
    flat = mc.retrain_logits(np.log(p0), 2.0, 60)[-1]
    normalised = flat - logsumexp(flat)
    assert np.ptp(mc.recover_logits(normalised, 2.0, 60) - np.log(p0)) > 1e-3
    np.testing.assert_allclose(mc.recover_logits(flat, 2.0, 60), np.log(p0), atol=1e-12)


def test_retraining_goes_to_argmax_below_one_and_uniform_above():
    ell0 = np.log([0.5, 0.3, 0.2])
    np.testing.assert_allclose(mc.softmax(mc.retrain_logits(ell0, 0.5, 20)[-1]), [1, 0, 0], atol=1e-12)
    np.testing.assert_allclose(mc.softmax(mc.retrain_logits(ell0, 2.0, 60)[-1]), [1 / 3] * 3, atol=1e-12)
    np.testing.assert_allclose(mc.retrain_logits(ell0, 1.0, 5), np.tile(ell0 - ell0.max(), (6, 1)), atol=1e-15)


def test_retraining_refuses_to_leave_float64():
    with pytest.raises(ValueError, match="float64's range"):
        mc.retrain_logits(np.log([0.5, 0.5 - 1e-3, 1e-3]), 0.5, 2000)
    with pytest.raises(ValueError, match="float64's range"):
        mc.retrain_logits(np.log([0.5, 0.5 - 1e-3, 1e-3]), 2.0, 2000)


def test_critical_temperature_values():
    assert mc.critical_temperature(10) == pytest.approx(1.1221, abs=1e-4)
    k = 4.5
    assert mc.critical_temperature(10) == pytest.approx(np.exp(np.log(k) - digamma(k)), rel=1e-14)
    sizes = np.array([2, 10, 100, 10_000])
    tc = mc.critical_temperature(sizes)
    assert tc.shape == (4,) and np.all(tc > 1) and np.all(np.diff(tc) < 0)
    assert tc[-1] == pytest.approx(1 + 1 / 9999, rel=1e-6)  # 1 + 1/(M-1) for large M
    np.testing.assert_allclose([mc.log_variance_drift(m, t) for m, t in zip(sizes, tc, strict=True)], 0.0, atol=1e-12)


@given(st.integers(2, 10_000), st.floats(0.5, 2.0))
def test_drift_sign_flips_at_the_critical_temperature(m, t):
    drift = mc.log_variance_drift(m, t)
    assert np.sign(drift) == np.sign(np.log(t) - np.log(mc.critical_temperature(m))) or abs(drift) < 1e-12


def test_drift_matches_simulation():
    _, sd = mc.gaussian_refit(10, 20, replicates=4000, temperature=1.0, rng=3)
    lv = 2 * np.log(sd[:, -1])
    assert abs(lv.mean() - 20 * mc.log_variance_drift(10, 1.0)) < 4 * lv.std() / np.sqrt(4000)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.free_energy([0.5, 0.6], [1, 0], 1.0), ValueError, "p must sum to 1"),
        (lambda: mc.free_energy([0.5, 0.5], [1, 0, 2], 1.0), ValueError, "same last axis"),
        (lambda: mc.free_energy([0.5, 0.5], [1, 0], -1.0), ValueError, "temperature must be >= 0"),
        (lambda: mc.optimal_free_energy([1.0, np.nan], 1.0), ValueError, "rewards must be finite"),
        (lambda: mc.optimal_free_energy([1.0, 0.0], 0.0), ValueError, "temperature must be > 0"),
        (lambda: mc.optimal_free_energy(3.0, 1.0), ValueError, "rewards must have at least 1 dimension"),
        (lambda: mc.temper_logits([0.0, -np.inf], 1.0), ValueError, "logits must be finite"),
        (lambda: mc.temper_logits(["a", "b"], 1.0), TypeError, "logits must contain real numbers"),
        (lambda: mc.retrain_logits([0.0, -1.0], 0.5, -1), ValueError, "generations must be >= 0"),
        (lambda: mc.retrain_logits([0.0, -1.0], 0.5, 2.5), TypeError, "generations must be an integer"),
        (lambda: mc.retrain_logits([0.0, -1.0], "hot", 3), TypeError, "temperature must be a real number"),
        (lambda: mc.recover_logits([0.0, -1.0], 1e-300, 10), ValueError, "not representable"),
        (lambda: mc.recover_logits([0.0, -1.0], 1e300, 10), ValueError, "not representable"),
        (lambda: mc.temper_logits([1e308, -1e308], 1.0), ValueError, "logits must differ by less"),
        (lambda: mc.temper_logits([0.0, -1.0], 1e-310), ValueError, "temperature=1e-310 pushes"),
        (lambda: mc.optimal_free_energy([1.0, 0.0], 1e-310), ValueError, "temperature=1e-310 is too small"),
        (lambda: mc.critical_temperature([[10], [10, 10]]), TypeError, "sample_size must be an integer"),
        (lambda: mc.critical_temperature(1), ValueError, "sample_size must be >= 2"),
        (lambda: mc.critical_temperature(10.0), TypeError, "sample_size must be an integer"),
        (lambda: mc.critical_temperature([10, 1]), ValueError, "sample_size must be >= 2"),
        (lambda: mc.critical_temperature(np.array([10.5])), TypeError, "sample_size must be an integer"),
        (lambda: mc.critical_temperature(True), TypeError, "sample_size must be an integer"),
        (lambda: mc.log_variance_drift(10, 0.0), ValueError, "temperature must be > 0"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
