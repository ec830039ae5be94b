"""Every chapter follows the template of CONTRIBUTING.md, and its exercises work.

* at least four exercises, one of them autograded (a cell tagged ``check``);
* every exercise title states its kind and difficulty, ``Kind (★★): topic``; each of the four
  kinds occurs, and the autograded exercises are exactly those with a check cell;
* every ``mc.<name>``/``mctools.<name>`` an exercise mentions exists (the instructor guide lists them);
* each autograded check fails on the stub a student receives and passes on the solution;
* the code shown in a solution dropdown is exactly the hidden solution cell that ran;
* at least three charts, at least one interactive (an Altair parameter bound to an input);
* every chart cell carries a numbered, captioned figure (``mystnb.figure``).
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from coursekit import (
    BOOK,
    CHECK,
    CHECK_CALL,
    KINDS,
    REMOVE_CELL,
    SOLUTION,
    autograded,
    chapters,
    read_chapter,
    tags,
    unknown_functions,
)
from mctools import exercises
from mctools._display import CHART_MIME_TYPE

CHAPTERS = chapters(BOOK)
FENCED_PYTHON = re.compile(r"```python\n(?P<code>.*?)\n```", re.S)


def load(path):
    return nbformat.read(path, as_version=4)


def test_there_are_chapters():
    assert CHAPTERS, f"no chapter notebooks found in {BOOK}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_four_exercises_one_autograded(path):
    chapter = read_chapter(path)
    labels = [ex.label for ex in chapter.exercises]
    assert len(labels) >= 4, f"{path.name} has {len(labels)} exercises: {labels}"
    assert not chapter.label_problems(), f"{path.name}: {chapter.label_problems()}"
    checks = [c for c in load(path).cells if CHECK in tags(c)]
    assert checks, f"{path.name} has no autograded exercise (a code cell tagged {CHECK!r})"
    for cell in checks:
        assert CHECK_CALL.fullmatch(cell.source.strip()), (
            f"{path.name}: a check cell must hold exactly exercises.check(label, function), not {cell.source!r}"
        )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_exercise_titles_state_kind_and_difficulty(path):
    """The convention of CONTRIBUTING.md, which the instructor guide's exercise index reads."""
    found = read_chapter(path).exercises
    assert found, f"{path.name}: no exercise found"
    for ex in found:
        assert ex.kind, (
            f"{path.name}: exercise {ex.label} is titled {ex.title!r}; write 'Kind (★★): topic' with a kind "
            f"in {list(KINDS)} and one to three stars, e.g. 'Derivation (★★): the footnote with another quality curve'"
        )
    kinds = {ex.kind for ex in found}
    assert kinds >= set(KINDS), f"{path.name} has no {sorted(set(KINDS) - kinds)} exercise"
    checked = {label for ex in found for label in ex.checked_by}
    autograded = {ex.label for ex in found if ex.kind == "Autograded"}
    assert autograded == checked, f"{path.name}: Autograded titles {sorted(autograded)}, check cells {sorted(checked)}"
    for ex in found:
        missing = unknown_functions(ex.functions)
        assert not missing, f"{path.name}: exercise {ex.label} mentions mctools.{missing}, which does not exist"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_solution_dropdowns_show_the_code_that_ran(path):
    nb = load(path)
    shown = [
        m["code"].strip()
        for c in nb.cells
        if c.cell_type == "markdown" and SOLUTION in tags(c)
        for m in FENCED_PYTHON.finditer(c.source)
    ]
    hidden = [c.source.strip() for c in nb.cells if c.cell_type == "code" and SOLUTION in tags(c)]
    for code in hidden:
        assert code in shown, f"{path.name}: a hidden solution cell differs from every dropdown:\n{code}"
    for cell in nb.cells:
        if cell.cell_type == "code" and SOLUTION in tags(cell):
            assert REMOVE_CELL in tags(cell), f"{path.name}: solution code cells must be tagged {REMOVE_CELL}"


def _autograded(path):
    """(label, function name, imports source, stub source, solution source) per check cell."""
    cells = load(path).cells
    imports = next(c.source for c in cells if c.cell_type == "code")
    found = []
    for ex in autograded(cells):
        assert ex.stub is not None and ex.solution is not None, f"{path.name}: {ex.label} needs a stub and a solution"
        found.append((ex.label, ex.function, imports, cells[ex.stub].source, cells[ex.solution].source))
    return found


AUTOGRADED = [(path, *case) for path in CHAPTERS for case in _autograded(path)]


@pytest.mark.parametrize(
    ("path", "label", "name", "imports", "stub", "solution"),
    AUTOGRADED,
    ids=[f"{case[0].name}:{case[1]}" for case in AUTOGRADED],
)
def test_check_fails_on_the_stub_and_passes_on_the_solution(path, label, name, imports, stub, solution):
    namespace: dict = {}
    exec(imports, namespace)  # the chapter's imports cell: numpy, scipy, mctools, ...
    exec(stub, namespace)
    on_stub = exercises.check(label, namespace[name])
    assert not on_stub.passed, f"{label}: the check passes on the unanswered stub"
    assert "NOT YET" in str(on_stub)
    exec(solution, namespace)
    on_solution = exercises.check(label, namespace[name])
    assert on_solution.passed, f"{label}: the check fails on the solution: {on_solution}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_charts_are_captioned_and_one_is_interactive(path):
    nb = load(path)
    chart_cells = [
        c for c in nb.cells if c.cell_type == "code" and any(CHART_MIME_TYPE in o.get("data", {}) for o in c.outputs)
    ]
    assert len(chart_cells) >= 3, f"{path.name} has {len(chart_cells)} charts, the template asks for 3"
    for cell in chart_cells:
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        assert figure.get("name") and figure.get("caption"), f"{path.name}: chart cell without figure name/caption"
    specs = [o["data"][CHART_MIME_TYPE] for c in chart_cells for o in c.outputs if CHART_MIME_TYPE in o.get("data", {})]
    bound = [s for s in specs if '"bind"' in json.dumps(s)]  # a parameter bound to an input, at any depth
    assert bound, f"{path.name} has no interactive chart (a parameter bound to an input)"


def test_schedule_gives_each_numbered_chapter_a_week_and_the_appendix_none():
    from course_index import schedule_markdown  # _ext/, through pytest's pythonpath

    chapters = [(f"book/{path.stem}", read_chapter(path)) for path in CHAPTERS]
    rows = [line.split("|")[1].strip() for line in schedule_markdown(chapters).splitlines()[2:]]
    numbered = [path for path in CHAPTERS if path.name[:2].isdigit()]
    assert rows == [str(week) for week in range(1, len(numbered) + 1)] + ["optional"] * (len(CHAPTERS) - len(numbered))
