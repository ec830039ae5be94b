"""Bad inputs for ``mctools.charts``."""

from __future__ import annotations

import altair as alt

from mctools import charts

from .entry import Entry
from .values import CHOICE, COUNT, NAN, POSITIVE

ROWS = [{"t": 0, "share": 0.5, "class": "dog"}, {"t": 1, "share": 0.6, "class": "dog"}]
TEXT = [None, 3, "", ["a"], b"bytes"]
FIELD = [*CHOICE, "no_such_field", ["t"]]

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
        charts.class_scale,
        {"classes": ["dog", "cat"]},
        {"classes": [[], ["dog", "unicorn"], "dog", 3, None, [3], [None]]},
        prefix="charts.",
    ),
    Entry(
        charts.line_chart,
        {
            "data": ROWS,
            "x": "t",
            "y": "share",
            "title": ["A finding", "a subtitle"],
            "x_title": "round",
            "y_title": "share",
            "color": "class",
            "colors": ["dog"],
            "y_scale": alt.Scale(type="log"),
        },
        {
            "data": [[], None, "rows", [1, 2], {"t": [0, 1]}, [{"t": 0}, "row"]],
            "x": FIELD,
            "y": FIELD,
            "title": [None, 3, "", b"bytes", [], [3], ["", "subtitle"]],
            "x_title": TEXT,
            "y_title": TEXT,
            "color": [3, "no_such_field", ["class"], ""],
            "colors": [["unicorn"], "dog", 3, []],
            "y_scale": ["log", 3, {"type": "log"}],
        },
        prefix="charts.",
    ),
    Entry(
        charts.slider,
        {"name": "temperature", "values": [0.5, 1.0, 1.5], "label": "T "},
        {
            "name": ["", "1st", "not an identifier", None, 3],
            "values": [[1.0], [], [1.0, NAN], [1.0, 0.5, 0.0], [0.0, 1.0, 3.0], [[0.5, 1.0]], "ab", None],
            "label": TEXT,
        },
        prefix="charts.",
    ),
    Entry(
        charts.matches,
        {"field": "T", "parameter": alt.param(name="temperature", value=1.0), "tolerance": 1e-6},
        {"field": TEXT, "parameter": [None, 1.0, "temperature"], "tolerance": POSITIVE},
        prefix="charts.",
    ),
]
