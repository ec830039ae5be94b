"""Bulk grading (scripts/grade.py) on fake students made from the first chapter's student notebook.

* alice (a subfolder) pasted the solution into every stub: every exercise passes;
* bob (a file-name prefix) handed the stubs back: every exercise is NOT YET, with the reason;
* carol's notebook kills its kernel: every expected exercise fails with the error;
* dave edited the check cell so that it passes on anything: reported as edited, not passed.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
CHAPTER = next(p for p in sorted(BOOK.glob("*.ipynb")) if '"check"' in p.read_text(encoding="utf-8"))


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def solutions_by_stub(full) -> dict[str, str]:
    """{stub cell id: source of the hidden solution cell that answers it}, from the full notebook."""
    answers = {}
    for i, cell in enumerate(full.cells):
        if "check" in tags(cell):
            before = full.cells[:i]
            stub = next(c for c in reversed(before) if "stub" in tags(c))
            solution = next(c for c in reversed(before) if c.cell_type == "code" and "solution" in tags(c))
            answers[stub.id] = solution.source
    return answers


@pytest.mark.notebooks
def test_grade_two_students_and_two_problems(student_notebooks: Path, tmp_path: Path) -> None:
    full = nbformat.read(CHAPTER, as_version=4)
    handed_out = student_notebooks / CHAPTER.relative_to(BOOK)
    labels = [re.search(r"check\(\s*[\"']([\w-]+)", c.source)[1] for c in full.cells if "check" in tags(c)]
    submissions = tmp_path / "submissions"

    alice = nbformat.read(handed_out, as_version=4)
    answers = solutions_by_stub(full)
    for cell in alice.cells:
        cell.source = answers.get(cell.id, cell.source)
    (submissions / "alice").mkdir(parents=True)
    nbformat.write(alice, submissions / "alice" / CHAPTER.name)

    bob = nbformat.read(handed_out, as_version=4)
    nbformat.write(bob, submissions / f"bob__{CHAPTER.name}")

    carol = nbformat.read(handed_out, as_version=4)
    carol.cells.insert(0, new_code_cell("import os\nos._exit(1)"))
    nbformat.write(carol, submissions / f"carol__{CHAPTER.name}")

    dave = nbformat.read(handed_out, as_version=4)
    checks = [c for c in dave.cells if "check" in tags(c)]
    dave.cells = [c for c in dave.cells if c.cell_type == "code"][:1] + checks  # imports, then the checks
    for cell, label in zip(checks, labels, strict=True):
        # a check that displays PASSED whatever the answer
        cell.source = f'(exercises.check("{label}", print), exercises.CheckResult("{label}", True, "trust me"))[1]'
    nbformat.write(dave, submissions / f"dave__{CHAPTER.name}")

    grades = tmp_path / "grades.csv"
    command = [sys.executable, str(REPO / "scripts" / "grade.py"), str(submissions), "--output", str(grades),
               "--jobs", "2", "--timeout", "300"]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with grades.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["student", "notebook", "exercise", "passed", "message"]
    by_student: dict[str, dict[str, dict]] = {}
    for row in rows:
        assert row["notebook"] == CHAPTER.name
        by_student.setdefault(row["student"], {})[row["exercise"]] = row
    assert set(by_student) == {"alice", "bob", "carol", "dave"}
    for student in by_student.values():
        assert sorted(student) == sorted(labels), f"expected one row per exercise {labels}: {student}"

    for label in labels:
        assert by_student["alice"][label]["passed"] == "true", by_student["alice"][label]
        assert "cases match" in by_student["alice"][label]["message"]
        assert by_student["bob"][label]["passed"] == "false"
        assert "NotImplementedError" in by_student["bob"][label]["message"]
        assert by_student["carol"][label]["passed"] == "false"
        assert "did not run" in by_student["carol"][label]["message"]
        assert by_student["dave"][label]["passed"] == "false"
        assert "edited" in by_student["dave"][label]["message"]
