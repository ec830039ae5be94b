"""The student edition (`make student`, scripts/student_edition.py) holds no solution.

* no line of any solution cell (the dropdown markdown and the hidden code cell, both tagged
  ``solution``) survives in the student notebooks, except lines that the chapter also shows
  outside its solutions (such as the stub's ``def`` line);
* the stubs and check cells are kept, the check cells' stored outputs are cleared, every other
  output stays;
* the student HTML (built with warnings as errors) shows the exercises but no solution, no
  stored ``PASSED``, no button into the repository and no instructor guide; it offers the
  student notebooks for download, and its Binder buttons open them (``student/book/`` in
  Binder's image, written by binder/postBuild).

That each student notebook runs top to bottom without its solutions is tested where the grader
runs them all (tests/test_grade.py).
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit import BOOK, CHECK, SOLUTION, chapters, read_chapter, tags

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = chapters(BOOK)
IDS = [p.name for p in NOTEBOOKS]
#: Where Binder's image holds the student notebooks (scripts/student_edition.py, binder/postBuild).
BINDER_FOLDER = "student"
MIN_LINE = 12  # shorter lines (``` fences, `)`, `return x`) are too common to prove anything


def cell_text(cell) -> str:
    """A cell's source and the text of its outputs."""
    parts = [cell.source]
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        for value in output.get("data", {}).values():
            parts.append("".join(value) if isinstance(value, list) else str(value))
        parts.append(output.get("evalue", ""))
    return "\n".join(parts)


def solution_lines(full) -> dict[str, list[str]]:
    """{cell id: distinctive lines} for every solution cell of a full-edition notebook.

    A line is distinctive if it is long enough and occurs nowhere (not even inside a longer
    line) in the cells that are not solutions: finding it in the student edition is a leak.
    """
    elsewhere = "\n".join(cell_text(c) for c in full.cells if SOLUTION not in tags(c))
    return {
        cell.id: [
            line.strip() for line in cell.source.splitlines()
            if len(line.strip()) >= MIN_LINE and line.strip() not in elsewhere
        ]
        for cell in full.cells if SOLUTION in tags(cell)
    }  # fmt: skip


def student_path(student_notebooks: Path, path: Path) -> Path:
    return student_notebooks / path.relative_to(BOOK)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_solution_text_survives(path: Path, student_notebooks: Path) -> None:
    full = nbformat.read(path, as_version=4)
    student = nbformat.read(student_path(student_notebooks, path), as_version=4)
    text = "\n".join(cell_text(c) for c in student.cells)
    assert not [c for c in student.cells if SOLUTION in tags(c)], "a cell tagged solution is left"
    distinctive = solution_lines(full)
    assert any(distinctive.values()), f"{path.name}: no solution line is distinctive enough to search for"
    for cell_id, lines in distinctive.items():
        survivors = [line for line in lines if line in text]
        assert not survivors, f"lines of solution cell {cell_id} survive in the student notebook: {survivors}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stubs_and_checks_kept_outputs_cleared(path: Path, student_notebooks: Path) -> None:
    full = nbformat.read(path, as_version=4)
    student = nbformat.read(student_path(student_notebooks, path), as_version=4)
    kept = [c for c in full.cells if SOLUTION not in tags(c)]
    assert [c.id for c in student.cells] == [c.id for c in kept], "cells other than solutions were removed"
    for before, after in zip(kept, student.cells, strict=True):
        assert after.source == before.source, f"cell {after.id} was changed"
        if CHECK in tags(before):
            assert after.outputs == [] and after.execution_count is None, f"check cell {after.id} keeps its output"
        elif before.cell_type == "code":
            assert after.outputs == before.outputs, f"the outputs of cell {after.id} were changed"


# ----------------------------------------------------------------------------- the student HTML


@pytest.fixture(scope="module")
def student_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole student edition, HTML included, built into a tmp dir."""
    out = tmp_path_factory.mktemp("student-edition")
    command = [sys.executable, str(REPO / "scripts" / "student_edition.py"), "--output", str(out)]
    proc = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900, check=False
    )
    warnings = [line for line in proc.stdout.splitlines() if "WARNING" in line]
    assert proc.returncode == 0 and not warnings, "\n".join(warnings) or proc.stdout[-5000:]
    return out


def page_text(page: Path) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


@pytest.mark.book
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_html_has_exercises_but_no_solutions(path: Path, student_edition: Path) -> None:
    html = student_edition / "html"
    page = html / path.relative_to(REPO).with_suffix(".html")
    if not page.is_file():
        pytest.skip(f"{path.name} is not in _toc.yml")
    raw = page.read_text(encoding="utf-8")
    text = page_text(page)
    full = nbformat.read(path, as_version=4)
    labels = {ex.label for ex in read_chapter(path).exercises}
    shown = set(re.findall(r'<div class="exercise[^"]*" id="([\w-]+)"', raw))
    assert labels and shown == labels, f"exercises in the notebook {sorted(labels)}, in the page {sorted(shown)}"
    assert 'class="solution' not in raw, "a solution dropdown is in the student HTML"
    survivors = [line for lines in solution_lines(full).values() for line in lines if line in text]
    assert not survivors, f"solution text in {page.name}: {survivors}"
    assert "PASSED [" not in text, "a stored PASSED verdict is shown"
    binder = re.findall(r'href="(https://mybinder\.org/v2/[^"]+)"', raw)
    student_copy = f"{BINDER_FOLDER}/{path.relative_to(REPO).as_posix()}"
    assert binder and all(url.endswith(f"?urlpath=lab/tree/{student_copy}") for url in binder), (
        f"the Binder button should open {student_copy}, the student notebook in Binder's image: {binder}"
    )
    assert "Source repository" not in raw and "Open an issue" not in raw, "a button leads to the repository"
    assert "instructor_guide" not in raw, "the page links the instructor guide"
    assert "course-check-note" not in raw, "the full edition's note on what a check ran is shown"

    download = html / "_sources" / path.relative_to(REPO)
    assert download.is_file() and f'_sources/{path.relative_to(REPO).as_posix()}"' in raw, "no notebook download"
    offered = nbformat.read(download, as_version=4)
    assert not [c for c in offered.cells if SOLUTION in tags(c)], "the downloadable notebook holds the solutions"


@pytest.mark.book
def test_student_html_leaves_out_the_pages_for_instructors(student_edition: Path) -> None:
    html = student_edition / "html"
    assert not list(html.rglob("instructor_guide.html")), "the instructor guide is in the student HTML"
    intro = page_text(html / "book" / "intro.html")
    assert "How to teach it" not in intro, "the introduction's section for instructors is in the student HTML"
    assert "How to run it" in intro, "the student introduction lost more than the section for instructors"
    leaks = [p.name for p in html.rglob("*.html") if "instructor_guide" in p.read_text(encoding="utf-8")]
    assert not leaks, f"pages linking the instructor guide: {leaks}"


@pytest.mark.book
def test_student_config_is_config_plus_overrides(student_edition: Path) -> None:
    import yaml

    generated = yaml.safe_load((student_edition / "_config.yml").read_text(encoding="utf-8"))
    original = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert generated["sphinx"]["config"]["hide_solutions"] is True
    assert generated["latex"]["latex_documents"]["targetname"] == "mode-collapse-student.tex"
    assert set(original["sphinx"]["local_extensions"]) == set(generated["sphinx"]["local_extensions"])
    for key in original:
        if key not in ("title", "repository", "html", "sphinx", "latex"):
            assert generated[key] == original[key], f"{key} differs from _config.yml"
