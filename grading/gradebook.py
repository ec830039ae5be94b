"""A class's gradebook: every submitted notebook graded, one CSV row per student.

The submissions are a folder of notebooks, one subfolder per student or the student's name as a
file-name prefix followed by two underscores::

    submissions/alice/01_image_generator.ipynb      -> student "alice"
    submissions/carol__01_image_generator.ipynb     -> student "carol"

A notebook is graded on the autograded exercises of the course notebook with the same file name
(``reference``, default ``book/``), read with the notebook model (``coursekit``): the function
each check cell names. The gradebook has a column per autograded exercise of the chapters handed
in (its points), ``total``, ``errors`` (every cell that raised, with its index counted from 0 and
the exception), ``review`` (tamper flags; their notebooks earn no points until reviewed) and
``feedback`` (why each exercise earned what it did).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import coursekit

from .notebook import Graded, HiddenTest, grade, prepare
from .runner import Limits

__all__ = ["PREFIX_SEPARATOR", "Submission", "course_exercises", "find_submissions", "grade_class", "write_csv"]

PREFIX_SEPARATOR = "__"
SEPARATOR = " | "  # between the entries of one gradebook cell


@dataclass(frozen=True)
class Submission:
    student: str  # "" if the path does not say
    notebook: str  # the course notebook's file name, e.g. 01_image_generator.ipynb
    path: Path


def find_submissions(folder: Path) -> Iterator[Submission]:
    """Every notebook under ``folder`` with its student (subfolder, or file-name prefix)."""
    for path in sorted(Path(folder).rglob("*.ipynb")):
        relative = path.relative_to(folder)
        if ".ipynb_checkpoints" in relative.parts:
            continue
        if len(relative.parts) > 1:
            yield Submission(relative.parts[0], path.name, path)
        elif PREFIX_SEPARATOR in path.name:
            student, notebook = path.name.split(PREFIX_SEPARATOR, 1)
            yield Submission(student, notebook, path)
        else:
            yield Submission("", path.name, path)


def course_exercises(reference: Path) -> dict[str, list[tuple[str, str]]]:
    """``{chapter file name: [(label, function name), ...]}`` for the chapters with autograded exercises."""
    found = {}
    for path in coursekit.chapters(reference):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if autograded := coursekit.autograded(cells):
            found[path.name] = [(a.label, a.function) for a in autograded]
    return found


def _grade_one(job: tuple[Path, list[HiddenTest], Limits, tuple[str, ...]]) -> Graded:
    path, exercises, limits, blocked = job
    return grade(path, exercises, limits, blocked=blocked)


def grade_class(
    submissions: list[Submission], reference: Path, *, seed: int, limits: Limits, jobs: int = 1
) -> tuple[list[str], list[dict[str, str]]]:
    """Grade every submission; return the gradebook's columns and its rows, one per student.

    Parameters
    ----------
    submissions : list of Submission
    reference : pathlib.Path
        The folder of the course notebooks (with solutions): the exercises to grade come from
        their check cells. The students' code may not open it.
    seed : int
        Draws the hidden cases, the same for every student.
    limits : runner.Limits
    jobs : int
        Notebooks graded at once.
    """
    course = course_exercises(reference)
    handed_in = [name for name in course if any(s.notebook == name for s in submissions)]
    prepared = {name: [prepare(label, function, seed) for label, function in course[name]] for name in handed_in}
    labels = [e.label for name in handed_in for e in prepared[name]]

    rows: dict[str, dict] = {}

    def row(student: str) -> dict:
        return rows.setdefault(student, {"points": {}, "errors": [], "review": [], "feedback": {}})

    jobs_to_run, graded_for = [], []
    seen = set()
    for submission in submissions:
        entry = row(submission.student)
        where = submission.path.name
        if not submission.student:
            entry["errors"].append(
                f"{where}: cannot tell the student: put it in a folder named after the student "
                f"or name it <student>{PREFIX_SEPARATOR}<notebook>.ipynb"
            )
        elif submission.notebook not in course:
            entry["errors"].append(f"{where}: not a chapter with autograded exercises ({', '.join(course)})")
        elif (submission.student, submission.notebook) in seen:
            entry["errors"].append(f"{where}: a second {submission.notebook} of this student, not graded")
        else:
            seen.add((submission.student, submission.notebook))
            jobs_to_run.append((submission.path, prepared[submission.notebook], limits, (str(reference),)))
            graded_for.append(submission)
    if jobs > 1 and len(jobs_to_run) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_grade_one, jobs_to_run))
    else:
        results = [_grade_one(job) for job in jobs_to_run]

    for submission, graded in zip(graded_for, results, strict=True):
        entry = row(submission.student)
        entry["errors"] += [f"{submission.notebook} {error}" for error in graded.errors]
        entry["review"] += [f"{submission.notebook} {flag}" for flag in graded.review]
        for verdict in graded.verdicts:
            entry["points"][verdict.label] = verdict.points
            entry["feedback"][verdict.label] = verdict.message

    columns = ["student", *labels, "total", "errors", "review", "feedback"]
    table = []
    for student in sorted(rows):
        entry = rows[student]
        points = {label: entry["points"].get(label, 0.0) for label in labels}
        feedback = {label: entry["feedback"].get(label, "no notebook handed in") for label in labels}
        table.append({
            "student": student,
            **{label: f"{value:g}" for label, value in points.items()},
            "total": f"{sum(points.values()):g}",
            "errors": SEPARATOR.join(entry["errors"]),
            "review": SEPARATOR.join(entry["review"]),
            "feedback": SEPARATOR.join(f"{label}: {message}" for label, message in feedback.items()),
        })  # fmt: skip
    return columns, table


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write the gradebook as CSV (UTF-8), creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
