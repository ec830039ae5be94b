"""The chapter files, the cell tags and the check cell: how a chapter notebook is laid out.

Every tool that reads a chapter (the Sphinx extensions in ``_ext/``, ``scripts/student_edition.py``,
the grader in ``grading/`` and the tests) takes these conventions from here, so they are stated
once (CONTRIBUTING.md explains them to authors):

* a chapter is a notebook of ``book/`` named ``NN_topic.ipynb`` (``NN`` its number) or
  ``appendix_topic.ipynb``; its exercise labels start ``ex-chNN-`` (``ex-chA-`` for the appendix);
* the cells of an autograded exercise carry the tags ``stub`` (the function a student completes),
  ``solution`` (with ``remove-cell`` on the hidden code cell that runs the solution) and ``check``
  (exactly ``exercises.check("<label>", <function name>)``, see :func:`check_call`).

Cells may be plain dictionaries (``json.load``) or ``nbformat`` nodes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BOOK",
    "CHECK",
    "CHECK_CALL",
    "REMOVE_CELL",
    "SOLUTION",
    "STUB",
    "Autograded",
    "autograded",
    "chapter_id",
    "chapter_number",
    "chapters",
    "check_call",
    "checked",
    "is_chapter",
    "label_prefix",
    "source",
    "tags",
]

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"

#: Cells that give an answer away: removed from the student edition.
SOLUTION = "solution"
#: The function of an autograded exercise as handed out, raising NotImplementedError.
STUB = "stub"
#: The check cell of an autograded exercise: its stored output is cleared in the student edition.
CHECK = "check"
#: Jupyter Book's tag for a cell run but not shown (the hidden solution code cell).
REMOVE_CELL = "remove-cell"

_CHAPTER_FILE = re.compile(r"^(?:(?P<number>\d\d)|appendix)_\w+\.ipynb$")
#: The check-call pattern of a check cell; ``label`` and ``function`` are its two arguments.
CHECK_CALL = re.compile(r"""exercises\.check\(\s*["'](?P<label>[\w-]+)["']\s*,\s*(?P<function>[A-Za-z_]\w*)\s*\)""")


def is_chapter(path: str | Path) -> bool:
    """Whether ``path`` names a chapter notebook (``NN_….ipynb`` or ``appendix_….ipynb``)."""
    return _CHAPTER_FILE.match(Path(path).name) is not None


def chapters(book: Path = BOOK) -> list[Path]:
    """The chapter notebooks of ``book``, in reading order (``01_…`` to ``NN_…``, then appendices)."""
    return sorted(p for p in Path(book).glob("*.ipynb") if is_chapter(p))


def chapter_id(path: str | Path) -> str:
    """The chapter's part of its exercise labels: ``"01"`` for ``01_image_generator``, ``"A"`` for an appendix."""
    match = _CHAPTER_FILE.match(Path(path).with_suffix(".ipynb").name)
    if match is None:
        raise ValueError(f"path must name a chapter notebook (NN_topic.ipynb or appendix_topic.ipynb), got {path!r}")
    return match["number"] or "A"


def chapter_number(path: str | Path) -> str:
    """The chapter's number as the book shows it: ``"1"``, ``"A"``, or ``""`` for a page that is no chapter."""
    name = Path(path).with_suffix(".ipynb").name
    if not is_chapter(name):
        return ""
    identifier = chapter_id(name)
    return identifier if identifier == "A" else str(int(identifier))


def label_prefix(path: str | Path) -> str:
    """How every exercise label of the chapter starts, e.g. ``"ex-ch01-"``."""
    return f"ex-ch{chapter_id(path)}-"


def tags(cell: Mapping) -> set[str]:
    """The tags of a cell."""
    return set(cell.get("metadata", {}).get("tags", []))


def source(cell: Mapping) -> str:
    """The source of a cell as one string (the JSON may store it as a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def check_call(label: str, function: str) -> str:
    """The source of the check cell of exercise ``label`` answered by ``function``."""
    return f'exercises.check("{label}", {function})'


def checked(cell: Mapping) -> tuple[str, str] | None:
    """``(label, function name)`` if ``cell`` is a code cell tagged ``check`` holding the check call."""
    if cell.get("cell_type") != "code" or CHECK not in tags(cell):
        return None
    match = CHECK_CALL.search(source(cell))
    return (match["label"], match["function"]) if match else None


@dataclass(frozen=True)
class Autograded:
    """An autograded exercise as its cells show it (indices into the notebook's cells)."""

    label: str
    function: str  # the name the stub defines and the check cell passes
    check: int
    stub: int | None  # the last stub cell before the check, if any
    solution: int | None  # the last hidden solution code cell before the check, if any


def autograded(cells: Sequence[Mapping]) -> list[Autograded]:
    """Every check cell of a notebook with the stub and the hidden solution cell that precede it."""
    found = []
    start = 0  # an exercise's cells follow the previous check cell
    for index, cell in enumerate(cells):
        call = checked(cell)
        if call is None:
            continue
        own = [i for i in range(start, index) if cells[i].get("cell_type") == "code"]
        stub = max((i for i in own if STUB in tags(cells[i])), default=None)
        solution = max((i for i in own if SOLUTION in tags(cells[i])), default=None)
        found.append(Autograded(call[0], call[1], index, stub, solution))
        start = index + 1
    return found
