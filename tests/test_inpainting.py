"""mctools.lowrank and mctools.inpainting: PPCA class models, rank budgets, conditionals,
calibrated posteriors, the three decision rules and the generation loop (chapter 2)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

import mctools as mc

SEEDS = st.integers(0, 2**32 - 1)


def toy(seed=0, n=40, d=6, shift=1.5):
    """Two classes of n/2 correlated Gaussian pictures each, means `shift` apart."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(d, d))
    labels = np.arange(n) % 2
    pictures = rng.normal(size=(n, d)) @ mixing + shift * labels[:, None]
    return pictures, labels


def random_spd(rng, d):
    factor = rng.normal(size=(d, d))
    return factor @ factor.T + 0.5 * np.eye(d)


# --- PPCA --------------------------------------------------------------------------------


def test_fitted_likelihood_is_the_closed_form_and_the_direct_density():
    pictures, labels = toy(1, n=60)
    models = mc.fit_class_models(pictures, labels, classes=2, budget=4)
    for k in range(2):
        mine = pictures[labels == k]
        direct = stats.multivariate_normal(models.means[k], models.covariances[k]).logpdf(mine).mean()
        spectrum = np.clip(np.linalg.eigvalsh(np.cov(mine, rowvar=False, bias=True)), 0, None)
        np.testing.assert_allclose(models.log_likelihood[k], direct, rtol=1e-10)
        np.testing.assert_allclose(mc.ppca_log_likelihood(spectrum, models.ranks[k]), direct, rtol=1e-10)


def test_model_keeps_the_top_eigenvalues_and_averages_the_rest():
    pictures, labels = toy(2, n=80)
    models = mc.fit_class_models(pictures, labels, classes=2, budget=5)
    for k in range(2):
        sample = np.sort(np.linalg.eigvalsh(np.cov(pictures[labels == k], rowvar=False, bias=True)))[::-1]
        model = np.sort(np.linalg.eigvalsh(models.covariances[k]))[::-1]
        r = models.ranks[k]
        np.testing.assert_allclose(model[:r], sample[:r], rtol=1e-9)
        np.testing.assert_allclose(model[r:], sample[r:].mean(), rtol=1e-9)
        np.testing.assert_allclose(models.noise[k], sample[r:].mean(), rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(arrays(float, st.integers(3, 12), elements=st.floats(0.01, 100.0)), st.data())
def test_a_rank_never_lowers_the_likelihood(eigenvalues, data):
    rank = data.draw(st.integers(0, eigenvalues.size - 2))
    low, high = mc.ppca_log_likelihood(eigenvalues, [rank, rank + 1])
    assert high >= low - 1e-9 * abs(low)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 3), st.integers(0, 6), SEEDS)
def test_allocation_is_the_best_of_every_split(classes, budget, seed):
    """Also for returns that are not concave: the dynamic programme is exact."""
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet(np.ones(classes))
    table = np.cumsum(rng.normal(0.5, 1.0, (classes, budget + 1)), axis=1)
    ranks = mc.allocate_ranks(shares, table, budget)
    assert ranks.sum() == budget and np.all(ranks >= 0)
    best = max(
        shares @ table[np.arange(classes), split]
        for split in itertools.product(range(budget + 1), repeat=classes)
        if sum(split) == budget
    )
    assert shares @ table[np.arange(classes), ranks] == pytest.approx(best, rel=1e-12, abs=1e-12)


def test_allocation_follows_the_shares():
    pictures, labels = toy(3, n=120)
    table = np.stack(
        [
            mc.ppca_log_likelihood(np.linalg.eigvalsh(np.cov(pictures[labels == k], rowvar=False)), np.arange(6))
            for k in range(2)
        ]
    )
    ranks = [mc.allocate_ranks([p, 1 - p], table, 5)[0] for p in (0.1, 0.5, 0.9)]
    assert ranks[0] <= ranks[1] <= ranks[2] and ranks[0] < ranks[2]


def test_a_class_without_pictures_gets_no_rank_and_a_floor_covariance():
    pictures, _ = toy(4)
    models = mc.fit_class_models(pictures, np.zeros(len(pictures), int), classes=3, budget=3, noise_floor=0.5)
    assert models.ranks.tolist() == [3, 0, 0] and models.shares.tolist() == [1.0, 0.0, 0.0]
    np.testing.assert_allclose(models.covariances[1], 0.5 * np.eye(pictures.shape[1]))


