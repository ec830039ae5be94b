"""A chapter read as the course sees it: its heading, learning goals and exercises.

The exercise conventions (CONTRIBUTING.md): an exercise is a ``{exercise}`` directive titled
``Kind (★★): topic`` (a kind of :data:`KINDS`, one to three stars of :data:`DIFFICULTY`) with a
``:label: ex-chNN-short-name``; its solution is a ``{solution}`` directive naming the label; the
``mctools`` functions it uses are the ``mc.<name>`` and ``mctools.<name>`` in its text, its
stub, its solution and its hidden solution cell. The learning goals are an
``{admonition} Learning goals`` block. :func:`read_chapter` reads all of it from the notebook's
JSON, without a kernel.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .notebook import autograded, label_prefix, source

__all__ = [
    "DIFFICULTY",
    "KINDS",
    "LABEL",
    "TITLE",
    "Chapter",
    "Exercise",
    "parse_title",
    "read_chapter",
    "unknown_functions",
]

#: Exercise kinds, what each trains, and where the suggested schedule puts it.
KINDS: dict[str, tuple[str, str]] = {
    "Derivation": ("derive a result the chapter did not, in SymPy, and check it", "class"),
    "Modelling": ("compose `mctools` into a computational experiment and read its result", "homework"),
    "Autograded": ("implement a formula as a vectorised function; the grader tests it on hidden cases", "homework"),
    "Discussion": ("argue about a model's assumptions and what it says about the essay", "class"),
}
#: Stars of difficulty and the time a prepared student needs, in minutes.
DIFFICULTY: dict[int, tuple[str, int]] = {
    1: ("applies one result of the chapter", 15),
    2: ("combines several results or asks for a short argument", 30),
    3: ("an open extension of the chapter's model", 60),
}
TITLE = re.compile(rf"^(?P<kind>{'|'.join(KINDS)}) \((?P<stars>★{{1,{max(DIFFICULTY)}}})\): (?P<topic>\S.*)$")
#: An exercise label: ``ex-ch`` and the chapter's id (``01``…, ``A``), then a short lowercase name.
LABEL = re.compile(r"^ex-ch(?P<chapter>\d\d|A)-[a-z0-9]+(?:-[a-z0-9]+)*$")

_HEADING = re.compile(r"^# (?P<title>.+)$", re.M)
_GOALS = re.compile(r"^(?P<fence>`{3,}|:{3,})\{admonition\}[ \t]*Learning goals[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.M | re.S)  # fmt: skip
_EXERCISE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                       re.M | re.S)  # fmt: skip
_SOLUTION = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}[ \t]*(?P<target>[\w-]+)", re.M)
_LABEL_OPTION = re.compile(r"^:label:[ \t]*(?P<label>\S+)", re.M)
_USE = re.compile(r"(?<![\w.])(?:mc|mctools)\.(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")


def parse_title(title: str) -> tuple[str, int, str] | None:
    """``(kind, stars, topic)`` of an exercise title, or None if it breaks the convention."""
    match = TITLE.match(title.strip())
    return (match["kind"], len(match["stars"]), match["topic"]) if match else None


@dataclass(frozen=True)
class Exercise:
    """One ``{exercise}`` of a chapter and the cells that belong to it."""

    label: str | None
    title: str
    functions: tuple[str, ...]  # dotted names inside mctools, sorted
    checked_by: tuple[str, ...] = ()  # labels named by check cells after the exercise

    @property
    def kind(self) -> str | None:
        parsed = parse_title(self.title)
        return parsed[0] if parsed else None

    @property
    def difficulty(self) -> int | None:
        parsed = parse_title(self.title)
        return parsed[1] if parsed else None

    @property
    def topic(self) -> str:
        parsed = parse_title(self.title)
        return parsed[2] if parsed else self.title


@dataclass(frozen=True)
class Chapter:
    path: Path
    title: str  # the notebook's "# " heading, e.g. "The image generator"
    learning_goals: str | None  # the body of the Learning goals admonition, Markdown
    exercises: list[Exercise] = field(default_factory=list)

    def label_problems(self) -> list[str]:
        """Every exercise label that is missing, malformed, repeated or of another chapter."""
        problems, seen = [], set()
        for ex in self.exercises:
            if ex.label is None or not LABEL.match(ex.label):
                problems.append(f"{ex.title!r} has the label {ex.label!r}, not ex-chNN-short-name")
            elif not ex.label.startswith(label_prefix(self.path)):
                problems.append(f"{ex.label} should start {label_prefix(self.path)}")
            elif ex.label in seen:
                problems.append(f"{ex.label} is used twice")
            seen.add(ex.label)
        return problems


def read_chapter(path: Path) -> Chapter:
    """Read a chapter notebook (plain JSON, no kernel) into a :class:`Chapter`."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    markdown = [source(c) for c in cells if c["cell_type"] == "markdown"]
    heading = next((m["title"].strip() for text in markdown if (m := _HEADING.search(text))), Path(path).stem)
    goals = next((m["body"] for text in markdown if (m := _GOALS.search(text))), None)
    solutions: dict[str, list[str]] = {}
    for text in markdown:
        for match in _SOLUTION.finditer(text):
            solutions.setdefault(match["target"], []).append(text)
    checks = {a.check: a.label for a in autograded(cells)}

    exercises = []
    starts = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and _EXERCISE.search(source(c))]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(cells)
        # The exercise's own cells follow it, up to the next exercise or the next heading.
        own = [start]
        for i in range(start + 1, end):
            if cells[i]["cell_type"] == "markdown" and source(cells[i]).lstrip().startswith("#"):
                break
            own.append(i)
        code = [source(cells[i]) for i in own if cells[i]["cell_type"] == "code"]
        checked_by = tuple(checks[i] for i in own if i in checks)
        for match in _EXERCISE.finditer(source(cells[start])):
            label_match = _LABEL_OPTION.search(match["body"])
            label = label_match["label"] if label_match else None
            texts = [match["body"], *code, *solutions.get(label or "", [])]
            names = sorted({m["name"] for text in texts for m in _USE.finditer(text)})
            exercises.append(Exercise(label, match["title"].strip(), tuple(names), checked_by))
    return Chapter(Path(path), heading, goals, exercises)


def unknown_functions(names: tuple[str, ...] | list[str]) -> list[str]:
    """The names that are not attributes of ``mctools`` (dotted names are followed)."""
    mctools = importlib.import_module("mctools")
    missing = []
    for name in names:
        target = mctools
        for part in name.split("."):
            target = getattr(target, part, None)
            if target is None:
                missing.append(name)
                break
    return missing
