"""Simulated annealing: the Metropolis chain, its exact distribution, schedules, simulation."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc

landscapes = arrays(float, st.integers(2, 12), elements=st.floats(-3.0, 3.0))
temperatures = st.floats(min_value=0.05, max_value=10.0)


@given(landscapes, temperatures)
def test_metropolis_matrix_is_stochastic_and_reversible_for_the_softmax(r, t):
    P = mc.metropolis_matrix(r, t)
    assert np.all(P >= -1e-15)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=1e-12)
    pi = mc.softmax(r, t)
    flow = pi[:, None] * P
    np.testing.assert_allclose(flow, flow.T, atol=1e-12)  # detailed balance
    np.testing.assert_allclose(pi @ P, pi, atol=1e-12)


@given(landscapes, st.lists(temperatures, min_size=1, max_size=30), st.data())
def test_exact_distribution_is_the_product_of_transition_matrices(r, temps, data):
    start = data.draw(st.integers(0, r.size - 1))
    out = mc.annealing_distribution(r, temps, start)
    assert out.shape == (len(temps) + 1, r.size)
    p = np.eye(r.size)[start]
    for t, row in zip(temps, out[1:], strict=True):
        p = p @ mc.metropolis_matrix(r, t)
        np.testing.assert_allclose(row, p, atol=1e-12)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-12)


def test_simulation_matches_the_exact_distribution():
    r = mc.rugged_landscape()
    schedule = mc.temperature_schedule("geometric", 400, 1.0, 0.05)
    walkers = 4000
    final = mc.simulated_annealing(r, schedule, 8, replicates=walkers, rng=11)[:, -1]
    exact = mc.annealing_distribution(r, schedule, 8)[-1]
    observed = np.bincount(final, minlength=r.size) / walkers
    se = np.sqrt(exact * (1 - exact) / walkers)
    assert np.all(np.abs(observed - exact) <= 4 * se + 1e-12)  # 4 standard errors per state


def test_simulation_shape_steps_and_seeding():
    r = mc.rugged_landscape(20)
    path = mc.simulated_annealing(r, [0.5] * 50, 3, replicates=7, rng=1)
    assert path.shape == (7, 51) and np.all(path[:, 0] == 3)
    assert np.all(np.abs(np.diff(path, axis=1)) <= 1)  # nearest-neighbour moves only
    assert np.all((path >= 0) & (path < 20))
    np.testing.assert_array_equal(path, mc.simulated_annealing(r, [0.5] * 50, 3, replicates=7, rng=1))
    assert mc.simulated_annealing(r, [], 3, replicates=2).shape == (2, 1)


def test_greedy_walker_stays_on_the_local_hill_and_annealing_finds_the_global_one():
    r = mc.rugged_landscape()
    start, best = int(np.argmax(r[:15])), int(np.argmax(r))
    cold = mc.annealing_distribution(r, mc.temperature_schedule("constant", 2000, 0.02), start)[-1]
    warm = mc.annealing_distribution(r, mc.temperature_schedule("geometric", 2000, 1.0, 0.03), start)[-1]
    assert cold[best] < 1e-6 < 0.4 < warm[best]


def test_landscape_shape():
    r = mc.rugged_landscape()
    assert r.shape == (30,)
    assert int(np.argmax(r)) == 22 and int(np.argmax(r[:15])) == 8
    assert r[22] - r[8] > 0.8
    np.testing.assert_allclose(mc.rugged_landscape(40, ripple=0.0)[30], 2.0, atol=1e-6)


def test_schedules():
    np.testing.assert_allclose(mc.temperature_schedule("constant", 3, 0.5), [0.5] * 3)
    geometric = mc.temperature_schedule("geometric", 5, 1.0, 0.01)
    np.testing.assert_allclose(geometric[[0, -1]], [1.0, 0.01])
    np.testing.assert_allclose(geometric[1:] / geometric[:-1], 0.01**0.25)
    log = mc.temperature_schedule("logarithmic", 4, 2.0)
    assert log[0] == pytest.approx(2.0) and np.all(np.diff(log) < 0)
    assert mc.temperature_schedule("geometric", 1, 1.0, 0.5).tolist() == [1.0]


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.rugged_landscape(5), ValueError, "size must be >= 10"),
        (lambda: mc.rugged_landscape(30, ripple=-1.0), ValueError, "ripple must be >= 0"),
        (lambda: mc.rugged_landscape(30, period=0.0), ValueError, "period must be > 0"),
        (lambda: mc.temperature_schedule("cosine", 10, 1.0), ValueError, "kind must be one of"),
        (lambda: mc.temperature_schedule("geometric", 10, 1.0), ValueError, "end must be given"),
        (lambda: mc.temperature_schedule("constant", 0, 1.0), ValueError, "steps must be >= 1"),
        (lambda: mc.temperature_schedule("constant", 10, 0.0), ValueError, "start must be > 0"),
        (lambda: mc.temperature_schedule("geometric", 10, 1.0, -0.1), ValueError, "end must be > 0"),
        (lambda: mc.temperature_schedule("constant", 10, 1.0, "x"), TypeError, "end must be a real number"),
        (lambda: mc.temperature_schedule("geometric", 5, 1e308, 1e-308), ValueError, "start=.* and end=.*normal"),
        (lambda: mc.rugged_landscape(30, period=1e-310), ValueError, "period must be large enough"),
        (lambda: mc.metropolis_matrix([1.0], 1.0), ValueError, "at least 2 states"),
        (lambda: mc.metropolis_matrix([[1.0, 2.0]], 1.0), ValueError, "one-dimensional"),
        (lambda: mc.metropolis_matrix([1.0, np.nan], 1.0), ValueError, "rewards must be finite"),
        (lambda: mc.metropolis_matrix([1.0, 2.0], 0.0), ValueError, "temperature must be > 0"),
        (lambda: mc.annealing_distribution([1.0, 2.0], [1.0, 0.0], 0), ValueError, "schedule must be > 0"),
        (
            lambda: mc.annealing_distribution([1.0, 2.0], [1.0], 2),
            ValueError,
            "start must be < rewards.size = 2, got 2",
        ),
        (lambda: mc.annealing_distribution([1.0, 2.0], [1.0], -1), ValueError, "start must be >= 0"),
        (lambda: mc.simulated_annealing([1.0, 2.0], [1.0], 0, replicates=0), ValueError, "replicates must be >= 1"),
        (lambda: mc.simulated_annealing([1.0, 2.0], [1.0], 0, rng="x"), TypeError, "rng must be None"),
        (lambda: mc.simulated_annealing([1.0, 2.0], [1.0], 0.5), TypeError, "start must be an integer"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()


def metropolis_walk(r, schedule, start, replicates, seed):
    """The simulation written plainly, step by step: the vectorised kernel must draw the same."""
    gen = np.random.default_rng(seed)
    x, path = np.full(replicates, start), [np.full(replicates, start)]
    for t in schedule:
        y = x + 2 * gen.integers(0, 2, size=replicates) - 1
        inside = (y >= 0) & (y < r.size)
        y = np.where(inside, y, x)
        with np.errstate(over="ignore", under="ignore"):
            accept = gen.random(replicates) < np.exp(np.minimum(0.0, (r[y] - r[x]) / t))
        x = np.where(inside & accept, y, x)
        path.append(x)
    return np.stack(path, axis=1)


@pytest.mark.parametrize(
    ("rewards", "schedule", "start"),
    [
        (mc.rugged_landscape(), mc.temperature_schedule("geometric", 300, 1.0, 0.03), 8),  # crosses table blocks
        (mc.rugged_landscape(12), mc.temperature_schedule("logarithmic", 129, 2.0), 0),
        (np.array([0.0, 1.0]), [0.5] * 40, 1),
        (np.array([1e308, -1e308, 1e308]), [1e-300, 1.0, 5.0] * 5, 1),  # overflowing gains
    ],
)
def test_simulation_is_the_plain_walk_bit_for_bit(rewards, schedule, start):
    path = mc.simulated_annealing(rewards, schedule, start, replicates=50, rng=4)
    np.testing.assert_array_equal(path, metropolis_walk(np.asarray(rewards), schedule, start, 50, 4))
    assert path.dtype == np.int64 and path.flags.c_contiguous


@pytest.mark.parametrize("bit_generator", [np.random.PCG64, np.random.PCG64DXSM, np.random.MT19937])
@pytest.mark.parametrize("replicates", [1, 2, 7, 64])
def test_block_draws_are_the_per_step_calls(bit_generator, replicates):
    """The annealer's block of coin flips and uniforms is what one call per step would draw.

    Its fast path reads numpy's generator internals (mctools.annealing._coin_flips_and_uniforms);
    a numpy whose Generator.integers draws otherwise fails here, not only in the notebooks.
    """
    from mctools.annealing import _coin_flips_and_uniforms

    for seed in range(3):
        block = np.random.Generator(bit_generator(seed))
        block.integers(0, 2**32, dtype=np.uint32) if seed == 2 else None  # a buffered 32-bit half
        steps = np.random.Generator(bit_generator(seed))
        steps.integers(0, 2**32, dtype=np.uint32) if seed == 2 else None
        flips, uniforms = _coin_flips_and_uniforms(block, 5, replicates)
        for i in range(5):
            np.testing.assert_array_equal(flips[i], steps.integers(0, 2, size=replicates))
            np.testing.assert_array_equal(uniforms[i], steps.random(replicates))
        # and both generators go on alike, a buffered 32-bit half included
        np.testing.assert_array_equal(block.integers(0, 2, size=3), steps.integers(0, 2, size=3))
        np.testing.assert_array_equal(block.random(4), steps.random(4))
