"""Exploration strategies in a changing world: invariants, closed forms and bad inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mctools as mc
from mctools.bandits import _STRATEGY_DEFAULTS, _bandit_step, _Knobs

STATIONARY = np.tile([1.0, 0.6], (300, 1))  # activity 0 pays 1.0, activity 1 pays 0.6


def shifted(steps=200, shift=50, before=(1.0, 0.6), after=(0.7, 1.2)):
    means = np.tile(before, (steps, 1))
    means[shift:] = after
    return means


def test_shapes_dtypes_and_seeding():
    a = mc.simulate_bandit(STATIONARY, replicates=5, epsilon=0.2, rng=3)
    b = mc.simulate_bandit(STATIONARY, replicates=5, epsilon=0.2, rng=3)
    c = mc.simulate_bandit(STATIONARY, replicates=5, epsilon=0.2, rng=4)
    for field in a:
        assert field.shape == (5, 300)
    assert a.choices.dtype.kind == a.leading.dtype.kind == a.best.dtype.kind == "i"
    np.testing.assert_array_equal(a.rewards, b.rewards)
    assert not np.array_equal(a.rewards, c.rewards)


@settings(max_examples=30)
@given(
    epsilon=st.floats(0.0, 1.0),
    temperature=st.floats(0.0, 2.0),
    period=st.integers(0, 7),
    noise=st.floats(0.0, 2.0),
    depletion=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**16),
)
def test_run_is_consistent_with_its_world(epsilon, temperature, period, noise, depletion, seed):
    means = shifted(steps=30, shift=10)
    run = mc.simulate_bandit(
        means, replicates=4, epsilon=epsilon, temperature=temperature, period=period,
        noise_sd=noise, depletion=depletion, regrowth=0.1, rng=seed,
    )  # fmt: skip
    assert np.all((run.choices >= 0) & (run.choices < 2))
    assert np.all(run.regret >= -1e-12)
    np.testing.assert_allclose(run.regret[run.choices == run.best], 0.0, atol=1e-12)
    if depletion == 0.0:
        np.testing.assert_allclose(run.expected, means[np.arange(30), run.choices])
        np.testing.assert_array_equal(run.best, np.broadcast_to(np.argmax(means, axis=1), (4, 30)))
    if noise == 0.0:
        np.testing.assert_array_equal(run.rewards, run.expected)


def test_greedy_never_leaves_its_mode_and_misses_a_shift():
    run = mc.simulate_bandit(shifted(), replicates=50, noise_sd=0.0, step_size=1.0, rng=0)
    assert np.all(run.choices == 0)
    assert np.all(np.isinf(mc.escape_time(run.leading, run.best, start=50)))
    np.testing.assert_allclose(run.regret[:, 50:], 0.5)


def test_greedy_is_forced_out_when_its_mode_falls_below_the_alternative():
    run = mc.simulate_bandit(shifted(after=(0.3, 0.6)), replicates=3, noise_sd=0.0, step_size=1.0, rng=0)
    # The first pull after the shift reveals 0.3 < 0.6: the mode moves at the next step.
    np.testing.assert_array_equal(mc.escape_time(run.leading, run.best, start=50), [1.0, 1.0, 1.0])


def test_epsilon_greedy_explores_the_worse_arm_at_rate_epsilon_over_k():
    replicates, epsilon = 2000, 0.2
    run = mc.simulate_bandit(STATIONARY, replicates=replicates, epsilon=epsilon, noise_sd=0.0, rng=1)
    rate, n = (run.choices == 1).mean(), run.choices.size
    assert rate == pytest.approx(epsilon / 2, abs=5 * np.sqrt(0.1 * 0.9 / n))
    total = run.regret.sum(axis=1)
    expected = 300 * epsilon / 2 * 0.4
    assert total.mean() == pytest.approx(expected, abs=5 * total.std() / np.sqrt(replicates))


@pytest.mark.parametrize("temperature", [0.05, 0.2, 1.0])
def test_softmax_picks_the_worse_arm_with_the_boltzmann_probability(temperature):
    run = mc.simulate_bandit(STATIONARY, replicates=1000, temperature=temperature, noise_sd=0.0, rng=2)
    p = mc.softmax(np.array([1.0, 0.6]), temperature)[1]
    n = run.choices.size
    assert (run.choices == 1).mean() == pytest.approx(p, abs=5 * np.sqrt(p * (1 - p) / n) + 1e-12)


def test_annealing_cools_exploration():
    run = mc.simulate_bandit(STATIONARY, replicates=2000, temperature=0.5, anneal=10.0, noise_sd=0.0, rng=5)
    early, late = (run.choices[:, :20] == 1).mean(), (run.choices[:, -50:] == 1).mean()
    assert early > 0.15 > 0.001 > late


def test_monitoring_probes_on_schedule_and_round_robin():
    run = mc.simulate_bandit(STATIONARY, replicates=2, period=5, noise_sd=0.0, rng=0)
    probes = np.flatnonzero(run.choices[0] == 1)
    np.testing.assert_array_equal(probes, np.arange(4, 300, 5))
    three = mc.simulate_bandit(np.tile([1.0, 0.5, 0.4], (40, 1)), period=4, noise_sd=0.0, rng=0)
    np.testing.assert_array_equal(three.choices[0, 3::4], np.tile([1, 2], 5))


def test_monitoring_escapes_at_the_first_probe_after_a_shift():
    period = np.array([5, 10, 20, 0])
    run = mc.simulate_bandit(shifted(shift=52), replicates=4, period=period, noise_sd=0.0, step_size=1.0, rng=0)
    # next probe at t = 54, 59, 59 (t + 1 divisible by the period); the mode moves one step later
    np.testing.assert_array_equal(mc.escape_time(run.leading, run.best, start=52), [3.0, 8.0, 8.0, np.inf])


def test_per_replicate_parameters_and_per_replicate_worlds():
    means = np.stack([shifted(shift=s) for s in (20, 80)])
    run = mc.simulate_bandit(means, replicates=2, period=[10, 10], noise_sd=0.0, step_size=1.0, rng=0)
    # each replicate escapes at its own first probe after its own shift (t = 29 and t = 89)
    assert mc.escape_time(run.leading[:1], run.best[:1], start=20)[0] == 10.0
    assert mc.escape_time(run.leading[1:], run.best[1:], start=80)[0] == 10.0
    assert mc.escape_time(run.leading[1:], run.best[1:], start=20)[0] == 0.0  # not shifted yet


def test_depletion_makes_even_greedy_alternate():
    equal = np.tile([1.0, 1.0], (200, 1))
    run = mc.simulate_bandit(equal, replicates=3, noise_sd=0.0, step_size=1.0, depletion=0.3, regrowth=0.1, rng=0)
    late = run.choices[:, 100:]
    assert 0.3 < (late == 1).mean() < 0.7
    stationary = mc.simulate_bandit(equal, replicates=3, noise_sd=0.0, step_size=1.0, rng=0)
    assert np.all(stationary.choices == 0)


def test_initial_estimates_set_the_starting_mode():
    run = mc.simulate_bandit(STATIONARY[:3], initial=[0.0, 5.0], noise_sd=0.0, rng=0)
    assert run.leading[0, 0] == 1
    run = mc.simulate_bandit(STATIONARY[:3], replicates=2, initial=[[0.0, 5.0], [5.0, 0.0]], noise_sd=0.0, rng=0)
    np.testing.assert_array_equal(run.leading[:, 0], [1, 0])


def test_escape_time_counts_from_start():
    leading = np.array([[0, 0, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]])
    best = np.ones_like(leading)
    np.testing.assert_array_equal(mc.escape_time(leading, best, start=1), [1.0, np.inf, 0.0])


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"means": [1.0, 0.5]}, ValueError, "means must have at least 2 dimension"),
        ({"means": np.ones((5, 1))}, ValueError, "at least 2 activities"),
        ({"means": np.ones((3, 5, 2))}, ValueError, "replicates = 1"),
        ({"means": [[1.0, np.nan]]}, ValueError, "means must be finite"),
        ({"replicates": 0}, ValueError, "replicates must be >= 1"),
        ({"epsilon": 1.5}, ValueError, "epsilon must be <= 1"),
        ({"epsilon": [0.1, 0.2]}, ValueError, "epsilon must be a scalar or have shape"),
        ({"temperature": -0.1}, ValueError, "temperature must be >= 0"),
        ({"anneal": 0.0}, ValueError, "anneal must be > 0"),
        ({"period": 2.5}, TypeError, "period must be an integer"),
        ({"period": -1}, ValueError, "period must be >= 0"),
        ({"step_size": 0.0}, ValueError, "step_size must be > 0"),
        ({"step_size": "fast"}, TypeError, "step_size must be a real number"),
        ({"noise_sd": -1.0}, ValueError, "noise_sd must be >= 0"),
        ({"depletion": 2.0}, ValueError, "depletion must be <= 1"),
        ({"regrowth": -0.5}, ValueError, "regrowth must be >= 0"),
        ({"initial": [1.0, 2.0, 3.0]}, ValueError, "initial must have shape"),
        ({"rng": "seed"}, TypeError, "rng must be None, an integer seed"),
    ],
)
def test_bad_inputs_name_the_parameter(kwargs, error, words):
    arguments = {"means": STATIONARY[:5], "noise_sd": 0.0} | kwargs
    with pytest.raises(error, match=words):
        mc.simulate_bandit(**arguments)


@pytest.mark.parametrize(
    ("leading", "best", "start", "error", "words"),
    [
        (np.zeros((2, 3), int), np.zeros((2, 4), int), 0, ValueError, "same shape"),
        (np.zeros(3, int), np.zeros(3, int), 0, ValueError, "leading must have shape"),
        (np.zeros((2, 3)), np.zeros((2, 3), int), 0, TypeError, "leading must be an integer array"),
        (np.zeros((2, 3), int), np.zeros((2, 3), int), 3, ValueError, "start must be < steps"),
        (np.zeros((2, 3), int), np.zeros((2, 3), int), -1, ValueError, "start must be >= 0"),
    ],
)
def test_escape_time_bad_inputs(leading, best, start, error, words):
    with pytest.raises(error, match=words):
        mc.escape_time(leading, best, start=start)


def test_strategy_arrays_stack_named_strategies():
    params = mc.strategy_arrays({"greedy": {}, "ε-greedy": {"epsilon": 0.1}, "monitoring": {"period": 5}}, 3)
    np.testing.assert_array_equal(params["epsilon"], [0, 0, 0, 0.1, 0.1, 0.1, 0, 0, 0])
    np.testing.assert_array_equal(params["period"], [0, 0, 0, 0, 0, 0, 5, 5, 5])
    assert np.all(np.isinf(params["anneal"])) and params["period"].dtype.kind == "i"
    run = mc.simulate_bandit(STATIONARY[:20], replicates=9, noise_sd=0.0, rng=0, **params)
    assert np.all(run.choices[:3] == 0)
    assert np.all(run.choices[6:, 4::5] == 1)


@pytest.mark.parametrize(
    ("strategies", "error", "words"),
    [
        ({}, TypeError, "non-empty dict"),
        ({"a": 0.1}, TypeError, r"strategies\['a'\] must be a dict"),
        ({"a": {"eps": 0.1}}, ValueError, "unknown settings"),
        ({"a": {"period": 2.5}}, TypeError, r"strategies\['a'\]\['period'\] must be an integer"),
        ({"a": {"epsilon": None}}, TypeError, r"strategies\['a'\]\['epsilon'\] must be a real number"),
    ],
)
def test_strategy_arrays_bad_inputs(strategies, error, words):
    with pytest.raises(error, match=words):
        mc.strategy_arrays(strategies, 2)


def test_an_audit_replaces_the_stale_estimate():
    means = shifted(shift=10)
    slow = mc.simulate_bandit(means, period=10, noise_sd=0.0, step_size=0.1, rng=0)
    audit = mc.simulate_bandit(means, period=10, noise_sd=0.0, step_size=0.1, probe_step_size=1.0, rng=0)
    # the probe at t = 19 sees 1.2: an audit adopts it at once, a slow update moves 10% of the way
    assert audit.leading[0, 20] == 1 and slow.leading[0, 20] == 0
    with pytest.raises(ValueError, match="probe_step_size must be <= 1"):
        mc.simulate_bandit(means, probe_step_size=1.5)


def test_a_vanishing_temperature_is_greedy_not_an_overflow():
    run = mc.simulate_bandit(STATIONARY[:50], replicates=3, temperature=1e-300, noise_sd=0.0, rng=0)
    assert np.all(run.choices == 0)


def plain_bandit(means, replicates, seed, *, step_size=0.1, probe_step_size=1.0, noise_sd=0.3, depletion=0.0,
                 regrowth=0.0, **strategy):  # fmt: skip
    """The agents stepped one step at a time by the module's plain ``_bandit_step`` (the model's equations):
    BanditRun's fields, each (replicates, steps)."""
    knobs = {k: np.broadcast_to(strategy.get(k, v), (replicates,)) for k, v in _STRATEGY_DEFAULTS.items()}
    knobs = _Knobs(**knobs, step_size=step_size, probe_step_size=probe_step_size, noise_sd=noise_sd,
                   depletion=depletion, regrowth=regrowth)  # fmt: skip
    world = np.broadcast_to(means, (replicates, *np.shape(means)[-2:]))
    estimates, stock, last_tried = world[:, 0].copy(), np.ones(world[:, 0].shape), np.zeros(world[:, 0].shape)
    gen = np.random.default_rng(seed)
    steps = [_bandit_step(t, estimates, stock, last_tried, world[:, t], knobs, gen) for t in range(world.shape[1])]
    return [np.stack([step[name] for step in steps], axis=1) for name in mc.BanditRun._fields]


