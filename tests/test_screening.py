"""Screening with a noisy evaluator: closed forms, limits, simulation and bad inputs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.special import expit, logit, ndtr
from scipy.stats import norm

import mctools as mc

skills = st.floats(1e-3, 1e3)
bars = st.floats(-3.0, 3.0)
shares = st.floats(0.01, 0.99)


def test_fund_probability_formula_and_limits():
    s = np.array([0.5, 1.0, 4.0])
    np.testing.assert_allclose(mc.fund_probability(s, 1.0), 1 - norm.cdf(np.sqrt((1 + s) / s)))
    np.testing.assert_allclose(mc.fund_probability([0.0, np.inf], 1.0), [0.0, 1 - norm.cdf(1.0)])
    np.testing.assert_allclose(mc.fund_probability(0.0, [-1.0, 0.0, 1.0]), [1.0, 0.5, 0.0])
    assert mc.fund_probability(np.ones((2, 3)), np.zeros(3)).shape == (2, 3)


@given(skills, skills, st.floats(0.01, 3.0))
def test_funding_rises_with_skill_above_an_average_bar_and_falls_below(s1, s2, bar):
    lo, hi = min(s1, s2), max(s1, s2)
    assert mc.fund_probability(hi, bar) >= mc.fund_probability(lo, bar) - 1e-15
    assert mc.fund_probability(hi, -bar) <= mc.fund_probability(lo, -bar) + 1e-15


@given(skills, bars)
def test_log_probability_is_the_log_and_finite_in_the_tail(s, bar):
    log_p = mc.log_fund_probability(s, bar)
    assert np.isfinite(log_p)
    np.testing.assert_allclose(np.exp(log_p), mc.fund_probability(s, bar), rtol=1e-10, atol=1e-300)


def test_log_probability_survives_underflow():
    assert mc.fund_probability(1e-3, 10.0) == 0.0
    assert -1e5 < mc.log_fund_probability(1e-3, 10.0) < -1e4


@given(skills, bars)
def test_funded_quality_is_above_the_bar_and_the_mean(s, bar):
    quality = mc.funded_quality(s, bar)
    assert np.isfinite(quality)
    assert quality >= 0  # (tiny positive values underflow to 0 when almost everything is funded)
    assert quality > bar


@given(skills, skills, bars)
def test_net_value_rises_with_skill_for_every_bar(s1, s2, bar):
    lo, hi = min(s1, s2), max(s1, s2)
    assert mc.net_value(hi, bar) >= mc.net_value(lo, bar) - 1e-12


def test_net_value_is_quality_times_probability_minus_cost():
    s, bar = np.array([0.3, 2.0, 9.0]), 0.7
    expected = mc.fund_probability(s, bar) * (mc.funded_quality(s, bar) - bar)
    np.testing.assert_allclose(mc.net_value(s, bar), expected, rtol=1e-12)
    np.testing.assert_allclose(mc.net_value(0.0, [-1.0, 1.0], cost=0.5), [-0.5, 0.0])
    np.testing.assert_allclose(mc.net_value(2.0, -np.inf, cost=0.5), -0.5)


@given(shares, skills, skills, bars)
def test_award_share_is_the_logistic_of_the_skill_gap(p, s_a, s_b, bar):
    gap = mc.log_fund_probability(s_a, bar) - mc.log_fund_probability(s_b, bar)
    np.testing.assert_allclose(mc.award_share(p, s_a, s_b, bar), expit(logit(p) + gap), rtol=1e-9, atol=1e-300)


@given(shares, skills, bars)
def test_equal_skills_fund_in_proportion_to_proposals(p, s, bar):
    np.testing.assert_allclose(mc.award_share(p, s, s, bar), p, rtol=1e-12)


def test_award_share_without_any_fundable_proposal_is_an_error():
    with pytest.raises(ValueError, match="no proposal can be funded"):
        mc.award_share(0.5, 0.0, 0.0, 1.0)


def test_retraining_map_fixed_points_and_calibration():
    kappa = brentq(lambda k: mc.retraining_map(0.7, 0.7, k, 1.0) - 0.75, 0.1, 100)
    office = lambda w: mc.retraining_map(w, 0.7, kappa, 1.0)  # noqa: E731
    np.testing.assert_allclose(office(np.array([0.0, 1.0])), [0.0, 1.0])
    points = mc.fixed_points(office)
    assert points.size == 5
    slopes = mc.derivative(office, points[1:-1])
    np.testing.assert_array_equal(np.abs(slopes) < 1, [False, True, False])


@given(shares, st.floats(0.5, 20.0))
def test_balanced_office_in_a_balanced_world_stays_balanced(w, kappa):
    assert mc.retraining_map(0.5, 0.5, kappa, 1.0) == pytest.approx(0.5)
    # symmetry: swapping the areas maps w to 1 - w
    assert mc.retraining_map(1 - w, 0.5, kappa, 1.0) == pytest.approx(1 - mc.retraining_map(w, 0.5, kappa, 1.0))


@given(st.floats(0.05, 0.95), st.floats(0.2, 5.0), st.floats(0.5, 5.0), st.floats(0.01, 0.45))
def test_quota_meets_the_minimum_in_both_areas(p, s_a, s_b, quota):
    share, bar_a, bar_b = mc.quota_bars(p, s_a, s_b, 1.0, quota)
    feasible = np.isfinite(bar_a) and np.isfinite(bar_b)
    if feasible:
        assert quota - 1e-9 <= share <= 1 - quota + 1e-9
    assert bar_a <= 1.0 and bar_b <= 1.0  # only ever lowered


def test_quota_that_does_not_bind_changes_nothing():
    share, bar_a, bar_b = mc.quota_bars(0.6, 2.0, 2.0, 1.0, 0.3)
    assert (float(share), float(bar_a), float(bar_b)) == pytest.approx((0.6, 1.0, 1.0))


def test_office_path_follows_the_map_and_audits_reset_it():
    kappa, years = 5.0, 12
    path = mc.office_path(np.full(years, 0.7), kappa, 1.0, initial=0.7)
    orbit = mc.iterate_map(lambda w: mc.retraining_map(w, 0.7, kappa, 1.0), 0.7, years - 1)
    np.testing.assert_allclose(path.training, orbit, atol=1e-12)
    np.testing.assert_allclose(path.awards[:-1], orbit[1:], atol=1e-12)
    audited = mc.office_path(np.full(years, 0.7), kappa, 1.0, initial=0.7, audit_every=1)
    np.testing.assert_allclose(audited.training, 0.7)
    quota = mc.office_path(np.full(years, 0.9), kappa, 1.0, initial=0.7, quota=0.3)
    assert np.all(quota.awards <= 0.7 + 1e-9)


def test_simulated_round_matches_the_closed_forms():
    s = np.array([0.5, 2.0, 8.0])
    result = mc.simulate_round(np.full(3, 1 / 3), s, 1.0, 30_000, replicates=20, rng=5)
    assert result.proposals.shape == result.funded.shape == result.quality.shape == (20, 3)
    assert np.all(result.proposals.sum(axis=1) == 30_000)
    rate = result.funded / result.proposals
    se = rate.std(axis=0, ddof=1) / np.sqrt(20)
    assert np.all(np.abs(rate.mean(axis=0) - mc.fund_probability(s, 1.0)) < 4 * se)
    mean = result.quality / result.funded
    se = mean.std(axis=0, ddof=1) / np.sqrt(20)
    assert np.all(np.abs(mean.mean(axis=0) - mc.funded_quality(s, 1.0)) < 4 * se)


def test_simulations_are_seeded_and_perfect_evaluators_rank_by_quality():
    a = mc.simulate_round([0.5, 0.5], [1.0, np.inf], 0.5, 500, replicates=3, rng=1)
    b = mc.simulate_round([0.5, 0.5], [1.0, np.inf], 0.5, 500, replicates=3, rng=1)
    np.testing.assert_array_equal(a.funded, b.funded)
    rate = a.funded[:, 1].sum() / a.proposals[:, 1].sum()
    assert abs(rate - (1 - ndtr(0.5))) < 0.05


@pytest.mark.parametrize("areas", [1, 2, 4, 128, 129, 300])
def test_simulated_areas_are_a_categorical_draw_for_any_number_of_areas(areas):
    """Counted edge by edge (up to 128 areas) or by binary search: the same areas as searchsorted."""
    from mctools.screening import _area_index

    p = np.random.default_rng(areas).dirichlet(np.ones(areas))
    empty = areas // 2 if areas > 1 else None  # an empty area: a repeated edge
    if empty is not None:
        p[empty] = 0.0
        p /= p.sum()
    edges = np.cumsum(p)[:-1]
    u = np.random.default_rng(0).random((3, 5000))
    u[0, : areas - 1] = edges  # exactly on an edge: the area above it
    expected = np.searchsorted(edges, u, side="right") + areas * np.arange(3)[:, None]
    np.testing.assert_array_equal(_area_index(u, edges), expected)
    # Rounds of 70 000 proposals run one replicate per block: the counts add up row by row.
    result = mc.simulate_round(p, np.ones(areas), 0.5, 70_000, replicates=2, rng=1)
    assert np.all(result.proposals.sum(axis=1) == 70_000)
    assert empty is None or np.all(result.proposals[:, empty] == 0)
    assert np.all(result.funded <= result.proposals)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.fund_probability(-1.0, 1.0), ValueError, "skill must be >= 0"),
        (lambda: mc.fund_probability(1.0, np.nan), ValueError, "bar must be finite"),
        (lambda: mc.fund_probability("a", 1.0), TypeError, "skill must contain real numbers"),
        (lambda: mc.funded_quality(0.0, 1.0), ValueError, "skill must be > 0"),
        (lambda: mc.net_value(1.0, -np.inf), ValueError, "cost must be given"),
        (lambda: mc.award_share(1.5, 1.0, 1.0, 1.0), ValueError, "proposal_share must be <= 1"),
        (lambda: mc.award_share(0.5, 1.0, -2.0, 1.0), ValueError, "skill_b must be >= 0"),
        (lambda: mc.retraining_map(0.5, 0.5, 0.0, 1.0), ValueError, "scale must be > 0"),
        (lambda: mc.retraining_map(0.5, 0.5, 1.0, 1.0, exponent=0), ValueError, "exponent must be > 0"),
        (lambda: mc.retraining_map(0.5, 0.5, 1.0, 1.0, extra_skill=(1.0,)), ValueError, "extra_skill must have shape"),
        (lambda: mc.retraining_map(1.2, 0.5, 1.0, 1.0), ValueError, "training_share must be <= 1"),
        (lambda: mc.quota_bars(0.5, 1.0, 1.0, 1.0, 0.6), ValueError, "minimum must be <= 0.5"),
        (lambda: mc.office_path([0.5, 0.5], 1.0, 1.0, initial=0.5, audit_every=-1), ValueError, "audit_every must be"),
        (lambda: mc.office_path([[0.5]], 1.0, 1.0, initial=0.5), ValueError, "proposal_shares must be one-dim"),
        (lambda: mc.simulate_round([0.5, 0.6], [1.0, 1.0], 1.0, 10), ValueError, "proposal_share must sum to 1"),
        (lambda: mc.simulate_round([0.5, 0.5], [1.0], 1.0, 10), ValueError, "skill must have shape"),
        (lambda: mc.simulate_round([0.5, 0.5], [1.0, 1.0], 1.0, 0), ValueError, "proposals must be >= 1"),
        (lambda: mc.simulate_round([0.5, 0.5], [1.0, 1.0], 1.0, 10, rng="x"), TypeError, "rng must be None"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_quota_never_raises_a_bar_by_rounding():
    # found by hypothesis: the quota binds with equality and the "lowered" bar came out 1 ulp above 1.0
    share, bar_a, bar_b = mc.quota_bars(0.25, 1.25, 1.25, 1.0, 0.25)
    assert bar_a <= 1.0 and bar_b <= 1.0
    assert share == pytest.approx(0.25)


def test_funded_quality_far_in_the_tail_is_the_bar_plus_the_mills_correction():
    # the closed form lost every digit to cancellation past z ~ 1e4 (1.78e8 at a bar of 1e8) and gave NaN past 1e154
    bars = np.array([1001.0, 1e8, 1e200])
    expected = [1001.0 + 1 / 1001.0 - 2 / 1001.0**3, 1e8 + 1e-8, 1e200]
    np.testing.assert_allclose(mc.funded_quality(np.inf, bars), expected, rtol=1e-15)
    assert mc.funded_quality(np.inf, 999.0) == pytest.approx(999.0 + 1 / 999.0, rel=1e-10)  # closed form


@pytest.mark.parametrize(
    "call",
    [
        lambda: mc.fund_probability([1.0, 2.0, 3.0], [0.5, 1.0]),
        lambda: mc.award_share([0.3, 0.5], [1.0, 2.0, 3.0], 1.0, 0.5),
        lambda: mc.retraining_map([0.1, 0.2], [0.3, 0.4, 0.5], 2.0, 0.5),
        lambda: mc.quota_bars([0.3, 0.5], 1.0, [1.0, 2.0, 3.0], 0.5, 0.2),
    ],
)
def test_arguments_that_do_not_broadcast_are_named(call):
    # numpy's "operands could not be broadcast together" named no argument
    with pytest.raises(ValueError, match="must broadcast together, got shapes"):
        call()


def test_a_quota_needs_some_skill_in_both_areas():
    # initial=1 left area B with zero skill, and quota_bars failed naming its own skill_b
    with pytest.raises(ValueError, match="initial must be in"):
        mc.office_path([0.3, 0.4], 2.0, 0.5, initial=1.0, quota=0.1)
    mc.office_path([0.3, 0.4], 2.0, 0.5, initial=1.0, quota=0.1, extra_skill=(0.0, 1.0))
