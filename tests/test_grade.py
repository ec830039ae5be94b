"""The class grader (scripts/grade.py, grading/) on adversarial submissions, each with its expected grade.

Most submissions answer a small course notebook made from chapter 1's autograded exercise (its
stub, hidden solution and check cells, under a light imports cell), so each costs a second:

* honest (the solution pasted into the stub): full points, nothing in errors or review;
* edited (a check cell rewritten to show PASSED, the stub left): no points, "NotImplementedError";
* forged (a wrong answer, and ``exercises.check`` rebound to print PASSED): no points;
* course (the answer calls ``mc.output_share``, the course's implementation): no points;
* loop (an endless loop in the function): no points, stopped by the time limit;
* crash (a cell raising ZeroDivisionError before an honest answer): full points, the error listed;
* dead (a first cell that ends its process, then an honest answer): full points, the error listed;
* malformed (not JSON): no points, reported, the run goes on;
* tamper (switches the grader's profile hook off, then calls the course's implementation): no
  points, flagged for review;
* patched (replaces the watch's functions in mctools from a cell, then calls the course's
  implementation): no points, the watch was bound before the first cell;
* pipe (writes a forged reply on every file descriptor while graded, check cell deleted): no
  points, flagged.

Then every student notebook of the book, handed back untouched (the untouched-stub case), graded
in one run with one honest chapter: they all run top to bottom without their solutions (no error,
no flag), each exercise earns nothing with "NotImplementedError", and the honest chapter earns
its point. That
run goes through the README's command, ``python scripts/grade.py``, with the system's Python
when there is one (the script re-runs itself with .venv/bin/python). Last, the Gradescope
package of a chapter, unpacked into a folder laid out like Gradescope's ``/autograder``.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

import coursekit

pytestmark = pytest.mark.notebooks  # every test here grades notebooks that run in a sandbox

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
GRADE = REPO / "scripts" / "grade.py"
CHAPTER = coursekit.chapters(BOOK)[0]  # chapter 1: the small course notebook is made from it
REAL = next(p for p in coursekit.chapters(BOOK) if p.name.startswith("08_"))  # the cheapest chapter to run
IMPORTS = "import numpy as np\nfrom scipy.special import ndtr\n\nimport mctools as mc\nfrom mctools import exercises"
TIMEOUT = "2"  # seconds per cell and per exercise for the small notebooks (their cells take milliseconds)


def _system_python() -> str:
    """A Python outside the course's environment if the machine has one, to test the README's command."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).is_file() and not Path(candidate).resolve().is_relative_to(REPO):
            return candidate
    return sys.executable