@pytest.mark.parametrize(
    ("means", "settings"),
    [
        (shifted(steps=90, shift=40), {"temperature": [0.0, 0.3, 0.5, 0.0, 0.2, 0.0], "anneal": [np.inf, 5.0, np.inf,
         np.inf, 2.0, np.inf], "epsilon": [0.0, 0.0, 0.0, 0.2, 0.1, 0.0], "period": [0, 0, 0, 0, 3, 7]}),
        (np.tile([1.0, 0.5, 0.4], (70, 1)), {"temperature": 0.4, "period": [0, 4, 5, 0, 4, 9], "epsilon": 0.1}),
        (np.random.default_rng(1).normal(size=(40, 9)), {"temperature": [0.0, 1e-3, 0.5, 2.0, 50.0, 1.0]}),
        (np.random.default_rng(2).normal(size=(6, 50, 3)), {"temperature": 0.3, "period": 4, "epsilon": 0.05}),
        (shifted(steps=60, shift=20), {"temperature": 0.2, "period": 5, "depletion": 0.1, "regrowth": 0.05}),
        (np.random.default_rng(3).normal(size=(6, 40, 4)), {"epsilon": 0.2, "depletion": 0.3}),
    ],
)  # fmt: skip
def test_run_is_the_plain_simulation_bit_for_bit(means, settings):
    """Nine activities exercise the pairwise sum of the softmax, 40+ steps the output buffers."""
    run = mc.simulate_bandit(means, replicates=6, rng=7, noise_sd=0.3, probe_step_size=1.0, **settings)
    for field, plain in zip(run, plain_bandit(means, 6, 7, **settings), strict=True):
        np.testing.assert_array_equal(field, plain)
        assert field.flags.c_contiguous


