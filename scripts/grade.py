"""Grade the autograded exercises of a whole class: one CSV row per student and exercise.

    python scripts/grade.py SUBMISSIONS --output grades.csv [--jobs 2] [--timeout 600]

``SUBMISSIONS`` holds the students' notebooks, either one subfolder per student or with the
student's name as a file-name prefix followed by two underscores::

    submissions/alice/01_image_generator.ipynb      -> student "alice"
    submissions/carol__01_image_generator.ipynb     -> student "carol"

Each notebook runs top to bottom in a fresh kernel (this interpreter's ``python3``, so run the
script with the course's environment), from the notebook's own folder, with a time limit per
cell. An error in a cell does not stop the run, so every check still gives its verdict. The
grader then reads the outputs of the check cells (``exercises.check(label, function)``, tagged
``check``): ``PASSED [label] message`` or ``NOT YET [label] message``.

The CSV columns are ``student, notebook, exercise, passed, message``. ``passed`` is ``true``
only for a ``PASSED`` verdict. The exercises expected in a notebook are the check cells of the
course notebook with the same file name (``--reference``, default ``book/``): a check cell that
was deleted, or whose code differs from the course's, gives ``false`` with the reason. A notebook
that cannot be read or run (its kernel died, a cell exceeded ``--timeout``) gives ``false`` for
each of its exercises, with the error.

Student code runs with your permissions: run the grader in a container or a throwaway account.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
CHECK_CALL = re.compile(r"""exercises\.check\(\s*["'](?P<label>[\w-]+)["']""")
VERDICT = re.compile(r"^(?P<verdict>PASSED|NOT YET) \[(?P<label>[\w-]+)\] ?(?P<message>.*)$", re.M)
PREFIX_SEPARATOR = "__"
COLUMNS = ["student", "notebook", "exercise", "passed", "message"]


@dataclass(frozen=True)
class Row:
    student: str
    notebook: str
    exercise: str
    passed: bool
    message: str

    def csv(self) -> list[str]:
        return [self.student, self.notebook, self.exercise, "true" if self.passed else "false", self.message]


@dataclass(frozen=True)
class Submission:
    student: str
    notebook: str  # the course notebook's file name, e.g. 01_image_generator.ipynb
    path: Path


def find_submissions(folder: Path) -> Iterator[Submission]:
    """Every notebook under ``folder`` with its student (subfolder, or file-name prefix)."""
    for path in sorted(folder.rglob("*.ipynb")):
        relative = path.relative_to(folder)
        if ".ipynb_checkpoints" in relative.parts:
            continue
        if len(relative.parts) > 1:
            yield Submission(relative.parts[0], str(Path(*relative.parts[1:])), path)
        elif PREFIX_SEPARATOR in path.name:
            student, notebook = path.name.split(PREFIX_SEPARATOR, 1)
            yield Submission(student, notebook, path)
        else:
            yield Submission("", path.name, path)


def _is_check(cell) -> bool:
    return cell.cell_type == "code" and ("check" in cell.metadata.get("tags", []) or CHECK_CALL.search(cell.source))


def _squeeze(source: str) -> str:
    return re.sub(r"\s+", "", source)


def expected_checks(reference: Path, notebook: str) -> dict[str, str]:
    """``{label: check cell source}`` of the course notebook named like ``notebook``, if any."""
    path = reference / Path(notebook).name
    if not path.is_file():
        return {}
    cells = nbformat.read(path, as_version=4).cells
    return {m["label"]: c.source for c in cells if _is_check(c) and (m := CHECK_CALL.search(c.source))}


def _output_text(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type in ("execute_result", "display_data"):
        return output.get("data", {}).get("text/plain", "")
    return ""


def _verdict(cell, label: str) -> tuple[bool, str]:
    for output in cell.outputs:
        if output.output_type == "error":
            return False, f"the check cell raised {output.ename}: {output.evalue}"
        for match in VERDICT.finditer(_output_text(output)):
            if match["label"] == label:
                return match["verdict"] == "PASSED", match["message"].strip()
    return False, "the check cell printed no verdict"


def grade(submission: Submission, reference: Path, timeout: int) -> list[Row]:
    """Run one notebook and return a row per autograded exercise."""
    expected = expected_checks(reference, submission.notebook)

    def rows_for_all(message: str, labels) -> list[Row]:
        labels = list(labels) or [""]
        return [Row(submission.student, submission.notebook, label, False, message) for label in labels]

    if not submission.student:
        return rows_for_all(
            f"cannot tell the student of {submission.path.name}: put it in a folder named after the student "
            f"or name it <student>{PREFIX_SEPARATOR}<notebook>.ipynb",
            expected,
        )
    try:
        notebook = nbformat.read(submission.path, as_version=4)
    except Exception as error:  # not JSON, not a notebook
        return rows_for_all(f"the notebook cannot be read: {type(error).__name__}: {error}", expected)
    present = {m["label"] for c in notebook.cells if _is_check(c) and (m := CHECK_CALL.search(c.source))}
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(submission.path.parent)}},
    )
    try:
        client.execute()
    except Exception as error:  # a dead kernel, a cell over the time limit
        first_line = (str(error).strip().splitlines() or [""])[0]
        labels = dict.fromkeys([*expected, *sorted(present)])
        return rows_for_all(f"the notebook did not run: {type(error).__name__}: {first_line}", labels)

    rows = []
    seen = set()
    for cell in notebook.cells:
        if not _is_check(cell) or not (match := CHECK_CALL.search(cell.source)) or match["label"] in seen:
            continue
        label = match["label"]
        seen.add(label)
        passed, message = _verdict(cell, label)
        if label in expected and _squeeze(cell.source) != _squeeze(expected[label]):
            passed, message = False, f"the check cell was edited; restore it as: {expected[label].strip()}"
        rows.append(Row(submission.student, submission.notebook, label, passed, message))
    for label in expected:
        if label not in seen:
            rows.append(Row(submission.student, submission.notebook, label, False, "no check cell for this exercise"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder of student notebooks")
    parser.add_argument("--output", type=Path, required=True, help="the CSV file to write")
    parser.add_argument("--reference", type=Path, default=REPO / "book", help="the course notebooks (default: book/)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default: 600)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default: 1)")
    args = parser.parse_args()

    submissions = list(find_submissions(args.submissions))
    if not submissions:
        sys.exit(f"no notebook found in {args.submissions}")
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            n = len(submissions)
            graded = list(pool.map(grade, submissions, [args.reference] * n, [args.timeout] * n))
    else:
        graded = [grade(s, args.reference, args.timeout) for s in submissions]
    rows = [row for rows in graded for row in rows]

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(row.csv() for row in rows)
    students = {s.student for s in submissions}
    passed = sum(row.passed for row in rows)
    summary = f"{len(submissions)} notebooks of {len(students)} students: {passed} of {len(rows)} checks passed"
    print(f"{summary}; wrote {args.output}")


if __name__ == "__main__":
    main()
