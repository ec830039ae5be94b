"""Wright–Fisher resampling: invariants, its exact moments, memory, and argument checks."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mctools as mc


@st.composite
def compositions(draw, max_types=6):
    """A probability vector of 1..max_types entries, some possibly zero."""
    weights = draw(st.lists(st.integers(0, 5), min_size=1, max_size=max_types).filter(any))
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def homozygosity(p):
    return np.sum(p**2, axis=-1)


@given(compositions(), st.integers(1, 40), st.integers(0, 12), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_frequencies_are_distributions_in_steps_of_one_over_n(p0, n, generations, u, seed):
    out = mc.wright_fisher(p0, n, generations, replicates=3, mutation=u, rng=seed)
    assert out.shape == (3, generations + 1, p0.size)
    np.testing.assert_array_equal(out[:, 0], np.broadcast_to(p0, (3, p0.size)))
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, atol=1e-12)
    counts = out[:, 1:] * n
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)
    assert np.all(out >= 0)


@given(compositions(), st.integers(1, 30), st.integers(1, 20), st.integers(0, 2**32 - 1))
def test_without_mutation_a_lost_type_never_returns(p0, n, generations, seed):
    out = mc.wright_fisher(p0, n, generations, replicates=4, rng=seed)
    lost = out[:, :-1] == 0
    assert np.all(out[:, 1:][lost] == 0)
    fixed = out[:, :-1] == 1
    assert np.all(out[:, 1:][fixed] == 1)


@given(compositions(), st.integers(1, 30), st.integers(1, 30), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_recording_every_r_generations_is_a_subsample_of_the_full_history(p0, n, generations, r, seed):
    r = min(r, generations)
    full = mc.wright_fisher(p0, n, generations, replicates=2, mutation=0.05, rng=seed)
    sparse = mc.wright_fisher(p0, n, generations, replicates=2, mutation=0.05, record_every=r, rng=seed)
    assert sparse.shape == (2, generations // r + 1, p0.size)
    np.testing.assert_array_equal(sparse, full[:, np.arange(0, generations + 1, r)])


def test_per_replicate_starts():
    p0 = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    out = mc.wright_fisher(p0, 10, 5, replicates=3, rng=0)
    np.testing.assert_array_equal(out[0, -1], [1.0, 0.0])
    np.testing.assert_array_equal(out[1, -1], [0.0, 1.0])


def test_seeded_runs_repeat():
    a = mc.wright_fisher([0.3, 0.7], 20, 10, replicates=5, rng=3)
    b = mc.wright_fisher([0.3, 0.7], 20, 10, replicates=5, rng=np.random.default_rng(3))
    c = mc.wright_fisher([0.3, 0.7], 20, 10, replicates=5, rng=4)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_fixation_probability_equals_initial_frequency():
    n, replicates, p = 20, 6000, 0.3
    end = mc.wright_fisher([p, 1 - p], n, 400, replicates=replicates, record_every=400, rng=11)[:, -1, 0]
    assert np.all((end == 0) | (end == 1))  # absorbed: H_400 = H_0 (1 - 1/20)^400 ~ 1e-9
    se = np.sqrt(p * (1 - p) / replicates)
    assert abs(end.mean() - p) < 4 * se  # 4 standard errors


def test_heterozygosity_decays_as_one_minus_one_over_n_to_the_t():
    n, replicates, p0 = 25, 4000, np.array([0.2, 0.3, 0.5])
    out = mc.wright_fisher(p0, n, 40, replicates=replicates, record_every=10, rng=5)
    h = 1 - homozygosity(out)
    theory = (1 - homozygosity(p0)) * (1 - 1 / n) ** np.arange(0, 41, 10)
    se = h.std(axis=0) / np.sqrt(replicates)
    assert np.all(np.abs(h.mean(axis=0) - theory) <= 4 * se + 1e-12)  # 4 standard errors


def test_k_allele_recursion_for_expected_homozygosity():
    # E[F'] = (1 - 1/N)[(1 - u)^2 F + (1 - (1 - u)^2)/K] + 1/N, exactly (see chapter 7).
    n, u, k, replicates, generations = 30, 0.02, 4, 4000, 60
    out = mc.wright_fisher(np.eye(k)[0], n, generations, replicates=replicates, mutation=u, record_every=20, rng=6)
    keep = (1 - 1 / n) * (1 - u) ** 2
    f_star = ((1 - 1 / n) * (1 - (1 - u) ** 2) / k + 1 / n) / (1 - keep)
    theory = f_star + (1.0 - f_star) * keep ** np.arange(0, generations + 1, 20)
    f = homozygosity(out)
    se = f.std(axis=0) / np.sqrt(replicates)
    assert np.all(np.abs(f.mean(axis=0) - theory) <= 4 * se + 1e-12)  # 4 standard errors


def test_mutation_one_resamples_uniformly():
    out = mc.wright_fisher([1.0, 0.0, 0.0, 0.0], 50, 1, replicates=4000, mutation=1.0, rng=2)
    np.testing.assert_allclose(out[:, 1].mean(axis=0), 0.25, atol=4 * np.sqrt(0.25 * 0.75 / 50 / 4000))


def test_single_type_and_single_individual():
    np.testing.assert_array_equal(mc.wright_fisher([1.0], 5, 3), np.ones((1, 4, 1)))
    one = mc.wright_fisher([0.5, 0.5], 1, 3, replicates=10, rng=0)
    assert np.all((one[:, 1:] == 0) | (one[:, 1:] == 1))


def test_zero_generations_returns_the_start():
    out = mc.wright_fisher([0.5, 0.5], 10, 0, replicates=2, record_every=7)
    assert out.shape == (2, 1, 2)


def _peak_bytes(generations: int) -> int:
    tracemalloc.start()
    try:
        mc.wright_fisher(np.full(20, 0.05), 100, generations, replicates=200, record_every=generations, rng=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_generations_when_only_the_end_is_recorded():
    short, long = _peak_bytes(50), _peak_bytes(2000)
    state = 200 * 20 * 8  # one (replicates, K) float array
    assert long < 1.25 * short + state  # no per-generation storage
    assert long < 40 * state  # a full history would take 2001 states


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.wright_fisher([0.5, 0.6], 10, 5), ValueError, "p0 must sum to 1"),
        (lambda: mc.wright_fisher([-0.5, 1.5], 10, 5), ValueError, "p0 must be >= 0"),
        (lambda: mc.wright_fisher([[[1.0]]], 10, 5), ValueError, "p0 must have shape"),
        (
            lambda: mc.wright_fisher([[1.0, 0.0]] * 2, 10, 5, replicates=3),
            ValueError,
            "p0 must be a scalar or have shape \\(replicates, None\\) = \\(3, any\\)",
        ),
        (lambda: mc.wright_fisher("ab", 10, 5), TypeError, "p0 must contain real numbers"),
        (lambda: mc.wright_fisher([1.0], 0, 5), ValueError, "population must be >= 1"),
        (lambda: mc.wright_fisher([1.0], 10.0, 5), TypeError, "population must be an integer"),
        (lambda: mc.wright_fisher([1.0], 10, -1), ValueError, "generations must be >= 0"),
        (lambda: mc.wright_fisher([1.0], 10, 5, replicates=0), ValueError, "replicates must be >= 1"),
        (lambda: mc.wright_fisher([1.0], 10, 5, mutation=1.5), ValueError, "mutation must be <= 1"),
        (lambda: mc.wright_fisher([1.0], 10, 5, mutation=-0.1), ValueError, "mutation must be >= 0"),
        (lambda: mc.wright_fisher([1.0], 10, 5, mutation=np.nan), ValueError, "mutation must be finite"),
        (lambda: mc.wright_fisher([1.0], 10, 5, record_every=0), ValueError, "record_every must be >= 1"),
        (lambda: mc.wright_fisher([1.0], 10, 5, record_every=6), ValueError, "record_every must be <= generations"),
        (lambda: mc.wright_fisher([1.0], 10, 5, record_every=2.0), TypeError, "record_every must be an integer"),
        (lambda: mc.wright_fisher([1.0], 10, 5, rng="seed"), TypeError, "rng must be None"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
