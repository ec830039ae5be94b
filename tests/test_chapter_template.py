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
from pathlib import Path

import nbformat
import pytest
from course_index import KINDS, read_chapter, unknown_functions  # _ext/, through pytest's pythonpath

from mctools import exercises
from mctools._display import CHART_MIME_TYPE

BOOK = Path(__file__).resolve().parents[1] / "book"
CHAPTERS = sorted([*BOOK.glob("[0-9][0-9]_*.ipynb"), *BOOK.glob("appendix_*.ipynb")])
EXERCISE = re.compile(r"```+\{exercise\}[^\n]*\n:label: (?P<label>[\w-]+)")
CHECK = re.compile(r"""exercises\.check\(\s*["'](?P<label>[\w-]+)["']\s*,\s*(?P<name>\w+)\s*\)""")
FENCED_PYTHON = re.compile(r"```python\n(?P<code>.*?)\n```", re.S)


def chapter_id(path: Path) -> str:
    """"01" for book/01_image_generator.ipynb, "A" for the appendix."""
    return "A" if path.name.startswith("appendix_") else path.name[:2]


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def load(path: Path):
    return nbformat.read(path, as_version=4)


def test_there_are_chapters():
    assert CHAPTERS, f"no chapter notebooks found in {BOOK}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_four_exercises_one_autograded(path):
    nb = load(path)
    labels = [m["label"] for c in nb.cells if c.cell_type == "markdown" for m in EXERCISE.finditer(c.source)]
    checks = [c for c in nb.cells if "check" in tags(c)]
    assert len(labels) >= 4, f"{path.name} has {len(labels)} exercises: {labels}"
    assert len(set(labels)) == len(labels), f"duplicate exercise labels in {path.name}"
    assert checks, f"{path.name} has no autograded exercise (a code cell tagged 'check')"
    prefix = f"ex-ch{chapter_id(path)}-"
    for label in labels:
        assert label.startswith(prefix), f"label {label} should start {prefix}"


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
    shown = [m["code"].strip() for c in nb.cells if c.cell_type == "markdown" and "solution" in tags(c)
             for m in FENCED_PYTHON.finditer(c.source)]
    hidden = [c.source.strip() for c in nb.cells if c.cell_type == "code" and "solution" in tags(c)]
    for code in hidden:
        assert code in shown, f"{path.name}: a hidden solution cell differs from every dropdown:\n{code}"
    for cell in nb.cells:
        if cell.cell_type == "code" and "solution" in tags(cell):
            assert "remove-cell" in tags(cell), f"{path.name}: solution code cells must be tagged remove-cell"


def _autograded(path: Path):
    """(label, function name, imports source, stub source, solution source) per check cell."""
    nb = load(path)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    imports = code_cells[0].source
    found = []
    for i, cell in enumerate(code_cells):
        if "check" not in tags(cell):
            continue
        match = CHECK.search(cell.source)
        assert match, f"{path.name}: check cell does not call exercises.check(label, function)"
        before = code_cells[:i]
        stub = next(c.source for c in reversed(before) if "stub" in tags(c))
        solution = next(c.source for c in reversed(before) if "solution" in tags(c))
        found.append((match["label"], match["name"], imports, stub, solution))
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
    from course_index import schedule_markdown

    chapters = [(f"book/{path.stem}", read_chapter(path)) for path in CHAPTERS]
    rows = [line.split("|")[1].strip() for line in schedule_markdown(chapters).splitlines()[2:]]
    numbered = [path for path in CHAPTERS if path.name[:2].isdigit()]
    assert rows == [str(week) for week in range(1, len(numbered) + 1)] + ["optional"] * (len(CHAPTERS) - len(numbered))
