"""Information cascades against their closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mctools.cascades import information_cascade


def test_shapes_and_seeding():
    actions, start = information_cascade(0.7, 10, replicates=5, rng=1)
    assert actions.shape == (5, 10) and start.shape == (5,)
    again, _ = information_cascade(0.7, 10, replicates=5, rng=1)
    np.testing.assert_array_equal(actions, again)


@pytest.mark.parametrize("p", [0.6, 0.75])
def test_no_cascade_probability_and_correct_cascades(p):
    replicates, agents = 200_000, 8
    actions, start = information_cascade(p, agents, replicates=replicates, rng=2)
    for n in (1, 2, 3):
        theory = (2 * p * (1 - p)) ** n
        observed = np.mean(start > 2 * n)
        assert abs(observed - theory) < 5 * np.sqrt(theory * (1 - theory) / replicates)
    cascaded = start < agents
    right = actions[cascaded, -1].mean()
    theory = p**2 / (p**2 + (1 - p) ** 2)
    assert abs(right - theory) < 5 * np.sqrt(theory * (1 - theory) / cascaded.sum())


@pytest.mark.parametrize("agents", [1, 2, 5, 8, 13])
def test_closed_form_equals_the_agent_by_agent_rule(agents):
    p, replicates = 0.6, 3000
    actions, start = information_cascade(p, agents, replicates=replicates, rng=4)
    signals = np.random.default_rng(4).random((replicates, agents)) < p
    revealed, first = np.zeros(replicates, dtype=int), np.full(replicates, agents)
    expected = np.empty((replicates, agents), dtype=int)
    for i in range(agents):
        cascading = np.abs(revealed) >= 2
        first = np.where(cascading & (first == agents), i, first)
        expected[:, i] = np.where(cascading, revealed > 0, signals[:, i])
        revealed = np.where(cascading, revealed, revealed + np.where(signals[:, i], 1, -1))
    np.testing.assert_array_equal(actions, expected)
    np.testing.assert_array_equal(start, first)


@settings(max_examples=20)
@given(st.floats(0.55, 0.95), st.integers(3, 12))
def test_everyone_copies_once_a_cascade_starts(p, agents):
    actions, start = information_cascade(p, agents, replicates=50, rng=3)
    for row, s in zip(actions, start, strict=True):
        if s < agents:
            assert np.all(row[s:] == row[s])
            assert s >= 2 and s % 2 == 0  # revealed signals differ by two only after a pair


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"accuracy": 0.5}, ValueError, "accuracy must be > 0.5"),
        ({"accuracy": 1.0}, ValueError, "accuracy must be < 1.0"),
        ({"agents": 0}, ValueError, "agents must be >= 1"),
        ({"replicates": 2.5}, TypeError, "replicates must be an integer"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, error, words):
    arguments = {"accuracy": 0.7, "agents": 5} | kwargs
    with pytest.raises(error, match=words):
        information_cascade(**arguments)