# --- the conditional Gaussian --------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 7), SEEDS)
def test_conditional_is_the_schur_complement(d, seed):
    rng = np.random.default_rng(seed)
    pictures, labels = rng.normal(size=(30, d)) @ random_spd(rng, d), np.arange(30) % 2
    models = mc.fit_class_models(pictures, labels, classes=2, budget=2)
    visible = rng.permutation(np.arange(d) < rng.integers(1, d))
    gain, cov = mc.conditional_gaussian(models, visible)
    v, h = visible, ~visible
    for k in range(2):
        c = models.covariances[k]
        expected_gain = c[np.ix_(h, v)] @ np.linalg.inv(c[np.ix_(v, v)])
        np.testing.assert_allclose(gain[k], expected_gain, rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(cov[k], c[np.ix_(h, h)] - expected_gain @ c[np.ix_(v, h)], rtol=1e-7, atol=1e-9)
        assert np.all(np.linalg.eigvalsh(cov[k]) > 0)


def test_inpainting_keeps_the_visible_pixels_and_draws_the_conditional():
    pictures, labels = toy(5, n=60)
    models = mc.fit_class_models(pictures, labels, classes=2, budget=3)
    visible = np.array([True, True, False, False, True, False])
    prompt = np.broadcast_to(pictures[0], (20_000, 6))
    drawn = mc.inpaint(models, prompt, visible, np.ones(20_000, int), rng=1)
    np.testing.assert_array_equal(drawn[:, visible], prompt[:, visible])
    gain, cov = mc.conditional_gaussian(models, visible)
    mean = models.means[1, ~visible] + gain[1] @ (pictures[0, visible] - models.means[1, visible])
    se = np.sqrt(np.diag(cov[1]) / 20_000)
    assert np.all(np.abs(drawn[:, ~visible].mean(axis=0) - mean) < 5 * se)  # 5 standard errors
    np.testing.assert_allclose(np.cov(drawn[:, ~visible], rowvar=False), cov[1], rtol=0.05, atol=0.05 * cov[1].max())


# --- posterior and calibration -------------------------------------------------------------


def chapter1_data(n, share, separation, seed):
    """Chapter 1's signal: x ~ N(+d/2, 1) for class 0 (share pi), N(-d/2, 1) for class 1."""
    rng = np.random.default_rng(seed)
    labels = (rng.random(n) >= share).astype(int)
    x = np.where(labels == 0, separation / 2, -separation / 2) + rng.standard_normal(n)
    ll = np.stack([stats.norm.logpdf(x, separation / 2), stats.norm.logpdf(x, -separation / 2)], axis=-1)
    return ll, labels


@pytest.mark.parametrize("scale", [0.25, 1.0, 4.0])
def test_calibration_recovers_the_temperature(scale):
    ll, labels = chapter1_data(40_000, 0.7, 1.5, seed=3)
    temperature, bias = mc.calibrate_posterior(scale * ll, labels, [0.7, 0.3])
    assert temperature == pytest.approx(scale, rel=0.05)  # about 4 standard errors at n = 40 000
    assert abs(bias[1]) < 0.05 and bias[0] == 0


@settings(max_examples=25, deadline=None)
@given(st.floats(0.2, 0.8), st.floats(0.3, 3.0), st.floats(0.2, 5.0), SEEDS)
def test_score_equations_hold_at_the_calibrated_posterior(share, separation, scale, seed):
    ll, labels = chapter1_data(400, share, separation, seed)
    shares = np.bincount(labels, minlength=2) / labels.size
    if np.any(shares == 0):
        return
    temperature, bias = mc.calibrate_posterior(scale * ll, labels, shares)
    rho = mc.class_posterior(scale * ll, shares, temperature, bias)
    np.testing.assert_allclose(rho.sum(axis=0), np.bincount(labels, minlength=2), atol=1e-6)
    np.testing.assert_allclose(
        np.sum(rho * scale * ll), np.sum(scale * ll[np.arange(labels.size), labels]), rtol=1e-7, atol=1e-6
    )


def test_separated_labels_get_their_own_class_with_certainty():
    """Labels the log-likelihoods separate have no finite calibration: it stops at a sure posterior."""
    ll, labels = chapter1_data(400, 0.7, 12.0, 3)  # classes 12 standard deviations apart
    assert np.array_equal(np.argmax(ll, axis=1), labels), "the case must be separable"
    shares = np.bincount(labels, minlength=2) / labels.size
    temperature, bias = mc.calibrate_posterior(ll, labels, shares)
    rho = mc.class_posterior(ll, shares, temperature, bias)
    own = rho[np.arange(labels.size), labels]
    assert -np.log(own).sum() < 1e-8  # the NLL the calibration stops at (1e-9) and rounding
    np.testing.assert_allclose(rho.sum(axis=0), np.bincount(labels, minlength=2), atol=1e-6)


def test_posterior_is_a_distribution_and_a_lost_class_stays_lost():
    ll, _ = chapter1_data(50, 0.5, 1.0, 0)
    rho = mc.class_posterior(np.column_stack([ll, ll[:, :1]]), [0.5, 0.5, 0.0], 2.0, [0.0, 1.0, 5.0])
    np.testing.assert_allclose(rho.sum(axis=-1), 1.0)
    assert np.all(rho[:, 2] == 0)


def test_the_three_rules():
    rho = np.array([[0.6, 0.4], [0.45, 0.55], [0.3, 0.7]])
    assert mc.decide_class(rho, policy="map").tolist() == [0, 1, 1]
    assert mc.decide_class(rho, [1.0, 1.5], "quality").tolist() == [1, 1, 1]  # 0.6 < 0.4 * 1.5
    assert mc.decide_class(rho, [[2.0, 1.0], [1.0, 1.0], [1.0, 1.0]], "quality").tolist() == [0, 1, 1]
    many = mc.decide_class(np.broadcast_to(rho, (20_000, 3, 2)), policy="sample", rng=4)
    se = np.sqrt(rho[:, 1] * rho[:, 0] / 20_000)
    assert np.all(np.abs(many.mean(axis=0) - rho[:, 1]) < 5 * se)


# --- generations ---------------------------------------------------------------------------


def test_cross_fitted_sampler_is_neutral_on_average():
    """The mean calibrated posterior is the share, so E[share after one generation] = share."""
    pictures, labels = toy(6, n=40, shift=1.0)
    labels = np.where(np.arange(40) < 28, 0, 1)  # 70:30
    posterior, quality, temperature, _ = mc.cross_fitted_posterior(
        pictures, labels, np.arange(6) < 2, classes=2, budget=2
    )
    np.testing.assert_allclose(posterior.mean(axis=0), [0.7, 0.3], atol=1e-8)
    assert np.all(quality > 0) and temperature > 0
    run = mc.inpainting_generations(
        pictures, labels, np.arange(6) < 2, classes=2, budget=2, generations=1, policy="sample", replicates=400, rng=8
    )
    shares = run.shares[:, 1, 0]
    assert abs(shares.mean() - 0.7) < 4 * shares.std() / np.sqrt(400)  # 4 standard errors


def test_generations_are_reproducible_and_recorded():
    pictures, labels = toy(7)
    kwargs = dict(classes=2, budget=2, generations=3, policy="quality", replicates=3)
    one = mc.inpainting_generations(pictures, labels, np.arange(6) < 3, rng=5, **kwargs)
    two = mc.inpainting_generations(pictures, labels, np.arange(6) < 3, rng=5, **kwargs)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(one.shares.sum(axis=-1), 1.0)
    np.testing.assert_array_equal(one.pictures[0], pictures)
    np.testing.assert_array_equal(one.pictures[:, :, :3], np.broadcast_to(pictures[:, :3], (4, 40, 3)))
    assert one.shares.shape == (3, 4, 2) and one.quality.shape == (3, 4, 2) and one.temperature.shape == (3, 4)


def test_only_fresh_data_revives_a_lost_class():
    pictures, labels = toy(8)
    alone = np.zeros(40, int)
    kwargs = dict(classes=2, budget=2, generations=3, policy="sample", replicates=2, rng=1)
    lost = mc.inpainting_generations(pictures, alone, np.arange(6) < 3, **kwargs)
    assert np.all(lost.shares[:, :, 1] == 0)
    revived = mc.inpainting_generations(
        pictures, alone, np.arange(6) < 3, fresh_fraction=0.5, fresh_pictures=pictures, fresh_labels=labels, **kwargs
    )
    assert np.all(revived.shares[:, 1:, 1] > 0)
    everything_fresh = mc.inpainting_generations(
        pictures, alone, np.arange(6) < 3, fresh_fraction=1.0, fresh_pictures=pictures, fresh_labels=labels, **kwargs
    )
    assert np.all(np.abs(everything_fresh.shares[:, 1:, 1] - 0.5) < 0.4)


def test_fresh_data_needs_a_pool():
    pictures, labels = toy(9)
    with pytest.raises(ValueError, match="fresh_pictures"):
        mc.inpainting_generations(
            pictures, labels, np.arange(6) < 3, classes=2, budget=2, generations=1, fresh_fraction=0.2
        )


def test_the_digits_are_scikit_learns():
    """mctools.load_digits reads scikit-learn's own file: the same pictures and labels, exactly."""
    from sklearn.datasets import load_digits

    pictures, labels = mc.load_digits()
    expected_pictures, expected_labels = load_digits(return_X_y=True)
    np.testing.assert_array_equal(pictures, expected_pictures)
    np.testing.assert_array_equal(labels, expected_labels)
    assert pictures.shape == (1797, 64) and labels.dtype.kind == "i"
