"""The memoriser on Zipf data with a lost tail (Hutter 2021; Dohmatob et al. 2024)."""

import numpy as np
import pytest
from scipy.special import gamma, zeta

import mctools as mc


def _zipf(size, beta):
    p = np.arange(1, size + 1, dtype=float) ** -beta
    return p / p.sum()


def test_exact_error_matches_monte_carlo():
    size, beta, t, cutoff, clean = 50, 1.5, 30, 10, 0.2
    p = _zipf(size, beta)
    q = clean * p + (1 - clean) * np.where(np.arange(size) < cutoff, p, 0) / p[:cutoff].sum()
    draws = np.random.default_rng(4).multinomial(t, q, size=20_000)
    unseen = (p * (draws == 0)).sum(axis=1)
    exact = mc.memoriser_error(t, beta, size, cutoff=cutoff, clean_fraction=clean)
    assert abs(unseen.mean() - exact) < 4 * unseen.std() / np.sqrt(unseen.size)  # 4 s.e.
    # power: the same check against clean data fails
    assert abs(unseen.mean() - mc.memoriser_error(t, beta, size)) > 4 * unseen.std() / np.sqrt(unseen.size)


def test_limits_and_special_cases():
    t = np.array([0, 1, 10, 100, 1000])
    clean = mc.memoriser_error(t, 1.2, 200)
    assert clean[0] == 1.0 and np.all(np.diff(clean) < 0)
    np.testing.assert_allclose(mc.memoriser_error(t, 1.2, 200, cutoff=200), clean, rtol=1e-12)
    np.testing.assert_allclose(mc.memoriser_error(t, 1.2, 200, cutoff=20, clean_fraction=1.0), clean, rtol=1e-12)
    # with the tail cut and no clean data, the error floors at the lost mass
    floor = _zipf(200, 1.2)[20:].sum()
    assert mc.memoriser_error(1e7, 1.2, 200, cutoff=20) == pytest.approx(floor, rel=1e-9)
    assert mc.memoriser_error(5, 1.0, 1) == 0.0  # one item, seen at once


def test_hutter_scaling_law_and_the_floor_asymptotics():
    beta, size = 2.0, 10**6
    t = np.array([1e5, 1e6])
    law = gamma(1 - 1 / beta) * zeta(beta) ** (-1 / beta) * t ** -(1 - 1 / beta) / beta
    np.testing.assert_allclose(mc.memoriser_error(t, beta, size), law, rtol=0.01)
    floor = mc.memoriser_error(1e9, beta, size, cutoff=1000)
    assert floor == pytest.approx(1000 ** (1 - beta) / ((beta - 1) * zeta(beta)), rel=0.01)


def test_cutoff_beyond_the_vocabulary_is_refused_by_name():
    with pytest.raises(ValueError, match="cutoff must be <= vocabulary = 5"):
        mc.memoriser_error(10, 1.0, 5, cutoff=6)
