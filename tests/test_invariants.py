"""Property tests (hypothesis) for the invariants of each mechanism, across modules.

The unit test files hold the invariants of one function; this file holds those the issue
names for the course as a whole: distributions stay on the simplex, a neutral type's
frequency is a martingale (so it fixes with its initial frequency), tempering composes, and
allocations use exactly the capacity. Statistical properties are asserted within five
standard errors of the replicate mean, a false alarm rate below 1e-6 per example.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc

SEEDS = st.integers(0, 2**32 - 1)
finite_rewards = arrays(float, st.integers(1, 8), elements=st.floats(-1e12, 1e12))
temperatures = st.floats(1e-3, 1e3)


@st.composite
def distributions(draw, min_k=1, max_k=6, zeros=True):
    """Probability vectors, possibly with zero entries (lost modes)."""
    low = 0.0 if zeros else 1e-3
    weights = draw(arrays(float, st.integers(min_k, max_k), elements=st.floats(low, 1.0)).filter(lambda w: w.sum() > 0))
    return weights / weights.sum()


def assert_on_simplex(p, atol=1e-9):
    p = np.asarray(p)
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=atol)


# --- distributions stay on the simplex ---------------------------------------------------


@given(finite_rewards, temperatures)
def test_softmax_of_any_finite_rewards_is_a_distribution(rewards, temperature):
    assert_on_simplex(mc.softmax(rewards, temperature))


@given(distributions(), temperatures)
def test_tempering_keeps_lost_modes_lost_and_stays_on_the_simplex(p, temperature):
    q = mc.temper(p, temperature)
    assert_on_simplex(q)
    assert np.all(q[p == 0] == 0)  # (a tiny mode may underflow to 0 too: p^(1/T) < 1e-308)


@given(arrays(float, st.tuples(st.integers(1, 3), st.integers(1, 5)), elements=st.floats(-50, 50)), st.floats(0, 5))
def test_choice_probabilities_are_distributions(values, temperature):
    assert_on_simplex(mc.choice_probabilities(values, temperature))


@given(arrays(float, st.integers(2, 12), elements=st.floats(-5, 5)), st.floats(0.01, 10))
def test_metropolis_rows_are_distributions_and_boltzmann_is_stationary(rewards, temperature):
    matrix = mc.metropolis_matrix(rewards, temperature)
    assert_on_simplex(matrix)
    boltzmann = mc.softmax(rewards, temperature)
    np.testing.assert_allclose(boltzmann @ matrix, boltzmann, atol=1e-12)


@settings(max_examples=30)
@given(distributions(min_k=2), st.integers(1, 50), st.integers(0, 30), st.floats(0, 1), SEEDS)
def test_wright_fisher_stays_on_the_simplex(p0, population, generations, mutation, seed):
    assert_on_simplex(mc.wright_fisher(p0, population, generations, replicates=3, mutation=mutation, rng=seed))


# --- a neutral frequency is a martingale ------------------------------------------------


@settings(max_examples=25)
@given(st.floats(0.05, 0.95), st.integers(2, 60), st.integers(1, 40), SEEDS)
def test_wright_fisher_frequency_is_a_martingale(p, population, generations, seed):
    """E[p_t] = p_0 at every t, whether or not the type has fixed yet."""
    replicates = 4000
    history = mc.wright_fisher([p, 1 - p], population, generations, replicates=replicates, rng=seed)[..., 0]
    sd = np.sqrt(p * (1 - p))  # the largest the spread of p_t can get (fixation at 0 or 1)
    assert np.all(np.abs(history.mean(axis=0) - p) <= 5 * sd / np.sqrt(replicates))


@settings(max_examples=25)
@given(st.integers(1, 10), st.integers(1, 10), st.integers(1, 60), SEEDS)
def test_polya_urn_share_is_a_martingale(red, blue, draws, seed):
    """With linear feedback (exponent 1) the expected share never moves from its start."""
    replicates = 4000
    shares = mc.polya_urn((red, blue), draws, replicates=replicates, rng=seed)
    p = red / (red + blue)
    assert np.all(np.abs(shares.mean(axis=0) - p) <= 5 * np.sqrt(p * (1 - p) / replicates))


# --- tempering composes -------------------------------------------------------------------


@given(distributions(), st.floats(0.05, 20), st.floats(0.05, 20))
def test_temper_composes(p, a, b):
    np.testing.assert_allclose(mc.temper(mc.temper(p, a), b), mc.temper(p, a * b), rtol=1e-6, atol=1e-12)


logit_vectors = arrays(float, st.integers(2, 6), elements=st.floats(-20, 0))


@given(logit_vectors, st.floats(0.5, 2), st.integers(0, 20), st.integers(0, 20))
def test_retraining_composes_and_is_undone(logits, temperature, first, then):
    """m generations then n generations is m + n generations; recover_logits undoes them."""
    both = mc.retrain_logits(logits, temperature, first + then)[-1]
    stepwise = mc.retrain_logits(mc.retrain_logits(logits, temperature, first)[-1], temperature, then)[-1]
    np.testing.assert_allclose(stepwise, both, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(
        mc.softmax(mc.recover_logits(both, temperature, first + then)), mc.softmax(logits), rtol=1e-6, atol=1e-12
    )


@given(logit_vectors, st.floats(0.05, 20), st.floats(0.05, 20))
def test_temper_logits_composes_and_agrees_with_temper(logits, a, b):
    twice = mc.temper_logits(mc.temper_logits(logits, a), b)
    np.testing.assert_allclose(twice, mc.temper_logits(logits, a * b), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(np.exp(twice), mc.temper(mc.softmax(logits), a * b), rtol=1e-6, atol=1e-12)


# --- allocations use exactly the capacity ------------------------------------------------


weight_rows = arrays(float, st.tuples(st.integers(1, 3), st.integers(1, 6)), elements=st.floats(1e-12, 1))


@pytest.mark.parametrize("quality", ["log", "exp", np.sqrt])
@settings(max_examples=15)  # np.sqrt runs the numeric solver (~0.5 s an example)
@given(weight_rows, st.floats(1e-2, 1e2))
def test_allocation_sums_to_capacity_row_by_row(quality, weights, capacity):
    frequencies = weights / weights.sum(axis=-1, keepdims=True)
    allocation = mc.optimal_allocation(frequencies, capacity, quality)
    assert allocation.shape == frequencies.shape and np.all(allocation >= 0)
    np.testing.assert_allclose(allocation.sum(axis=-1), capacity, rtol=1e-9)