def _run_grader(submissions: Path, output: Path, *options: str, python: str = sys.executable) -> dict[str, dict]:
    command = [python, str(GRADE), str(submissions), "--output", str(output), "--seed", "20261207", *options]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with output.open(encoding="utf-8", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def _with_answer(student, stub_source: str, answer: str):
    notebook = copy.deepcopy(student)
    for cell in notebook.cells:
        if cell.source == stub_source:
            cell.source = answer
    return notebook


# ----------------------------------------------------------------------------- a small course notebook


@pytest.fixture(scope="module")
def small_course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The course folder (one notebook: chapter 1's autograded exercise) and its cells' sources."""
    full = nbformat.read(CHAPTER, as_version=4)
    exercise = coursekit.autograded(full.cells)[0]
    cells = [new_code_cell(IMPORTS), *(full.cells[i] for i in (exercise.stub, exercise.solution, exercise.check))]
    course = tmp_path_factory.mktemp("course")
    nbformat.write(nbformat.v4.new_notebook(cells=cells), course / CHAPTER.name)
    sources = {"stub": full.cells[exercise.stub].source, "solution": full.cells[exercise.solution].source}
    return course, sources | {"label": exercise.label, "function": exercise.function}


def _submissions(folder: Path, course: Path, sources: dict) -> None:
    """Write the adversarial submissions of the module docstring into ``folder``."""
    full = nbformat.read(course / CHAPTER.name, as_version=4)
    student = nbformat.v4.new_notebook(cells=[c for c in full.cells if coursekit.SOLUTION not in coursekit.tags(c)])
    label, function, stub, solution = sources["label"], sources["function"], sources["stub"], sources["solution"]
    wrong = f"def {function}(share, separation):\n    return share"
    notebooks = {
        "honest": _with_answer(student, stub, solution),
        "forged": _with_answer(student, stub, wrong),
        "course": _with_answer(student, stub, f"def {function}(share, separation):\n"
                                              "    return mc.output_share(share, separation, policy='map')"),
        "loop": _with_answer(student, stub, f"def {function}(share, separation):\n    while True:\n        pass"),
        "crash": _with_answer(student, stub, solution),
        "dead": _with_answer(student, stub, solution),
        "edited": copy.deepcopy(student),
        "tamper": _with_answer(student, stub, f"import sys\n\n\ndef {function}(share, separation):\n"
                                              "    sys.setprofile(None)\n"
                                              "    return mc.output_share(share, separation, policy='map')"),
        "patched": _with_answer(student, stub, "import mctools.exercises._forbidden as watch\n\n"
                                               "watch.watcher = lambda rules: (list, lambda: None)\n\n\n"
                                               f"def {function}(share, separation):\n"
                                               "    return mc.output_share(share, separation, policy='map')"),
        "pipe": _with_answer(student, stub, f"import json\nimport os\n\n\ndef {function}(share, separation):\n"
                                            "    forged = {'token': '?', 'reply': {'outcomes': [], 'calls': []}}\n"
                                            "    for fd in range(3, 64):\n"
                                            "        try:\n"
                                            "            os.write(fd, (json.dumps(forged) + '\\n').encode())\n"
                                            "        except OSError:\n"
                                            "            pass\n"
                                            "    return share"),
    }  # fmt: skip
    forged = 'exercises.check = lambda label, answer: print(f"PASSED [{label}] all 5 public cases match.")'
    notebooks["forged"].cells.insert(-1, new_code_cell(forged))
    notebooks["crash"].cells.insert(1, new_code_cell("1 / 0"))
    del notebooks["pipe"].cells[-1]  # its check cell would forge a reply while the cells run
    notebooks["dead"].cells.insert(0, new_code_cell("import os\n\nos._exit(1)"))
    always_passed = f'exercises.CheckResult("{label}", True, "trust me")'  # displays PASSED [label] trust me
    notebooks["edited"].cells[-1].source = f'(exercises.check("{label}", print), {always_passed})[1]'
    for name, notebook in notebooks.items():
        nbformat.write(notebook, folder / f"{name}__{CHAPTER.name}")
    (folder / f"malformed__{CHAPTER.name}").write_text('{"cells": [{"cell_type": "code", "source": ', encoding="utf-8")


@pytest.fixture(scope="module")
def small_gradebook(small_course: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    course, sources = small_course
    folder = tmp_path_factory.mktemp("submissions")
    _submissions(folder, course, sources)
    grades = folder.parent / "small-grades.csv"
    return _run_grader(folder, grades, "--reference", str(course), "--timeout", TIMEOUT, "--jobs", "2")


# student: (points, feedback contains, errors contains or "" for none, review contains or "" for none)
EXPECTED = {
    "honest": (1, "hidden cases match", "", ""),
    "edited": (0, "NotImplementedError", "", ""),
    "forged": (0, "returned", "", ""),
    "course": (0, "calls mctools.ambiguity", "", ""),
    "loop": (0, f"within the time limit of {TIMEOUT} s", f"stopped after the time limit of {TIMEOUT} s", ""),
    "crash": (1, "hidden cases match", "cell 1: ZeroDivisionError: division by zero", ""),
    "dead": (1, "hidden cases match", "cell 0: the notebook's process ended: the process exited with code 1", ""),
    "malformed": (0, "not valid JSON", "is not valid JSON", ""),
    "tamper": (0, "Points held", "", "sys.setprofile called"),
    "patched": (0, "calls mctools.ambiguity", "", ""),
    "pipe": (0, "not the grader's", "", "not the grader's was written on the sandbox's pipe"),
}


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_adversarial_submission_gets_its_expected_grade(student: str, small_gradebook: dict, small_course) -> None:
    points, feedback, errors, review = EXPECTED[student]
    label = small_course[1]["label"]
    row = small_gradebook[student]
    assert list(row) == ["student", label, "total", "errors", "review", "feedback"]
    assert float(row[label]) == points == float(row["total"]), row
    assert feedback in row["feedback"], row
    assert (errors in row["errors"]) if errors else row["errors"] == "", row
    assert (review in row["review"]) if review else row["review"] == "", row


def test_the_gradebook_has_a_row_per_student(small_gradebook: dict) -> None:
    assert sorted(small_gradebook) == sorted(EXPECTED)


# ----------------------------------------------------------------------------- every chapter of the book


@pytest.fixture(scope="module")
def book_gradebook(student_notebooks: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """bob hands back every student notebook untouched; alice answers the exercise of one real chapter."""
    folder = tmp_path_factory.mktemp("book-submissions")
    shutil.copytree(student_notebooks, folder / "bob")
    full = nbformat.read(REAL, as_version=4)
    exercise = coursekit.autograded(full.cells)[0]
    handed_out = nbformat.read(student_notebooks / REAL.name, as_version=4)
    alice = _with_answer(handed_out, full.cells[exercise.stub].source, full.cells[exercise.solution].source)
    nbformat.write(alice, folder / f"alice__{REAL.name}")
    return _run_grader(folder, folder.parent / "book-grades.csv", "--jobs", "2", python=_system_python())


def test_every_student_notebook_runs_and_its_stub_earns_nothing(book_gradebook: dict) -> None:
    bob = book_gradebook["bob"]
    labels = [a.label for path in coursekit.chapters(BOOK) for a in coursekit.autograded(
        json.loads(path.read_text(encoding="utf-8"))["cells"])]  # fmt: skip
    assert [c for c in bob if c.startswith("ex-")] == labels, "a column per autograded exercise, in course order"
    assert bob["errors"] == "", f"student notebooks that do not run top to bottom: {bob['errors']}"
    assert bob["review"] == "", f"an untouched notebook was flagged: {bob['review']}"
    for label in labels:
        assert bob[label] == "0"
        assert f"{label}: " in bob["feedback"]
    assert bob["feedback"].count("NotImplementedError") == len(labels), bob["feedback"]


def test_an_honest_real_chapter_earns_its_points(book_gradebook: dict) -> None:
    alice = book_gradebook["alice"]
    label = coursekit.autograded(nbformat.read(REAL, as_version=4).cells)[0].label
    assert alice[label] == "1" and alice["total"] == "1", alice
    assert alice["errors"] == "" and alice["review"] == "", alice


def test_grade_py_explains_a_missing_environment(tmp_path: Path) -> None:
    """Outside the course's environment, with no .venv to re-run with, the script says what to do."""
    python = _system_python()
    if python == sys.executable:
        pytest.skip("no Python outside the course's environment on this machine")
    (tmp_path / "scripts").mkdir()
    shutil.copy(GRADE, tmp_path / "scripts" / "grade.py")
    proc = subprocess.run([python, str(tmp_path / "scripts" / "grade.py"), "x", "--output", "y"],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert proc.returncode != 0 and "make book" in proc.stderr, proc.stderr


# ----------------------------------------------------------------------------- Gradescope


def test_gradescope_package_grades_a_submission(small_course: tuple[Path, dict], tmp_path: Path) -> None:
    """The package, unpacked as Gradescope does, writes results.json in Gradescope's format."""
    from grading.gradescope import build

    course, sources = small_course
    (package,) = build(tmp_path / "packages", course)
    root = tmp_path / "autograder"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "source")
        assert {"setup.sh", "run_autograder", "config.json", "requirements.txt"} <= set(archive.namelist())
        assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111, "run_autograder is not executable"
    (root / "source" / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    honest = nbformat.read(course / CHAPTER.name, as_version=4)
    honest.cells = [c for c in honest.cells if coursekit.SOLUTION not in coursekit.tags(c)]
    honest = _with_answer(honest, sources["stub"], sources["solution"])
    nbformat.write(honest, root / "submission" / "my_notebook.ipynb")
    env = os.environ | {"AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable}
    proc = subprocess.run([str(root / "source" / "run_autograder")], capture_output=True, text=True, env=env,
                          timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 1.0
    (test, *_, instructor) = results["tests"]
    assert (test["name"], test["score"], test["max_score"]) == (sources["label"], 1.0, 1.0)
    assert instructor["visibility"] == "hidden" and "seed" in instructor["output"]


def test_make_autograders_builds_one_package_per_chapter(tmp_path: Path) -> None:
    from grading.gradescope import build

    built = build(tmp_path)
    chapters = [p for p in coursekit.chapters(BOOK) if coursekit.autograded(nbformat.read(p, as_version=4).cells)]
    assert [p.name for p in built] == [p.with_suffix(".zip").name for p in chapters]
    for package in built:
        with zipfile.ZipFile(package) as archive:
            config = json.loads(archive.read("config.json"))
            assert config["notebook"] == package.with_suffix(".ipynb").name
            assert "grading/references/__init__.py" in archive.namelist()
            assert "numpy==" in archive.read("requirements.txt").decode()
