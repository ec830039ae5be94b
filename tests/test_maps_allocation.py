"""Maps (iteration, fixed points, stability) and capacity allocation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mctools as mc


def logistic(r):
    return lambda x: r * x * (1 - x)


def test_iterate_map_shapes_and_values():
    orbit = mc.iterate_map(logistic(2.0), [0.1, 0.2], 3)
    assert orbit.shape == (2, 4)
    assert orbit[0, 1] == pytest.approx(0.18)


def test_fixed_points_and_stability_of_the_logistic_map():
    points = mc.fixed_points(logistic(2.5))
    np.testing.assert_allclose(points, [0.0, 0.6], atol=1e-10)
    # G'(x) = r(1 - 2x): |G'(0.6)| = 0.5 < 1 stable, G'(0) = 2.5 unstable.
    np.testing.assert_allclose(mc.derivative(logistic(2.5), points), [2.5, -0.5], atol=1e-6)


def test_fixed_points_of_a_family_are_each_maps_interior_fixed_points():
    rates = np.array([0.8, 1.5, 2.5, 3.2])
    found, points = mc.fixed_points_of_family(lambda x, r: r * x * (1 - x), rates)
    # G_r(x) = r x (1 - x) fixes 0 (an end: left out) and 1 - 1/r, inside (0, 1) for r > 1
    np.testing.assert_array_equal(found, rates[1:])
    np.testing.assert_allclose(points, 1 - 1 / rates[1:], rtol=1e-14)
    for r in rates[1:]:  # the same as fixed_points, map by map
        np.testing.assert_allclose(points[found == r], mc.fixed_points(logistic(r), 0.01, 1.0), atol=1e-12)


def test_fixed_points_of_a_family_in_order_with_a_grid_point_among_them():
    cubic = lambda x, p: x + p * (x - 0.2) * (x - 0.45) * (x - 0.8)  # noqa: E731
    found, points = mc.fixed_points_of_family(cubic, [1.0, -2.0], grid=401)  # 0.45 is on the grid
    np.testing.assert_array_equal(found, [1.0, 1.0, 1.0, -2.0, -2.0, -2.0])
    np.testing.assert_allclose(points, [0.2, 0.45, 0.8] * 2, atol=1e-14)


def test_cobweb_alternates_between_curve_and_diagonal():
    x, y = mc.cobweb(logistic(2.0), 0.1, 2)
    orbit = mc.iterate_map(logistic(2.0), 0.1, 2)
    np.testing.assert_allclose(x, [orbit[0], orbit[0], orbit[1], orbit[1], orbit[2]])
    np.testing.assert_allclose(y, [orbit[0], orbit[1], orbit[1], orbit[2], orbit[2]])


def test_first_passage():
    orbits = np.array([[0.1, 0.5, 0.99, 1.0], [0.1, 0.1, 0.1, 0.1]])
    np.testing.assert_array_equal(mc.first_passage(orbits, 0.99), [2.0, np.inf])


def test_map_errors_are_clear():
    with pytest.raises(TypeError, match="func must be callable"):
        mc.iterate_map(3, 0.1, 2)
    with pytest.raises(ValueError, match="steps must be >= 0"):
        mc.iterate_map(logistic(2.0), 0.1, -1)
    with pytest.raises(ValueError, match="func must not return NaN or inf"):
        mc.iterate_map(lambda x: x + np.inf, 0.1, 1)
    with pytest.raises(ValueError, match="lower must be < upper"):
        mc.fixed_points(logistic(2.0), 1.0, 0.0)


@st.composite
def frequencies(draw):
    w = draw(arrays(float, st.integers(2, 6), elements=st.floats(1e-3, 1.0)))
    return w / w.sum()


capacities = st.floats(0.1, 20.0)


@given(frequencies(), capacities, st.sampled_from(["log", "exp"]))
def test_allocation_is_feasible(pi, capacity, quality):
    c = mc.optimal_allocation(pi, capacity, quality, scale=0.7)
    assert np.all(c >= 0)
    assert c.sum() == pytest.approx(capacity)


@given(frequencies(), capacities, st.floats(0.2, 3.0))
def test_exp_closed_form_is_optimal_among_random_feasible_allocations(pi, capacity, scale):
    best = mc.optimal_allocation(pi, capacity, "exp", scale)
    rng = np.random.default_rng(0)
    others = capacity * rng.dirichlet(np.ones(pi.size), size=200)
    value = mc.expected_quality(pi, best, "exp", scale)
    assert np.all(mc.expected_quality(pi, others, "exp", scale) <= value + 1e-12)


def test_exp_closed_form_when_every_class_is_active():
    pi = np.array([0.5, 0.3, 0.2])
    c = mc.optimal_allocation(pi, 6.0, "exp", scale=1.5)
    expected = 6.0 / 3 + 1.5 * (np.log(pi) - np.log(pi).mean())
    np.testing.assert_allclose(c, expected)


def test_water_filling_switches_rare_classes_off():
    c = mc.optimal_allocation([0.97, 0.02, 0.01], 1.0, "exp")
    assert c[2] == 0.0
    assert c.sum() == pytest.approx(1.0)


@settings(max_examples=10, deadline=None)  # each example runs the numeric solver twice (~0.5 s each)
@given(frequencies(), capacities)
def test_numeric_solver_matches_both_closed_forms(pi, capacity):
    np.testing.assert_allclose(mc.optimal_allocation(pi, capacity, np.log), capacity * pi, rtol=1e-6)
    exact = mc.optimal_allocation(pi, capacity, "exp", scale=0.8)
    numeric = mc.optimal_allocation(pi, capacity, lambda c: -np.expm1(-c / 0.8))
    np.testing.assert_allclose(numeric, exact, atol=1e-6 * capacity)


def test_allocation_is_vectorised_over_rows():
    pi = np.array([[0.7, 0.3], [0.2, 0.8]])
    np.testing.assert_allclose(mc.optimal_allocation(pi, 2.0, "log"), 2.0 * pi)
    assert mc.optimal_allocation(pi, 2.0, np.sqrt).shape == (2, 2)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"frequencies": [0.6, 0.6]}, ValueError, "frequencies must sum to 1"),
        ({"capacity": 0.0}, ValueError, "capacity must be > 0"),
        ({"capacity": np.nan}, ValueError, "capacity must be finite"),
        ({"quality": "cubic"}, ValueError, "quality must be 'log', 'exp' or a callable"),
        ({"quality": 3}, TypeError, "quality must be 'log', 'exp' or a callable"),
        ({"quality": np.square}, ValueError, "quality must be concave"),
        ({"quality": lambda c: -c}, ValueError, "quality must be strictly increasing"),
        ({"scale": -1.0}, ValueError, "scale must be > 0"),
    ],
)
def test_allocation_errors_name_the_parameter(kwargs, error, words):
    arguments = {"frequencies": [0.5, 0.5], "capacity": 1.0, "quality": "exp", "scale": 1.0} | kwargs
    with pytest.raises(error, match=words):
        mc.optimal_allocation(**arguments)


def test_expected_quality_of_an_unused_class_without_capacity_is_clean():
    # "log" gives -inf to a class with no capacity; an unused class must add 0, not 0 * -inf.
    with np.errstate(all="raise"):
        assert mc.expected_quality([1.0, 0.0], [2.0, 0.0], "log") == pytest.approx(np.log(2.0))


def test_quality_curves_that_fail_where_the_solver_looks_are_refused():
    # Concave on the checked grid (c >= C/64) but NaN below c = 0.01, where the KKT solver looks.
    with pytest.raises(ValueError, match="quality must not return NaN"):
        mc.optimal_allocation([0.5, 0.3, 0.2], 2.0, lambda c: np.where(c < 0.01, np.nan, np.sqrt(c)))
    with pytest.raises(ValueError, match="quality must not return NaN"):
        mc.expected_quality([0.5, 0.5], [1.0, 1.0], lambda c: c * np.nan)
