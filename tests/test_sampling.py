"""mctools.sampling: multinomial counts that a last-bit change of the probabilities leaves alone."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

import mctools as mc


def nudged(p: np.ndarray, seed: int, ulps: int = 4) -> np.ndarray:
    """``p`` with every positive entry moved by a pseudo-random -ulps..ulps units in the last place:
    what another CPU's exp and log would have computed."""
    steps = np.random.default_rng(seed).integers(-ulps, ulps + 1, size=p.shape)
    out = p.copy()
    for _ in range(ulps):
        out = np.where(steps > 0, np.nextafter(out, 1.0), out)
        out = np.where(steps < 0, np.nextafter(out, 0.0), out)
        steps = steps - np.sign(steps)
    return np.where(p > 0, out, 0.0)


@st.composite
def probability_rows(draw):
    rows, classes = draw(st.integers(1, 5)), draw(st.integers(1, 8))
    weights = np.array(draw(st.lists(st.floats(0, 10), min_size=rows * classes, max_size=rows * classes)))
    weights = weights.reshape(rows, classes)
    weights[:, 0] += weights.sum(axis=1) == 0  # every row needs some mass
    return weights / weights.sum(axis=1, keepdims=True)


@given(probability_rows(), st.integers(0, 300), st.integers(0, 2**32))
def test_counts_sum_to_n_and_avoid_impossible_classes(p, n, seed):
    counts = mc.multinomial_counts(n, p, rng=seed)
    assert counts.shape == p.shape and counts.dtype == np.int64
    assert np.all(counts.sum(axis=-1) == n) and np.all(counts >= 0)
    assert not np.any(counts[p == 0]), "a class of probability 0 was drawn"


@given(probability_rows(), st.integers(0, 300), st.integers(0, 2**32))
def test_the_stream_consumed_does_not_depend_on_p(p, n, seed):
    gen, reference = np.random.default_rng(seed), np.random.default_rng(seed)
    mc.multinomial_counts(n, p, rng=gen)
    reference.random((p.shape[0], n))  # exactly n doubles per vector
    assert gen.bit_generator.state == reference.bit_generator.state


def test_leading_axes_are_replicates():
    p = np.full((2, 3, 4), 0.25)
    counts = mc.multinomial_counts(7, p, rng=1)
    assert counts.shape == (2, 3, 4)
    assert np.array_equal(counts.reshape(6, 4), mc.multinomial_counts(7, p.reshape(6, 4), rng=1))
    assert np.array_equal(mc.multinomial_counts(7, [1.0], rng=1), [7])


def test_the_joint_distribution_is_multinomial():
    # Every outcome of n = 4 draws from 3 classes, 40 000 times: chi-square against the exact
    # multinomial pmf. Accept at p-value 1e-3; the same counts tested against a p moved by 0.02
    # must be rejected at 1e-6, so the test can fail.
    p, n, draws = np.array([0.5, 0.3, 0.2]), 4, 40_000
    counts = mc.multinomial_counts(n, np.broadcast_to(p, (draws, 3)), rng=7)
    outcomes = [c for c in itertools.product(range(n + 1), repeat=3) if sum(c) == n]
    observed = np.array([np.all(counts == c, axis=1).sum() for c in outcomes])
    assert observed.sum() == draws

    def p_value(q):
        expected = draws * stats.multinomial.pmf(outcomes, n, q)
        return stats.chisquare(observed, expected).pvalue

    assert p_value(p) > 1e-3
    assert p_value(np.array([0.48, 0.32, 0.2])) < 1e-6


def test_moments_of_a_zipf_vocabulary():
    # The appendix's case: K = 50 Zipf weights, N = 200 tokens, 20 000 draws. Means within 4
    # standard errors of N p_k (50 tests); covariances within 5 standard errors of
    # N (diag p - p p^T) (2 500 tests, so that a false alarm stays below 1%), each standard error
    # estimated from the products of deviations themselves.
    rank = np.arange(1, 51)
    p = (1 / rank) / np.sum(1 / rank)
    replicates, n = 20_000, 200
    counts = mc.multinomial_counts(n, np.broadcast_to(p, (replicates, 50)), rng=11).astype(float)
    assert np.all(np.abs(counts.mean(axis=0) - n * p) < 4 * np.sqrt(n * p * (1 - p) / replicates))
    deviations = counts - counts.mean(axis=0)
    sample = deviations.T @ deviations / replicates
    se = np.sqrt(((deviations**2).T @ deviations**2 / replicates - sample**2) / replicates)
    assert np.all(np.abs(sample - n * (np.diag(p) - np.outer(p, p))) < 5 * se)


def test_a_last_bit_change_at_a_tie_moves_numpy_but_not_multinomial_counts():
    # Why multinomial_counts exists. Classes 1 and 2 tie, so numpy's binomial for class 1 gets
    # p_1 / (1 - p_0) = 1/2 exactly; one ulp more takes its other branch (n - inversion with
    # 1 - p), and the same uniform gives the two tied classes mirrored counts.
    p = np.array([0.5, 0.25, 0.25])
    moved = p.copy()
    moved[1] = np.nextafter(0.25, 1.0)

    def numpy_counts(q, seed):
        return np.random.default_rng(seed).multinomial(9, q)

    numpy_moved = [not np.array_equal(numpy_counts(p, seed), numpy_counts(moved, seed)) for seed in range(20)]
    assert sum(numpy_moved) >= 10  # mirrored counts: equal only when the tied classes split evenly
    for seed in range(20):
        assert np.array_equal(mc.multinomial_counts(9, p, rng=seed), mc.multinomial_counts(9, moved, rng=seed))


def test_a_resampling_chain_survives_last_bit_noise():
    # The appendix's chain (temper, then count), with every tempered probability moved by up to
    # 4 ulps each round: the same counts in every replicate and round. numpy's multinomial
    # takes another trajectory within a few rounds (book/appendix_free_energy.ipynb, the
    # temper-then-count exercise).
    rank = np.arange(1, 51)
    start = np.tile((1 / rank) / np.sum(1 / rank), (200, 1))
    paths = []
    for noise in (None, 1, 2):
        gen, p, path = np.random.default_rng(40), start, []
        for round_ in range(40):
            q = mc.temper(p, 1.5)
            if noise is not None:
                q = nudged(q, 1000 * noise + round_)
            counts = mc.multinomial_counts(200, q, rng=gen)
            path.append(counts)
            p = counts / 200
        paths.append(np.array(path))
    assert np.array_equal(paths[0], paths[1]) and np.array_equal(paths[0], paths[2])
