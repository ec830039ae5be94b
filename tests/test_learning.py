"""Learning by doing: the learning curve, the softmax choice, the simulator and the exact chain."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mctools as mc
from mctools import learning

rates = st.floats(0.01, 1.0)
novices = st.floats(0.0, 0.9)
forgettings = st.floats(0.0, 1.0)
temperatures = st.floats(0.01, 2.0)


@given(rates, novices)
def test_skill_curve_solves_the_recursion(ell, s0):
    skill = [s0]
    for _ in range(30):
        skill.append(skill[-1] + ell * (1 - skill[-1]))
    np.testing.assert_allclose(mc.skill_curve(np.arange(31), ell, s0), skill, rtol=1e-12, atol=1e-12)


@given(rates, novices)
def test_skill_curve_rises_from_novice_to_mastery(ell, s0):
    skill = mc.skill_curve(np.linspace(0, 200, 50), ell, s0)
    assert skill[0] == pytest.approx(s0)
    assert np.all(np.diff(skill) >= 0) and np.all(skill <= 1.0)


def test_skill_curve_broadcasts_over_grids():
    skill = mc.skill_curve(np.arange(5)[None, :], np.array([[0.1], [0.5]]), 0.0)
    assert skill.shape == (2, 5)
    assert skill[1, 1] == pytest.approx(0.5)


@given(
    st.lists(st.integers(-50, 50).map(lambda k: k / 10), min_size=2, max_size=5),
    st.one_of(st.just(0.0), st.floats(0.01, 3.0)),
)
def test_choice_probabilities_are_distributions(values, tau):
    probabilities = mc.choice_probabilities(values, tau)
    assert probabilities.sum() == pytest.approx(1.0)
    assert np.all(probabilities >= 0)
    # adding a constant to every value changes nothing
    np.testing.assert_allclose(mc.choice_probabilities(np.array(values) + 3.0, tau), probabilities, atol=1e-12)


def test_choice_at_zero_temperature_splits_ties_and_is_stable_near_zero():
    np.testing.assert_allclose(mc.choice_probabilities([1.0, 1.0, 0.0], 0.0), [0.5, 0.5, 0.0])
    np.testing.assert_allclose(mc.choice_probabilities([1000.0, 0.0], 1e-6), [1.0, 0.0])
    two = mc.choice_probabilities([0.3, 0.1], 0.2)
    assert two[0] == pytest.approx(1 / (1 + np.exp(-(0.3 - 0.1) / 0.2)))


def test_simulation_shapes_seeds_and_grid():
    kwargs = dict(learning=np.array([0.1, 0.5])[:, None], forgetting=np.array([0.0, 0.3, 0.6]), temperature=0.1)
    run = mc.simulate_learning_by_doing(7, replicates=4, max_experience=5, rng=3, **kwargs)
    assert run.choices.shape == (4, 2, 3, 7)
    assert run.experience.shape == (4, 2, 3, 8, 2)
    again = mc.simulate_learning_by_doing(7, replicates=4, max_experience=5, rng=3, **kwargs)
    np.testing.assert_array_equal(run.choices, again.choices)
    assert np.all((run.experience >= 0) & (run.experience <= 5))


@settings(max_examples=20)
@given(forgettings, st.integers(0, 2**31 - 1))
def test_practice_adds_a_day_and_disuse_never_adds(phi, seed):
    run = mc.simulate_learning_by_doing(
        20,
        learning=0.2,
        forgetting=phi,
        temperature=0.1,
        payoff=(1.0, 1.0, 1.0),
        max_experience=8,
        replicates=5,
        rng=seed,
    )
    before, after = run.experience[..., :-1, :], run.experience[..., 1:, :]
    chosen = np.arange(3) == run.choices[..., None]
    assert np.all(after[chosen] == np.minimum(before[chosen] + 1, 8))
    step = after[~chosen] - before[~chosen]
    assert np.all((step == 0) | (step == -1))
    if phi == 0.0:
        assert np.all(step == 0)


@pytest.mark.parametrize("seed", range(3))
def test_two_activity_tables_match_the_general_loop(monkeypatch, seed):
    # K = 2 looks the day up in tables built once; they must give exactly the general loop's results.
    kwargs = dict(
        learning=np.array([0.05, 0.5])[:, None],
        forgetting=[0.0, 0.3, 1.0],
        temperature=np.array([0.0, 0.04])[:, None],
        payoff=(1.0, 1.3),
        novice=0.1,
        max_experience=9,
        start=(2, 7),
        replicates=50,
        rng=seed,
    )
    tables = mc.simulate_learning_by_doing(60, **kwargs)
    monkeypatch.setattr(learning, "_JOINT_STATES", 0)  # too small for any table: the general loop
    loop = mc.simulate_learning_by_doing(60, **kwargs)
    np.testing.assert_array_equal(tables.choices, loop.choices)
    np.testing.assert_array_equal(tables.experience, loop.experience)


@given(st.floats(0.0, 1.0), st.booleans(), st.lists(st.floats(0.0, 1.0, exclude_max=True), min_size=1))
def test_choice_thresholds_decide_like_the_weights(weight, best_first, draws):
    # Weights of two activities, the better one 1: activity 1 iff first < u * total (rounded), iff u > t.
    w = np.array([1.0, weight] if best_first else [weight, 1.0])
    first, total = w[:1], w.sum(keepdims=True)
    t = learning._thresholds(first, total)[0]
    u = np.array([*draws, t, np.nextafter(t, 1.0), np.nextafter(t, 0.0)])
    u = u[(u >= 0) & (u < 1)]
    np.testing.assert_array_equal(first < u * total, u > t)


def test_zero_temperature_follows_the_pay():
    run = mc.simulate_learning_by_doing(
        10, learning=0.5, forgetting=0.0, temperature=0.0, novice=0.2, payoff=(1.0, 2.0, 1.5), replicates=3, rng=1
    )
    assert np.all(run.choices == 1)


def test_exact_chain_history_probabilities_sum_to_one():
    histories = np.array(list(itertools.product([0, 1], repeat=3)))
    probability, choose_first = mc.learning_by_doing_exact(
        10, learning=0.2, forgetting=0.3, temperature=0.1, max_experience=6, given=histories
    )
    assert probability.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(choose_first[:, :3], 1 - histories)
    assert np.all((choose_first >= 0) & (choose_first <= 1))


@settings(max_examples=20)
@given(rates, forgettings, st.floats(0.05, 2.0))
def test_exact_chain_is_symmetric_between_equal_activities(ell, phi, tau):
    histories = np.array([[0, 0, 1], [1, 1, 0]])  # complements
    probability, choose_first = mc.learning_by_doing_exact(
        12, learning=ell, forgetting=phi, temperature=tau, max_experience=6, given=histories
    )
    assert probability[0] == pytest.approx(probability[1])
    np.testing.assert_allclose(choose_first[0, 3:], 1 - choose_first[1, 3:], atol=1e-12)


def test_exact_chain_matches_simulation():
    kwargs = dict(learning=0.3, forgetting=0.25, temperature=0.15, novice=0.05, max_experience=6)
    _, exact = mc.learning_by_doing_exact(15, **kwargs)
    run = mc.simulate_learning_by_doing(15, replicates=40_000, rng=9, **kwargs)
    simulated = (run.choices == 0).mean(axis=0)
    se = np.sqrt(exact[0] * (1 - exact[0]) / 40_000)
    assert np.all(np.abs(simulated - exact[0]) < 4.5 * se)


def test_exact_chain_first_day_tilt():
    ell, s0, tau = 0.1, 0.05, 0.05
    _, day_two = mc.learning_by_doing_exact(2, learning=ell, forgetting=0.5, temperature=tau, novice=s0, given=[[0]])
    assert day_two[0, 1] == pytest.approx(1 / (1 + np.exp(-ell * (1 - s0) / tau)))


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.skill_curve(-1, 0.1), ValueError, "experience must be >= 0"),
        (lambda: mc.skill_curve(3, 0.0), ValueError, "learning must be > 0"),
        (lambda: mc.skill_curve(3, 1.5), ValueError, "learning must be <= 1"),
        (lambda: mc.skill_curve(3, 0.1, novice=1.0), ValueError, "novice must be < 1"),
        (lambda: mc.skill_curve(3, "fast"), TypeError, "learning must contain real numbers"),
        (lambda: mc.choice_probabilities([1.0, np.nan], 0.1), ValueError, "values must be finite"),
        (lambda: mc.choice_probabilities([1.0, 2.0], -0.1), ValueError, "temperature must be >= 0"),
        (
            lambda: mc.simulate_learning_by_doing(0, learning=0.1, forgetting=0.1, temperature=0.1),
            ValueError,
            "days must be >= 1",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=0.1, forgetting=1.5, temperature=0.1),
            ValueError,
            "forgetting must be <= 1",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=0.1, forgetting=0.1, temperature=0.1, payoff=[1.0]),
            ValueError,
            "payoff must have at least 2 activities",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=0.1, forgetting=0.1, temperature=0.1, start=0.5),
            TypeError,
            "start must be an integer",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=0.1, forgetting=0.1, temperature=0.1, start=99),
            ValueError,
            "start must be <= max_experience = 50, got 99",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=[0.1, 0.2], forgetting=[0.1, 0.2, 0.3], temperature=0.1),
            ValueError,
            "must broadcast",
        ),
        (
            lambda: mc.simulate_learning_by_doing(5, learning=0.1, forgetting=0.1, temperature=0.1, rng="x"),
            TypeError,
            "rng must be None",
        ),
        (
            lambda: mc.learning_by_doing_exact(5, learning=0.1, forgetting=0.1, temperature=0.1, given=[[2]]),
            ValueError,
            "given must be <= 1",
        ),
        (
            lambda: mc.learning_by_doing_exact(2, learning=0.1, forgetting=0.1, temperature=0.1, given=[[0, 0, 0]]),
            ValueError,
            "given must not fix more than",
        ),
        (
            lambda: mc.learning_by_doing_exact(5, learning=0.1, forgetting=0.1, temperature=0.1, payoff=[1, 1, 1]),
            ValueError,
            "payoff must have shape",
        ),
        (
            lambda: mc.learning_by_doing_exact(5, learning=0.1, forgetting=0.1, temperature=0.1, start=(0, 99)),
            ValueError,
            "start must be <= max_experience = 50",
        ),
        (
            lambda: mc.learning_by_doing_exact(
                3, learning=0.1, forgetting=0.1, temperature=0.0, novice=0.5, given=[[0, 1]]
            ),
            ValueError,
            "probability zero",
        ),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
