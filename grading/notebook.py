"""Grading one notebook: hidden cases in, the student's outputs back, the verdict made here.

:func:`prepare` draws an exercise's hidden cases for a run's seed and computes the references'
values in this process. :func:`grade` runs the notebook in a sandbox (``runner.run``), which
returns only what the student's function returned on each case; :func:`judge` compares those
outputs with the references, with the tolerances and the messages of the students' self-check
(``mctools.exercises``). Nothing the notebook prints is read.

An exercise earns its points when every hidden case matches, the function ran none of the code
the exercise forbids, and the run raised no tamper flag; a flagged notebook earns nothing until an
instructor has reviewed the flags (the ``review`` column of the gradebook). Every cell that raised
is reported, whatever the verdict.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import mctools
from mctools.exercises._core import Outcome, forbidden_message, lookup, mismatch

from .references import hidden, hidden_cases
from .runner import Limits, Task, run

__all__ = ["Graded", "HiddenTest", "Unreadable", "Verdict", "code_cells", "grade", "judge", "prepare"]

GRADER = Path(__file__).resolve().parent
MCTOOLS = Path(mctools.__file__).resolve().parent


@dataclass(frozen=True)
class HiddenTest:
    """An autograded exercise ready to grade: the function's name, the hidden cases and their expected values."""

    label: str
    function: str
    points: float
    cases: tuple[tuple, ...]
    expected: tuple[np.ndarray, ...]
    forbidden: tuple[str, ...]
    rtol: float
    atol: float


def prepare(label: str, function: str, seed: int) -> HiddenTest:
    """Exercise ``label``, answered by a function named ``function``, with the hidden cases of ``seed``."""
    public, private = lookup(label), hidden(label)
    cases = tuple(hidden_cases(label, seed))
    expected = tuple(np.asarray(private.reference(*case), dtype=float) for case in cases)
    return HiddenTest(label, function, private.points, cases, expected, public.forbidden, public.rtol, public.atol)


@dataclass(frozen=True)
class Verdict:
    label: str
    points: float
    max_points: float
    message: str


@dataclass(frozen=True)
class Graded:
    """One notebook's grade: a verdict per exercise, every error of its cells, the tamper flags."""

    verdicts: tuple[Verdict, ...]
    errors: tuple[str, ...]
    review: tuple[str, ...]


class Unreadable(Exception):  # noqa: N818 (a notebook that cannot be read, not a failure of the grader)
    """The submission is not a notebook the grader can read."""


def code_cells(path: Path) -> list[tuple[int, str]]:
    """``(index among all cells, source)`` of every code cell of the notebook at ``path``."""
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Unreadable(f"{Path(path).name} is not valid JSON: {error}") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise Unreadable(f"{Path(path).name} is not a Jupyter notebook (nbformat 4): it has no list of cells")
    found = []
    for index, cell in enumerate(cells):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code" and isinstance(source, str) and source.strip():
            found.append((index, source))
    return found


def _outcome(reply) -> Outcome | None:
    """The sandbox's account of one case, checked (it comes from the student's process)."""
    if not isinstance(reply, dict):
        return None
    if "shape" in reply:
        shape = reply["shape"]
        if not (isinstance(shape, list) and all(isinstance(n, int) and n >= 0 for n in shape)):
            return None
        if reply.get("data") is None:  # too many numbers to send: only the shape can be judged
            return Outcome(value=np.broadcast_to(np.nan, tuple(shape)))
        try:
            return Outcome(value=np.array(reply["data"], dtype=float).reshape(shape))
        except (TypeError, ValueError):
            return None
    if reply.get("unfinished") is True:
        return Outcome(unfinished=True)
    for key in ("raised", "returned"):
        if isinstance(reply.get(key), str):
            return Outcome(**{key: reply[key][:500]})
    return None


def judge(exercise: HiddenTest, answer: dict, flags: tuple[str, ...] | list[str], timeout: float) -> Verdict:
    """The verdict on one exercise from the sandbox's ``answer`` (see ``runner.Report.answers``)."""
    name = exercise.function

    def fail(message: str) -> Verdict:
        return Verdict(exercise.label, 0.0, exercise.points, message)

    if not isinstance(answer, dict):
        return fail("not graded: the sandbox gave no answer")
    if "problem" in answer:
        return fail(str(answer["problem"]))
    calls = answer.get("calls") or []
    if calls:
        return fail(forbidden_message(name, [str(c) for c in calls]))
    if answer.get("timed_out"):
        return fail(f"{name} did not finish the hidden cases within the time limit of {timeout:g} s.")
    outcomes = answer.get("outcomes") if isinstance(answer.get("outcomes"), list) else []
    for index, (arguments, expected) in enumerate(zip(exercise.cases, exercise.expected, strict=True)):
        if index >= len(outcomes):
            return fail(f"{name} stopped the grading after {index} of {len(exercise.cases)} hidden cases.")
        outcome = _outcome(outcomes[index])
        if outcome is None:
            return fail("the grading process sent an unreadable answer: see the review column")
        problem = mismatch(name, arguments, outcome, expected, exercise.rtol, exercise.atol)
        if problem:
            where = "" if outcome.unfinished else f"hidden case {index + 1} of {len(exercise.cases)}: "
            return fail(where + problem)
    passed = f"all {len(exercise.cases)} hidden cases match."
    if flags:
        return fail(f"{passed} Points held until an instructor reviews the flags (review column).")
    return Verdict(exercise.label, exercise.points, exercise.points, passed)


def grade(path: Path, exercises: list[HiddenTest], limits: Limits, *, blocked: tuple[str, ...] = ()) -> Graded:
    """Run the notebook at ``path`` in a sandbox and grade ``exercises`` on it.

    ``blocked`` names folders and files the student's code may not open besides the grader's
    own folder (give the course notebooks, which hold the solutions).
    """
    try:
        cells = code_cells(path)
    except Unreadable as error:
        verdicts = tuple(Verdict(e.label, 0.0, e.points, f"not graded: {error}") for e in exercises)
        return Graded(verdicts, (str(error),), ())
    tasks = [Task(e.label, e.function, e.cases, e.forbidden) for e in exercises]
    protected = [str(MCTOOLS) + os.sep]
    blocked = [str(GRADER) + os.sep, *(os.path.realpath(b) for b in blocked)]
    report = run(cells, tasks, limits, protected=protected, blocked=blocked)
    errors = [f"cell {index}: {error}" for index, error in sorted(report.errors.items())]
    if report.failure:
        errors.append(report.failure)
    verdicts = tuple(judge(e, report.answers.get(e.label), report.flags, limits.timeout) for e in exercises)
    return Graded(verdicts, tuple(errors), tuple(report.flags))
