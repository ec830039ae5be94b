"""Bad inputs for ``mctools.charts``."""

from __future__ import annotations

import altair as alt
import numpy as np

from mctools import charts

from .entry import Entry
from .values import CHOICE, COUNT, FLAG, NAN, POSITIVE

TEXT = [None, 3, "", ["a"], b"bytes"]
OPTIONAL_TEXT = [3, "", ["a"], b"bytes"]
X = [0.0, 0.5, 1.0]
NUMBERS = [None, "abc", [True, False, True], [1 + 2j, 0, 1], [[0.0, 1.0], [0.0]], []]
SERIES = {"a": [0.0, 0.5, 1.0], "b": [1.0, 0.5, 0.0]}
BAD_SERIES = [*NUMBERS, {}, {"a": [0.0, 1.0]}, {3: X}, {"": X}, {"a": ["p", "q", "r"]}, {"a": [[0.0, 1.0, 2.0]] * 2}]
FRAME = ["abc", 3, [], [1.0, 1.0], ["a", "a"], [NAN, 1.0], [[1.0, 2.0]]]
PANEL = OPTIONAL_TEXT
COLOR = ["red", 3, "#12345", "#GGGGGG"]
SIZE = [0.0, -1.0, "big", NAN]
LAYER = charts.lines(X, SERIES)
DESCRIPTION = "Two lines against x: a rises from 0 to 1, b falls from 1 to 0; they cross at one half."
FIGURE = {"title": "A finding", "description": DESCRIPTION, "x": "x (units)", "y": "y (units)"}
SLIDER = charts.slider("k", [1.0, 2.0], "k ")


def step(x, v=1.0):
    return x**2


