"""CUSUM change detection: the statistic, exact run lengths, simulation and bad inputs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc

increments = arrays(float, st.tuples(st.integers(1, 4), st.integers(1, 30)), elements=st.floats(-5, 5))


@given(increments)
def test_vectorised_cusum_equals_the_recursion(z):
    expected = np.empty_like(z)
    state = np.zeros(z.shape[0])
    for t in range(z.shape[1]):  # the textbook recursion, for reference
        state = np.maximum(0.0, state + z[:, t])
        expected[:, t] = state
    np.testing.assert_allclose(mc.cusum_path(z), expected, atol=1e-9)
    assert np.all(mc.cusum_path(z) >= 0)


def test_first_alarm_counts_from_one_and_never_is_inf():
    paths = np.array([[0.5, 1.2, 3.0], [0.1, 0.0, 0.2]])
    np.testing.assert_array_equal(mc.first_alarm(paths, 1.0), [2.0, np.inf])


def test_run_length_of_a_simple_walk():
    # +1 with probability 1: the alarm comes after exactly H steps
    assert mc.cusum_run_length(np.array([1]), np.array([1.0]), 5) == pytest.approx(5.0)
    # no positive score: never
    assert mc.cusum_run_length(np.array([-1, 0]), np.array([0.5, 0.5]), 3) == np.inf


def test_run_length_of_a_fair_reflected_walk_is_h_times_h_plus_one():
    # ±1 with probability 1/2, reflected at 0: E[tau] to reach H from 0 is H(H+1)
    for h in (1, 3, 10):
        assert mc.cusum_run_length(np.array([1, -1]), np.array([0.5, 0.5]), h) == pytest.approx(h * (h + 1))


@pytest.mark.parametrize(("p", "threshold"), [(0.2, 3.0), (0.7, 2.0), (0.5, 1.5)])
def test_exact_run_length_matches_simulation(p, threshold):
    exact = mc.bernoulli_run_length(p, 0.7, 0.2, threshold)
    alarms = mc.simulate_bernoulli_cusum(p, 0.7, 0.2, threshold, 3000, replicates=3000, rng=4)
    assert np.all(np.isfinite(alarms))
    assert abs(alarms.mean() - exact) < 4 * alarms.std() / np.sqrt(alarms.size)


@given(st.floats(0.05, 0.45), st.floats(0.55, 0.95), st.floats(20, 2000))
def test_threshold_is_the_smallest_meeting_the_false_alarm_target(p1, p0, target):
    h = mc.bernoulli_threshold(p0, p1, target)
    assert mc.bernoulli_run_length(p0, p0, p1, h) >= target
    if h > 0.01 + 1e-9:
        assert mc.bernoulli_run_length(p0, p0, p1, h - 0.01) < target


@given(st.floats(0.05, 0.45), st.floats(0.55, 0.95))
def test_detection_is_faster_than_false_alarms_and_obeys_walds_bound(p1, p0):
    h = mc.bernoulli_threshold(p0, p1, 500)
    delay = mc.bernoulli_run_length(p1, p0, p1, h)
    assert delay < 500
    kl = p1 * np.log(p1 / p0) + (1 - p1) * np.log((1 - p1) / (1 - p0))
    largest = max(np.log(p1 / p0), np.log((1 - p1) / (1 - p0)))
    assert delay <= (h + largest + 0.01) / (kl - 0.01) + 1  # rounding to the 0.01 lattice


def test_a_change_mid_stream_is_detected_after_it():
    p = np.where(np.arange(400) < 200, 0.7, 0.2)
    h = mc.bernoulli_threshold(0.7, 0.2, 10_000)
    alarms = mc.simulate_bernoulli_cusum(p, 0.7, 0.2, h, 400, replicates=500, rng=9)
    assert np.mean(alarms > 200) > 0.9


def test_bernoulli_scores_have_opposite_signs():
    one, zero = mc.bernoulli_scores(0.7, 0.2)
    assert one < 0 < zero
    assert (one, zero) == (round(np.log(0.2 / 0.7) / 0.01), round(np.log(0.8 / 0.3) / 0.01))


@pytest.mark.parametrize("p", [0.7, 0.2, np.r_[np.full(40, 0.2), np.full(60, 0.7)]])
def test_simulated_alarms_equal_first_alarm_of_the_whole_paths(p):
    # the simulation follows each stream block by block in time, only until it alarms
    one, zero = mc.bernoulli_scores(0.2, 0.7)
    success = np.random.default_rng(6).random((300, 100)) < p
    expected = mc.first_alarm(mc.cusum_path(np.where(success, float(one), float(zero))), 300)
    alarms = mc.simulate_bernoulli_cusum(p, 0.2, 0.7, 3.0, 100, replicates=300, rng=6)
    np.testing.assert_array_equal(alarms, expected)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.cusum_path([]), ValueError, "increments must not be empty"),
        (lambda: mc.cusum_path([1.0, np.inf]), ValueError, "increments must be finite"),
        (lambda: mc.first_alarm([1.0], 0.0), ValueError, "threshold must be > 0"),
        (lambda: mc.cusum_run_length([1.5], [1.0], 3), TypeError, "scores must be"),
        (lambda: mc.cusum_run_length(np.array([1, -1]), [0.5, 0.6], 3), ValueError, "probabilities must sum to 1"),
        (lambda: mc.cusum_run_length(np.array([1]), [1.0], 0), ValueError, "threshold must be >= 1"),
        (lambda: mc.bernoulli_scores(0.5, 0.5), ValueError, "p1 must differ from p0"),
        (lambda: mc.bernoulli_scores(0.0, 0.5), ValueError, "p0 must be > 0"),
        (lambda: mc.bernoulli_scores(0.5, 0.51, step=1.0), ValueError, "step must be smaller"),
        (lambda: mc.bernoulli_threshold(0.7, 0.2, 0.5), ValueError, "false_alarm must be >= 1"),
        (lambda: mc.simulate_bernoulli_cusum([0.5, 0.5], 0.7, 0.2, 2.0, 3), ValueError, "p must be a scalar"),
        (lambda: mc.simulate_bernoulli_cusum(0.5, 0.7, 0.2, 2.0, 0), ValueError, "steps must be >= 1"),
        (lambda: mc.simulate_bernoulli_cusum(0.5, 0.7, 0.2, 2.0, 5, rng=-1), ValueError, "rng must be a non-negative"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_a_run_length_too_long_for_double_precision_is_refused_not_negative():
    # the Brook-Evans solve lost every digit past ~1e16 observations and returned -1.2e16 here
    with pytest.raises(ValueError, match="beyond what double precision solves accurately"):
        mc.bernoulli_run_length(0.2, 0.2, 0.3, 40.0)
    with pytest.raises(ValueError, match="probabilities"):
        mc.cusum_run_length([1, -1], [1e-300, 1.0], 3)
    # a false-alarm target within reach still finds its threshold, however long the runs beyond it
    h = mc.bernoulli_threshold(0.2, 0.3, 1e11)
    assert mc.bernoulli_run_length(0.2, 0.2, 0.3, h) >= 1e11


def test_huge_scores_do_not_overflow_the_lattice():
    # state + score wrapped around in int64: a jump past the threshold landed back at 0 (2.8 instead of 1.75)
    # from 0: alarm at once (1/2), else one step to 1 and the same again, else to 2: 1 + 1/2 + 1/4
    assert mc.cusum_run_length([2**63 - 1, 1], [0.5, 0.5], 3) == pytest.approx(1.75)
    assert mc.cusum_run_length([-(2**63), 1], [0.5, 0.5], 3) == pytest.approx(14.0)  # three +1 in a row: 2 + 4 + 8


def test_a_step_too_small_is_named_not_an_overflow_error():
    with pytest.raises(ValueError, match="step is too small"):
        mc.bernoulli_scores(0.2, 0.3, 1e-320)
    with pytest.raises(ValueError, match="threshold/step must be at most"):
        mc.simulate_bernoulli_cusum(0.2, 0.2, 0.3, 1e300, 10, step=1e-10, rng=0)
