"""Bad inputs for ``mctools.exercises``."""

from __future__ import annotations

from mctools import exercises

from .entry import Entry
from .values import CHOICE


def _stub(*args):
    raise NotImplementedError


ENTRIES = [
    Entry(exercises.available, {}, {}, prefix="exercises."),
    Entry(
        exercises.check,
        {"exercise": "ex-ch01-map-policy", "answer": _stub},
        {"exercise": [*CHOICE, "ex-ch99-nothing", ["ex-ch01-map-policy"]]},
        exempt={"answer": "a student's answer is judged, not validated: check reports NOT YET, never raises"},
        prefix="exercises.",
    ),
]
