"""gaussian_refit with real data in every generation: fresh (Bertrand et al.) or reused (Alemohammad et al.)."""

import hashlib

import numpy as np
import pytest

import mctools as mc

# sha256 of mu and sigma from gaussian_refit(7, 12, replicates=5, rng=11, **kw) before fresh_fraction
# existed: fresh_fraction=0 must draw and compute exactly what it did.
STREAM = {
    (): "2046df9aa6d45e2501cbc67779a95a5b97fd74b71937aa14db03914897e3736f",
    (("accumulate", True),): "4d6a5be5740c6740b93551f2d40e1dceb11fb293fe698c60afd61bac6d314f4e",
    (("ddof", 0), ("temperature", 1.3)): "c878b1ba03041bd9ddd38ff546c86bc79c6786e7095aedaf3024efb655db9763",
    (("mu0", 2.0), ("sigma0", 0.5)): "53e70489ad969f8d5eeb3385f0485b67a46eb136e7759c6ee0c514ddfd7d8d8d",
}


@pytest.mark.parametrize("options", list(STREAM))
def test_no_real_data_leaves_the_random_stream_unchanged_bit_for_bit(options):
    mu, sigma = mc.gaussian_refit(7, 12, replicates=5, rng=11, fresh_fraction=0.0, **dict(options))
    assert hashlib.sha256(mu.tobytes() + sigma.tobytes()).hexdigest() == STREAM[options]


def _reference(size, generations, replicates, fraction, temperature, ddof, seed, reuse=False):
    """The loop written out: the first round(f M) draws of each generation are real."""
    gen = np.random.default_rng(seed)
    real = round(fraction * size)
    mu, sigma = np.zeros(replicates), np.ones(replicates)
    fixed = gen.standard_normal((replicates, real)) if reuse and real else None
    history = [(mu.copy(), sigma.copy())]
    for _ in range(generations):
        if fixed is not None:
            synthetic = mu[:, None] + np.sqrt(temperature) * sigma[:, None] * gen.standard_normal(
                (replicates, size - real)
            )
            x = np.concatenate([fixed, synthetic], axis=1)
        else:
            z = gen.standard_normal((replicates, size))
            x = np.concatenate([z[:, :real], mu[:, None] + np.sqrt(temperature) * sigma[:, None] * z[:, real:]], axis=1)
        mu, sigma = x.mean(axis=1), x.std(axis=1, ddof=ddof)
        history.append((mu.copy(), sigma.copy()))
    return np.array([h[0] for h in history]).T, np.array([h[1] for h in history]).T


@pytest.mark.parametrize(
    ("size", "fraction", "temperature", "ddof", "reuse"),
    [(7, 0.3, 1.0, 1, False), (9, 0.5, 0.7, 0, False), (6, 0.25, 1.4, 1, True), (5, 1.0, 1.0, 1, False)],
)
def test_real_points_are_the_first_round_f_m_draws(size, fraction, temperature, ddof, reuse):
    options = {"fresh_fraction": fraction, "temperature": temperature, "ddof": ddof, "reuse_real": reuse}
    mu, sigma = mc.gaussian_refit(size, 6, replicates=4, rng=3, **options)
    ref_mu, ref_sigma = _reference(size, 6, 4, fraction, temperature, ddof, 3, reuse)
    np.testing.assert_allclose(mu, ref_mu, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sigma, ref_sigma, rtol=1e-12)


def test_all_real_and_reused_gives_the_same_fit_every_generation():
    mu, sigma = mc.gaussian_refit(6, 5, replicates=3, fresh_fraction=1.0, reuse_real=True, rng=2)
    assert np.all(mu[:, 1:] == mu[:, [1]]) and np.all(sigma[:, 1:] == sigma[:, [1]])


def _moments(size, real, temperature, ddof, generations, coupling=1.0):
    """(v_n, a_n) from the exact recursion in the docstring, sigma0 = 1, mu0 = 0."""
    s = size - real
    v, a, out = 1.0, 0.0, [(1.0, 0.0)]
    for _ in range(generations):
        pooled = real + s * temperature * v
        v = ((size - 1) * pooled / size + coupling * real * s / size * a) / (size - ddof)
        a = (s / size) ** 2 * a + pooled / size**2
        out.append((v, a))
    return np.array(out)


@pytest.mark.parametrize(("size", "fraction", "temperature", "ddof"), [(8, 0.25, 1.2, 0), (12, 0.5, 0.9, 1)])
def test_second_moments_follow_the_exact_recursion(size, fraction, temperature, ddof):
    replicates, generations = 40_000, 12
    options = {"fresh_fraction": fraction, "temperature": temperature, "ddof": ddof}
    mu, sigma = mc.gaussian_refit(size, generations, replicates=replicates, rng=9, **options)
    exact = _moments(size, round(fraction * size), temperature, ddof, generations)
    for n in (1, 4, 12):
        for values, target in ((sigma[:, n] ** 2, exact[n, 0]), (mu[:, n] ** 2, exact[n, 1])):
            assert abs(values.mean() - target) < 4 * values.std() / np.sqrt(replicates), n  # 4 s.e.
    # The check has power: a recursion without the mean's pull on the variance fails it.
    uncoupled = _moments(size, round(fraction * size), temperature, ddof, generations, coupling=0.0)
    tolerance = 4 * (sigma[:, 12] ** 2).std() / np.sqrt(replicates)
    assert abs(uncoupled[12, 0] - (sigma[:, 12] ** 2).mean()) > tolerance


def test_fixed_real_set_settles_below_the_truth():
    # k = 2 of M = 10, T = 1, ddof = 1: E[sigma^2] -> (k - 1)(2M - k)/(2Mk - k^2 - M) = 18/26
    _, sigma = mc.gaussian_refit(10, 80, replicates=20_000, fresh_fraction=0.2, reuse_real=True, rng=4)
    values = sigma[:, -1] ** 2
    assert abs(values.mean() - 18 / 26) < 4 * values.std() / np.sqrt(values.size)


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"fresh_fraction": 1.5}, ValueError, "fresh_fraction must be <= 1"),
        ({"fresh_fraction": -0.1}, ValueError, "fresh_fraction must be >= 0"),
        ({"fresh_fraction": float("nan")}, ValueError, "fresh_fraction"),
        ({"reuse_real": 1}, TypeError, "reuse_real must be True or False"),
        (
            {"reuse_real": True, "accumulate": True, "fresh_fraction": 0.5},
            ValueError,
            "reuse_real=True needs accumulate=False",
        ),
    ],
)
def test_bad_real_data_options_are_refused_by_name(options, error, words):
    with pytest.raises(error, match=words):
        mc.gaussian_refit(6, 3, **options)


def test_reused_real_set_needs_a_fixed_size():
    with pytest.raises(ValueError, match="same number of real points"):
        mc.gaussian_refit([4, 8, 8], 3, fresh_fraction=0.5, reuse_real=True)
