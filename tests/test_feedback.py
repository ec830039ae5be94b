"""Knobs on a self-reinforcing map: wrapped gains and the thresholds they imply."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mctools as mc
from mctools import feedback as fb


def cubic(gain):
    """A map of [0, 1] into itself with fixed points 0, 1/2, 1 and slope `gain` at 1/2 (1 < gain <= 2)."""
    return lambda x: x + 2 * (gain - 1) * x * (1 - x) * (2 * x - 1)


gains = st.floats(1.1, 2.0)  # λc = 1 - 1/g >= 0.09, so λc - 0.05 is a valid fraction


@given(gains)
def test_wrapped_gains(g):
    G = cubic(g)
    assert mc.derivative(G, 0.5) == pytest.approx(g, rel=1e-6)
    assert mc.derivative(fb.with_fresh_data(G, 0.3), 0.5) == pytest.approx(0.7 * g, rel=1e-6)
    assert mc.derivative(fb.with_exploration(G, 0.2), 0.5) == pytest.approx(0.8 * g, rel=1e-6)
    assert mc.derivative(fb.with_temperature(G, 2.0), 0.5) == pytest.approx(g / 2, rel=1e-5)


@given(gains)
def test_thresholds_separate_stable_from_unstable(g):
    G = cubic(g)
    thresholds = fb.knob_thresholds(g)
    wraps = {
        "fresh data": lambda v: fb.with_fresh_data(G, v),
        "exploration": lambda v: fb.with_exploration(G, v),
        "temperature": lambda v: fb.with_temperature(G, v),
    }
    for knob, wrap in wraps.items():
        c = float(thresholds[knob])
        above, below = (c * 1.1, c * 0.9) if knob == "temperature" else (min(1.0, c + 0.05), c - 0.05)
        assert abs(mc.derivative(wrap(above), 0.5)) < 1 < abs(mc.derivative(wrap(below), 0.5))


def test_stable_maps_need_no_knob():
    assert float(fb.knob_thresholds(0.8)["fresh data"]) == 0.0


def test_extreme_gains_and_deviations_stay_clean():
    # 1/g and D/d0 overflow float64 here; the answers do not.
    with np.errstate(all="raise"):
        assert float(fb.knob_thresholds(1e-320)["fresh data"]) == 0.0
        assert float(fb.monitoring_interval(2.0, 1e-300, 1e300)) == 1993  # floor(600 ln 10 / ln 2)


def test_monitoring_interval_keeps_the_deviation_within_tolerance():
    g, d0, tolerance = 1.5, 0.01, 0.2
    k = int(fb.monitoring_interval(g, d0, tolerance))
    assert d0 * g**k <= tolerance < d0 * g ** (k + 1)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: fb.with_fresh_data(3, 0.1), TypeError, "G must be callable"),
        (lambda: fb.with_fresh_data(cubic(2), 1.5), ValueError, "fraction must be <= 1"),
        (lambda: fb.with_fresh_data(cubic(2), [0.1, 0.2], [0.5] * 3), ValueError, "fraction, real_share must broadc"),
        (lambda: fb.monitoring_interval([1.5, 2.0], [0.01] * 3, 0.1), ValueError, "gain, initial_deviation, tol"),
        (lambda: fb.with_exploration(cubic(2), -0.1), ValueError, "epsilon must be >= 0"),
        (lambda: fb.with_temperature(cubic(2), 0.0), ValueError, "temperature must be > 0"),
        (lambda: fb.knob_thresholds(np.nan), ValueError, "gain must be finite"),
        (lambda: fb.monitoring_interval(0.9, 0.01, 0.1), ValueError, "gain must be > 1"),
        (lambda: fb.monitoring_interval(1.5, 0.2, 0.1), ValueError, "tolerated_deviation must be >= initial"),
    ],
)
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words):
        call()