ENTRIES = [
    Entry(charts.setup, {}, {}, prefix="charts."),
    Entry(
        charts.records,
        {"digits": 3, "columns": {"t": [0, 1, 2], "share": [0.25, 0.5, 0.75]}},
        {
            "digits": COUNT,
            "columns": [
                {},  # no column at all
                {"t": [0, 1, 2], "share": [0.5, 0.5]},  # unequal lengths
                {"t": [[0, 1], [2, 3]]},  # not one-dimensional
                {"t": [0, 1, 2], "share": [[0.5, 0.5, 0.5]]},
            ],
        },
        prefix="charts.",
    ),
    Entry(
        charts.slider,
        {"name": "temperature", "values": [0.5, 1.0, 1.5], "label": "T ", "start": 1.5},
        {
            "name": ["", "1st", "not an identifier", None, 3],
            "values": [[1.0], [], [1.0, NAN], [1.0, 0.5, 0.0], [0.0, 1.0, 3.0], [[0.5, 1.0]], "ab", None],
            "label": TEXT,
            "start": [1.25, 2.0, NAN, "1.0", True],
        },
        prefix="charts.",
    ),
    Entry(
        charts.menu,
        {"name": "knob", "options": ["a", "b"], "label": "knob ", "start": "b"},
        {
            "name": ["", "1st", None, 3],
            "options": [["a"], ["a", "a"], "ab", 3, ["a", 3], ["a", ""]],
            "label": TEXT,
            "start": ["c", 3],
        },
        prefix="charts.",
    ),
    Entry(
        charts.matches,
        {"field": "T", "parameter": alt.param(name="temperature", value=1.0), "tolerance": 1e-6},
        {"field": TEXT, "parameter": [None, 1.0, "temperature"], "tolerance": POSITIVE},
        prefix="charts.",
    ),
    Entry(charts.ordered_colors, {"n": 3}, {"n": [0, 8, 2.5, "3", True, None]}, prefix="charts."),
    Entry(
        charts.axis,
        {
            "title": "x (units)",
            "scale": "log",
            "domain": (1, 10),
            "format": ".2f",
            "ticks": (1, 10),
            "zero": False,
            "reverse": False,
            "label_angle": -45,
        },
        {
            "title": OPTIONAL_TEXT,
            "scale": [*CHOICE, "logit"],
            "domain": [(1,), (2, 1), (0, 10), ("a", "b"), "ab", (NAN, 1)],
            "format": OPTIONAL_TEXT,
            "ticks": ["ab", [], ["a"], [True], 3],
            "zero": [1, 0, "yes", np.float64(1.0)],
            "reverse": FLAG,
            "label_angle": ["-45", True, [1]],
        },
        prefix="charts.",
    ),
    Entry(
        charts.lines,
        {
            "x": X,
            "y": SERIES,
            "series": None,
            "frame": None,
            "panel": "p",
            "dash": {"a": [2, 2]},
            "step": False,
            "points": True,
            "thin": False,
            "color": None,
        },
        {
            "x": NUMBERS[:-1],
            "y": BAD_SERIES,
            "series": [3, ["a"], ""],
            "frame": FRAME,
            "panel": PANEL,
            "dash": [{"c": [2, 2]}, {"a": [2]}, {"a": [0, 2]}, 3, "yes"],
            "step": FLAG,
            "points": FLAG,
            "thin": FLAG,
            "color": COLOR,
        },
        prefix="charts.",
    ),
    Entry(
        charts.points,
        {
            "x": X,
            "y": SERIES,
            "series": None,
            "low": None,
            "high": None,
            "frame": None,
            "panel": None,
            "hollow": True,
            "size": 30.0,
            "color": None,
        },
        {
            "x": NUMBERS[:-1],
            "y": BAD_SERIES,
            "series": [3, ["a"], ""],
            "low": [{"b": X}, {"a": X, "b": X, "c": X}],
            "high": [{"a": X, "b": X}, [0.0, 1.0]],
            "error": [{"a": X}, {"a": [-1.0] * 3, "b": X}, "ab", {"a": "ab", "b": X}],
            "frame": FRAME,
            "panel": PANEL,
            "hollow": FLAG,
            "size": SIZE,
            "color": COLOR,
        },
        prefix="charts.",
    ),
    Entry(
        charts.band,
        {"x": X, "low": X, "high": [1.0, 1.5, 2.0], "series": "band", "frame": None, "panel": None},
        {
            "x": NUMBERS[:-1],
            "low": NUMBERS,
            "high": NUMBERS[:-1],
            "series": [3, "", ["a"]],
            "frame": FRAME,
            "panel": PANEL,
            "color": COLOR,
        },
        prefix="charts.",
    ),
    Entry(
        charts.bars,
        {
            "x": ["a", "b"],
            "y": {"yes": [0.2, 0.5], "no": [0.8, 0.5]},
            "series": None,
            "x2": None,
            "frame": None,
            "panel": None,
            "horizontal": True,
        },
        {
            "x": [[0.0, 1.0], None, "ab"],
            "y": [None, "abc", {}, {"yes": ["p", "q"]}, {"yes": [0.2, 0.5, 0.7]}],
            "series": [3, "", ["a"]],
            "x2": [[1.0, 2.0], "ab"],
            "frame": FRAME,
            "panel": PANEL,
            "horizontal": FLAG,
        },
        prefix="charts.",
    ),
    Entry(
        charts.tiles,
        {"x": ["a", "b"], "y": ["c", "d"], "value": [1.0, 2.0], "x2": None, "y2": None, "panel": None},
        {
            "x": [None, [[1.0, 2.0]], [1.0, 2.0, 3.0]],
            "y": [None, [[1.0, 2.0]], [1.0, 2.0, 3.0]],
            "value": [None, "ab", [[1.0, 2.0]], [True, False]],
            "x2": [[1.0, 2.0]],
            "y2": [[1.0, 2.0]],
            "panel": PANEL,
        },
        prefix="charts.",
    ),
    Entry(
        charts.rule,
        {"x": [0.2, 0.4], "y": None, "label": "threshold", "frame": [1.0, 2.0], "panel": None},
        {
            "x": ["ab", [0.2], None],
            "y": [0.5],
            "label": OPTIONAL_TEXT,
            "frame": FRAME,
            "panel": PANEL,
        },
        prefix="charts.",
    ),
    Entry(
        charts.diagonal,
        {"low": 0.0, "high": 2.0, "panel": None},
        {"low": [2.0, 3.0, NAN, "0", None], "high": [0.0, -1.0, NAN, "1", None], "panel": PANEL},
        prefix="charts.",
    ),
    Entry(
        charts.histogram,
        {"edges": [0.0, 0.5, 1.0], "heights": [1.0, 2.0], "series": "count", "frame": None, "panel": None},
        {
            "edges": [[0.0], [1.0, 0.0, 2.0], "ab", None, [[0.0, 1.0]]],
            "heights": [[1.0], "ab", None, {}],
            "series": [3, ""],
            "frame": FRAME,
            "panel": PANEL,
        },
        prefix="charts.",
    ),
    Entry(
        charts.figure,
        {
            "layers": [LAYER, charts.rule(x=0.5)],
            **FIGURE,
            "subtitle": ["a", "b"],
            "legend": "series",
            "colors": {"a": "dog", "b": "#000000"},
            "ordered": False,
            "control": None,
            "columns": None,
            "independent_y": False,
            "color_axis": None,
            "scheme": "viridis",
            "width": 400,
            "height": 300,
        },
        {
            "layers": [[], [None], ["lines"], [charts.rule(x=0.5)], [charts.lines(X, {"a": [X, X]}, frame=[1.0, 2.0])]],
            "title": TEXT,
            "description": [*TEXT, "too short"],
            "x": [None, 3, "", charts.axis(None)],
            "y": [3, "", charts.axis(None)],
            "subtitle": [3, "", [], ["a", 3]],
            "legend": OPTIONAL_TEXT,
            "colors": [{"c": "#000000"}, {"a": "red"}, "dog", 3],
            "ordered": FLAG,
            "control": [SLIDER, "slider", 3],
            "columns": [2, 0, "2"],
            "independent_y": FLAG,
            "color_axis": [3, ""],
            "scheme": ["", 3, None],
            "width": [0, 10, 5000, "400", True],
            "height": [0, 10, 5000, "300", 300.5],
        },
        prefix="charts.",
    ),
    Entry(
        charts.cobweb,
        {
            "step": step,
            "start": 0.2,
            "steps": 3,
            "extra": [charts.rule(x=0.5)],
            "curve_name": "G",
            "walk_name": "walk",
            "domain": (0.0, 1.0),
            "frame": None,
            "height": 300,
            "options": FIGURE,
        },
        {
            "step": [None, 3, "x**2"],
            "start": [NAN, "0.2", None, [0.1, 0.2]],
            "steps": COUNT,
            "extra": [[None], ["rule"]],
            "curve_name": TEXT,
            "walk_name": TEXT,
            "domain": [(1.0, 0.0), (0.0,), "ab", (NAN, 1.0)],
            "frame": [*FRAME, [1.0, 2.0]],
            "color": COLOR,
            "height": [0, "300", 5000],
        },
        exempt={"options": "passed on to charts.figure, whose own entry sweeps every option"},
        prefix="charts.",
    ),
    Entry(
        charts.heatmap,
        {
            "columns": [0.0, 0.5, 1.0],
            "rows": [0.0, 1.0, 2.0],
            "values": np.ones((2, 2)),
            "extra": [charts.rule(x=0.5)],
            "column_format": "{:.2f}",
            "row_format": "{:g}",
            "options": FIGURE,
        },
        {
            "columns": [None, [0.0, 0.5], "ab", [[0.0, 0.5, 1.0]]],
            "rows": [None, [0.0], "ab"],
            "values": [None, np.ones(4), "ab", np.ones((3, 3))],
            "extra": [[None], ["rule"]],
            "column_format": ["{}{}", "{:d}", 3, "{x}"],
            "row_format": ["{}{}", "{:d}", 3, "{x}"],
        },
        exempt={"options": "passed on to charts.figure, whose own entry sweeps every option"},
        prefix="charts.",
    ),
    Entry(
        charts.pictures,
        {
            "images": np.ones((2, 1, 4)),
            "classes": [["eight"], ["real"]],
            "rows": ["a real eight", "a real zero"],
            "columns": ["prompt"],
            **{key: FIGURE[key] for key in ("title", "description")},
            "subtitle": "generation 1",
            "shown": [True, True, False, False],
            "ink": (0.0, 16.0),
            "colors": {"real": "#000000"},
            "legend": "drawn as",
            "column_title": "shown as",
            "size": 56,
        },
        {
            "images": [None, "ab", np.ones((2, 1, 3)), np.ones((1, 1, 4)), np.ones((2, 4)), np.full((2, 1, 4), NAN)],
            "classes": [None, [["eight"]], [["eight"], [3]], [["eight"], ["unicorn"]], "eight"],
            "rows": [None, "ab", ["a", "a"], ["a"], ["a", ""], ["a", 3]],
            "columns": [None, "prompt", [], ["a", "b"], [3]],
            "title": TEXT,
            "description": [*TEXT, "too short"],
            "subtitle": [3, "", [], ["a", 3]],
            "shown": [[1, 1, 0, 0], [True, False], "ab"],
            "ink": [(16.0, 0.0), (0.0,), (NAN, 1.0), "ab", None],
            "colors": [{"unicorn": "#000000"}, {"real": "black"}, "real", 3],
            "legend": TEXT,
            "column_title": OPTIONAL_TEXT,
            "size": [0, 10, 500, "56", True, 56.5],
        },
        prefix="charts.",
    ),
]
