"""Chart data and storage, and the exercise checks."""

import json

import numpy as np
import pytest

import mctools as mc
from mctools import charts


def test_records_round_and_broadcast():
    rows = charts.records(x=np.array([0.123456789, 1.0]), label="dog", n=np.array([1, 2]))
    assert rows == [{"x": 0.12346, "label": "dog", "n": 1}, {"x": 1.0, "label": "dog", "n": 2}]
    assert charts.records(x=np.array([np.inf]))[0]["x"] is None


def test_records_round_a_decimal_tie_the_same_way_whatever_its_last_bits():
    # 0.425 ** 2 = 0.180625 exactly: a tie at 5 digits, which pow's last bit (CPU-dependent) decides.
    tie = 0.425**2
    neighbours = [tie]
    for direction in (1.0, 0.0):
        value = tie
        for _ in range(8):
            value = np.nextafter(value, direction)
            neighbours.append(value)
    rounded = {row["v"] for row in charts.records(v=np.array(neighbours))}
    assert len(rounded) == 1, rounded
    assert [row["v"] for row in charts.records(v=[0.123456789, 2.5e-7])] == [0.12346, 2.5e-7]


def test_records_reject_ragged_columns():
    with pytest.raises(ValueError, match="equal lengths"):
        charts.records(x=[1.0, 2.0], y=[1.0, 2.0, 3.0])


def test_slider_binds_to_the_grid():
    param = charts.slider("d", np.linspace(0.5, 2.5, 9), "separation d")
    bind = param.param.bind.to_dict()
    assert (bind["min"], bind["max"], bind["step"]) == (0.5, 2.5, 0.25)
    with pytest.raises(ValueError, match="evenly spaced"):
        charts.slider("d", [0.1, 0.2, 0.5], "d")


def test_every_check_fails_on_a_stub():
    def stub(*args):
        raise NotImplementedError

    for label in mc.exercises.available():
        result = mc.exercises.check(label, stub)
        assert not result.passed
        assert "NOT YET" in str(result)


def test_check_reports_wrong_values_and_crashes_without_raising():
    wrong = mc.exercises.check("ex-ch01-map-policy", lambda share, d: share)
    assert not wrong.passed and "expected" in wrong.message
    crash = mc.exercises.check("ex-ch01-map-policy", lambda share, d: 1 / 0)
    assert not crash.passed and "ZeroDivisionError" in crash.message


def test_unknown_exercise_is_an_error():
    with pytest.raises(ValueError, match="exercise must be one of"):
        mc.exercises.check("ex-none", print)


def test_a_chart_is_stored_as_vega_lite_json_with_a_text_stand_in():
    """The stored bundle: the spec under the v5 type JupyterLab draws, and a plain-text stand-in."""
    from mctools._display import CHART_MIME_TYPE

    charts.setup()
    chart = charts.figure(
        charts.lines(np.arange(3), {"share": [0.5, 0.6, 0.7]}),
        title="Shares rise",
        subtitle="three generations",
        description="The share rises from 0.5 to 0.7 over three generations.",
        x="n",
        y="s",
    )
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {CHART_MIME_TYPE, "text/plain"}
    assert bundle[CHART_MIME_TYPE] == chart.to_dict()
    assert (
        bundle["text/plain"]
        == "Chart: Shares rise — three generations. The share rises from 0.5 to 0.7 over three generations."
    )
    again = chart._repr_mimebundle_()
    assert json.dumps(bundle, sort_keys=True) == json.dumps(
        again[0] if isinstance(again, tuple) else again, sort_keys=True
    )
