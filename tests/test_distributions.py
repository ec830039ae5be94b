"""Distributions: entropy, KL, softmax and tempering, with their invariants."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc

positive = st.floats(min_value=1e-6, max_value=1e3, allow_nan=False)
temperatures = st.floats(min_value=0.05, max_value=20.0)


@st.composite
def distributions(draw, min_k=2, max_k=8):
    weights = draw(arrays(float, st.integers(min_k, max_k), elements=positive))
    return weights / weights.sum()


def test_entropy_of_uniform_is_log_k():
    assert mc.entropy(np.full(4, 0.25)) == pytest.approx(np.log(4))
    assert mc.entropy([1.0, 0.0]) == 0.0


def test_kl_is_infinite_when_a_used_mode_is_lost():
    assert mc.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert mc.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))


@given(distributions(), temperatures)
def test_softmax_and_temper_return_distributions(p, t):
    for q in (mc.temper(p, t), mc.softmax(np.log(p), t)):
        assert np.all(q >= 0)
        assert q.sum() == pytest.approx(1.0)


@given(distributions(), temperatures, temperatures)
def test_tempering_composes(p, a, b):
    np.testing.assert_allclose(mc.temper(mc.temper(p, a), b), mc.temper(p, a * b), rtol=1e-6, atol=1e-12)


@given(distributions(), temperatures)
def test_tempering_is_softmax_of_log_probabilities(p, t):
    np.testing.assert_allclose(mc.temper(p, t), mc.softmax(np.log(p), t), rtol=1e-9, atol=1e-15)


@given(distributions(), temperatures)
def test_entropy_is_monotone_in_temperature(p, t):
    # Sharpening (T < 1) never raises entropy; flattening never lowers it.
    assert mc.entropy(mc.temper(p, min(t, 1.0))) <= mc.entropy(p) + 1e-9
    assert mc.entropy(mc.temper(p, max(t, 1.0))) >= mc.entropy(p) - 1e-9


@given(distributions(), distributions())
def test_kl_is_non_negative(p, q):
    if p.shape == q.shape:
        assert mc.kl_divergence(p, q) >= -1e-12


def test_extreme_temperatures_stay_finite():
    p = np.array([0.6, 0.3, 0.1])
    np.testing.assert_allclose(mc.temper(p, 1e-3), [1.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(mc.temper(p, 1e6), np.full(3, 1 / 3), atol=1e-6)
    np.testing.assert_allclose(mc.softmax([1e6, -1e6, 0.0]), [1.0, 0.0, 0.0])


def test_lost_modes_stay_lost():
    assert mc.temper([0.0, 0.5, 0.5], 100.0)[0] == 0.0


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.entropy([0.5, 0.6]), ValueError, "p must sum to 1"),
        (lambda: mc.entropy([1.5, -0.5]), ValueError, "p must be >= 0"),
        (lambda: mc.entropy([np.nan, 1.0]), ValueError, "p must be finite"),
        (lambda: mc.entropy([]), ValueError, "p must not be empty"),
        (lambda: mc.entropy("ab"), TypeError, "p must contain real numbers"),
        (lambda: mc.temper([0.5, 0.5], 0.0), ValueError, "temperature must be > 0"),
        (lambda: mc.temper([0.5, 0.5], -1), ValueError, "temperature must be > 0"),
        (lambda: mc.temper([0.5, 0.5], np.inf), ValueError, "temperature must be finite"),
        (lambda: mc.softmax([1.0, 2.0], "hot"), TypeError, "temperature must be a real number"),
        (lambda: mc.softmax(3.0), ValueError, "rewards must have at least 1 dimension"),
        (lambda: mc.kl_divergence([0.5, 0.5], [1 / 3] * 3), ValueError, "p, q must broadcast together"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
