"""Integer best responses with concave values, and the album planner."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc


def brute_force(weights, total, scale, temperature=0.0):
    """The best split by enumerating every composition of ``total`` into len(weights) parts."""
    best, best_value = None, -np.inf
    for split in itertools.product(range(total + 1), repeat=len(weights)):
        if sum(split) != total:
            continue
        n = np.array(split, dtype=float)
        entropy = np.where(n > 0, n * np.log(total / np.where(n > 0, n, 1.0)), 0.0)
        value = np.sum(weights * -np.expm1(-n / scale) + temperature * entropy)
        if value > best_value + 1e-12:
            best, best_value = n, value
    return best, best_value


def split_value(weights, n, total, scale, temperature=0.0):
    n = np.asarray(n, dtype=float)
    entropy = np.where(n > 0, n * np.log(total / np.where(n > 0, n, 1.0)), 0.0)
    return np.sum(weights * -np.expm1(-n / scale) + temperature * entropy)


weights = arrays(float, st.integers(2, 3), elements=st.floats(0.0, 10.0))


@settings(max_examples=60, deadline=None)
@given(weights, st.integers(1, 9), st.floats(0.3, 20.0), st.sampled_from([0.0, 0.1, 1.0]))
def test_greedy_split_is_optimal(w, total, scale, temperature):
    split = mc.best_integer_split(w, total, scale=scale, temperature=temperature)
    assert split.sum() == total and np.all(split >= 0)
    _, best_value = brute_force(w, total, scale, temperature)
    assert split_value(w, split, total, scale, temperature) == pytest.approx(best_value, abs=1e-9)


@given(st.floats(0.05, 20.0), st.floats(0.05, 20.0), st.floats(1.0, 40.0))
def test_two_genre_closed_form(w_pop, w_rock, scale):
    threshold = 5.5 + scale / 2 * np.log(w_pop / w_rock)
    if abs(threshold - np.round(threshold)) < 1e-9:
        return  # an exact tie: both neighbouring splits are optimal
    expected = int(np.clip(np.ceil(threshold), 0, 12))
    assert mc.best_integer_split([w_pop, w_rock], 12, scale=scale)[0] == expected


def test_split_is_vectorised_over_rows():
    w = np.array([[1.0, 1.0], [3.0, 1.0], [1.0, 3.0]])
    split = mc.best_integer_split(w, 12, scale=18.0)
    assert split.shape == (3, 2)
    for row, s in zip(w, split, strict=True):
        np.testing.assert_array_equal(s, mc.best_integer_split(row, 12, scale=18.0))


def test_callable_quality():
    split = mc.best_integer_split([2.0, 1.0], 10, quality=np.sqrt)
    assert split.sum() == 10 and split[0] > split[1]


def test_the_essays_discography():
    albums = mc.plan_albums([1.1, 1.0], 5, songs=12, scale=18.0)
    np.testing.assert_array_equal(albums[:, 0], [7, 9, 12, 12, 12])
    np.testing.assert_array_equal(albums.sum(axis=1), 12)


def test_corner_is_absorbing_and_balance_sticks():
    albums = mc.plan_albums([30.0, 1.0], 20, scale=18.0)
    assert np.all(albums[:, 0] == 12)
    balanced = mc.plan_albums([60.0, 60.0], 20, scale=18.0)
    assert np.all(balanced[:, 0] == 6)


def test_no_learning_repeats_the_same_album():
    albums = mc.plan_albums([1.5, 1.0], 4, scale=5.0, learning=0.0)
    assert np.all(albums == albums[0])


def test_planner_is_vectorised_over_head_starts():
    heads = np.array([[1.1, 1.0], [1.0, 1.1]])
    albums = mc.plan_albums(heads, 3, scale=18.0)
    assert albums.shape == (2, 3, 2)
    np.testing.assert_array_equal(albums[1], albums[0][:, ::-1])


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mc.best_integer_split([1.0, -1.0], 5), ValueError, "weights must be >= 0"),
        (lambda: mc.best_integer_split(1.0, 5), ValueError, "weights must have at least 1 dimension"),
        (lambda: mc.best_integer_split([1.0, np.inf], 5), ValueError, "weights must be finite"),
        (lambda: mc.best_integer_split([1.0, 1.0], -1), ValueError, "total must be >= 0"),
        (lambda: mc.best_integer_split([1.0, 1.0], 2.5), TypeError, "total must be an integer"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, scale=0.0), ValueError, "scale must be > 0"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, temperature=-1.0), ValueError, "temperature must be >= 0"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, quality="log"), ValueError, "quality must be 'exp'"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, quality=3), TypeError, "quality must be 'exp'"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, quality=np.square), ValueError, "quality must be concave"),
        (lambda: mc.best_integer_split([1.0, 1.0], 5, quality=np.negative), ValueError, "non-decreasing"),
        (lambda: mc.plan_albums([1.0, 1.0], 0), ValueError, "albums must be >= 1"),
        (lambda: mc.plan_albums([1.0, 1.0], 2, songs=0), ValueError, "songs must be >= 1"),
        (lambda: mc.plan_albums([1.0, 1.0], 2, learning=-1.0), ValueError, "learning must be >= 0"),
    ],
)
def test_bad_inputs_name_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
