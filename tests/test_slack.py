"""Learning curves, shortfalls, savings needed and break-even times, against their integrals."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize

import mctools as mc

payoffs = st.floats(0.5, 5.0)
timescales = st.floats(0.2, 5.0)
fractions = st.floats(0.05, 0.95)


@settings(max_examples=50, deadline=None)
@given(payoffs, timescales, fractions, st.floats(0.0, 0.9))
def test_savings_needed_is_the_integrated_shortfall(b, tau, r_frac, start_frac):
    b0 = start_frac * b
    requirement = b0 + r_frac * (b - b0)
    needed = float(mc.savings_needed(requirement, b, tau, start=b0))
    t_r = float(mc.time_to_reach(requirement, b, tau, start=b0))
    assert float(mc.learning_curve(t_r, b, tau, start=b0)) == pytest.approx(requirement, rel=1e-10)
    shortfall = integrate.quad(lambda t: requirement - mc.learning_curve(t, b, tau, start=b0), 0.0, t_r)[0]
    assert needed == pytest.approx(shortfall, rel=1e-8, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(payoffs, timescales, fractions, st.floats(0.0, 0.9))
def test_break_even_time_solves_its_equation(b, tau, a_frac, start_frac):
    b0 = start_frac * b
    a = b0 + a_frac * (b - b0)
    t_star = float(mc.break_even_time(a, b, tau, start=b0))

    def ahead(t):
        return integrate.quad(lambda s: mc.learning_curve(s, b, tau, start=b0) - a, 0.0, t)[0]

    assert t_star > 0
    assert abs(ahead(t_star)) < 1e-8 * max(1.0, a * t_star)
    assert ahead(0.5 * t_star) < 0  # behind before break-even


def test_savings_path_agrees_with_the_closed_forms():
    needed = float(mc.savings_needed(0.8, 1.5, 2.0))
    t, w = mc.savings_path([0.0, needed], 0.8, 1.5, 2.0, 10.0, steps=4000)
    assert t.shape == (4001,) and w.shape == (2, 4001)
    assert w[0].min() == pytest.approx(-needed, abs=1e-6)
    assert w[1].min() > -1e-6
    assert t[np.argmin(w[0])] == pytest.approx(float(mc.time_to_reach(0.8, 1.5, 2.0)), abs=0.01)


def test_edge_cases():
    assert mc.savings_needed(0.0, 1.0, 1.0) == 0.0
    assert mc.savings_needed(1.0, 1.0, 1.0) == np.inf
    assert mc.savings_needed(0.2, 1.0, 1.0, start=0.5) == 0.0
    assert mc.break_even_time(2.0, 1.0, 1.0) == np.inf
    assert mc.break_even_time(0.3, 1.0, 1.0, start=0.5) == 0.0
    np.testing.assert_array_equal(mc.time_to_reach([0.0, 1.0, 2.0], 1.0, 1.0), [0.0, np.inf, np.inf])
    assert mc.learning_curve(0.0, 2.0, 1.0, start=0.5) == 0.5


def test_learning_from_zero_matches_the_chapter():
    # b = 1.5, tau = 2, R = 0.8, a = 1: the chapter's numbers
    assert float(mc.savings_needed(0.8, 1.5, 2.0)) == pytest.approx(2 * (0.8 - 0.7 * np.log(1.5 / 0.7)))
    ahead = lambda t: 1.5 * t - 1.5 * 2 * (1 - np.exp(-t / 2)) - t  # noqa: E731
    assert float(mc.break_even_time(1.0, 1.5, 2.0)) == pytest.approx(optimize.brentq(ahead, 1.0, 20.0))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.learning_curve(-1.0, 1.0, 1.0), ValueError, "t must be >= 0"),
        (lambda: mc.learning_curve(1.0, 0.0, 1.0), ValueError, "payoff must be > 0"),
        (lambda: mc.learning_curve(1.0, 1.0, 0.0), ValueError, "timescale must be > 0"),
        (lambda: mc.learning_curve(1.0, 1.0, 1.0, start=2.0), ValueError, "start must be <= payoff"),
        (lambda: mc.learning_curve(1.0, "1", 1.0), TypeError, "payoff must be a real number"),
        (lambda: mc.time_to_reach(-0.1, 1.0, 1.0), ValueError, "level must be >= 0"),
        (lambda: mc.savings_needed([0.5, np.nan], 1.0, 1.0), ValueError, "requirement must be finite"),
        (lambda: mc.break_even_time(-1.0, 1.0, 1.0), ValueError, "old_payoff must be >= 0"),
        (lambda: mc.savings_path(0.0, -1.0, 1.0, 1.0, 5.0), ValueError, "requirement must be >= 0"),
        (lambda: mc.savings_path(0.0, 0.5, 1.0, 1.0, 0.0), ValueError, "horizon must be > 0"),
        (lambda: mc.savings_path(0.0, 0.5, 1.0, 1.0, 5.0, steps=0), ValueError, "steps must be >= 1"),
        (lambda: mc.savings_path("lots", 0.5, 1.0, 1.0, 5.0), TypeError, "savings must contain real numbers"),
    ],
)
def test_bad_inputs_name_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_closed_forms_near_the_start_of_the_curve_keep_their_sign_and_digits():
    # the closed forms cancel there: W* came out negative (-1e-17 at R = 1e-8) and t* wrong (x6 at 1e-9) or NaN
    x = np.array([1e-4, 1e-8, 1e-10, 1e-15])
    np.testing.assert_allclose(mc.savings_needed(x, 1.0, 1.0), x**2 / 2 + x**3 / 6 + x**4 / 12, rtol=1e-12)
    np.testing.assert_allclose(mc.break_even_time(x, 1.0, 1.0), 2 * x + 4 / 3 * x**2 + 10 / 9 * x**3, rtol=1e-12)
    np.testing.assert_allclose(mc.break_even_time(1e-300, 1e-290, 1.0), 2e-10, rtol=1e-9)


def test_a_flat_curve_gives_no_warning():
    # start = payoff: 0/0 in the unused branch of savings_needed and break_even_time warned
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(mc.savings_needed([0.5, 1.0], 1.0, 1.0, start=1.0), [0.0, np.inf])
        np.testing.assert_array_equal(mc.break_even_time([0.5, 1.0], 1.0, 1.0, start=1.0), [0.0, np.inf])
        np.testing.assert_array_equal(mc.learning_curve([1e308], 1.0, 0.5), [1.0])