# The plain step and the fast kernel agree in distribution too, with independent random streams.
MIX = {
    "greedy": {},
    "ε-greedy": {"epsilon": 0.1},
    "softmax": {"temperature": 0.3, "anneal": 20.0},
    "monitor": {"period": 7},
}
WORLD = {"step_size": 0.2, "probe_step_size": 1.0, "noise_sd": 0.5, "depletion": 0.05, "regrowth": 0.02}


def per_agent(run) -> np.ndarray:
    """Two statistics per agent: the share of steps off its mode, and its mean regret per step; (2, 4, agents)."""
    choices, regret, leading = run[0], run[3], run[4]
    return np.stack([(choices != leading).mean(axis=1), regret.mean(axis=1)]).reshape(2, len(MIX), -1)


def standard_errors_apart(fast, plain) -> np.ndarray:
    """Per statistic and strategy, the gap between the two forms' means in standard errors."""
    a, b = per_agent(fast), per_agent(plain)
    gap, error = np.abs(a.mean(axis=-1) - b.mean(axis=-1)), np.sqrt((a.var(axis=-1) + b.var(axis=-1)) / a.shape[-1])
    return np.divide(gap, error, out=np.where(gap > 0, np.inf, 0.0), where=error > 0)  # a sure gap is infinite


def test_the_plain_step_and_the_fast_kernel_agree_in_distribution():
    # Other seeds: every statistic of every strategy agrees within 4 standard errors (1500 agents each);
    # a plain step with one knob of its strategy 50% larger is further than that, so the test has power.
    means = np.where(np.arange(50)[:, None] < 25, [1.0, 0.6, 0.3], [0.3, 0.6, 1.0])  # the best activity moves
    strategies = mc.strategy_arrays(MIX, 1500)
    fast = mc.simulate_bandit(means, replicates=6000, rng=11, **strategies, **WORLD)
    assert np.all(standard_errors_apart(fast, plain_bandit(means, 6000, 12, **strategies, **WORLD)) < 4)
    for knob in ("epsilon", "temperature", "period"):
        other = strategies | {knob: (strategies[knob] * 1.5).astype(strategies[knob].dtype)}
        apart = standard_errors_apart(fast, plain_bandit(means, 6000, 12, **other, **WORLD))
        assert apart.max() > 4, f"a plain step with {knob} x 1.5 went unnoticed: {apart}"
