"""The stored verdict of an autograded check, in either edition of the HTML book.

The chapters are built from the outputs stored in the notebooks, which were executed with the
solutions, so every check cell (tagged ``check``) shows ``PASSED`` right under a stub that only
raises ``NotImplementedError``.

* **Student edition** (``course_student_edition: True`` in ``sphinx.config``, set by
  ``scripts/student_edition.py`` next to sphinx-exercise's ``hide_solutions``): the check's
  output is removed, as in the student notebooks; its code stays.
* **Full edition**: the output stays and a note under it (:data:`FULL_EDITION_NOTE`) says what
  was checked: the worked solution, which the hidden solution cell defined after the stub.

It also removes, in the student edition, every section labelled ``(for-instructors)=`` (the
introduction's "How to teach it", which points to the instructor guide, a page the student
edition leaves out).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docutils import nodes

# The tag names live in coursekit/ at the repository root (Sphinx puts only _ext/ on sys.path).
_REPO = str(Path(__file__).resolve().parents[1])
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

from coursekit import CHECK  # noqa: E402

INSTRUCTOR_LABEL = "for-instructors"
FULL_EDITION_NOTE = (
    "In this edition the check ran on the worked solution (the dropdown above), "
    "not on the stub; in your notebook it checks your own function."
)
NOTE_CLASS = "course-check-note"


def _check_cells(doctree: nodes.document):
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") == "cell_code" and CHECK in cell.get("cell_metadata", {}).get("tags", []):
            yield cell


def _outputs(cell: nodes.container) -> list[nodes.Element]:
    return [child for child in cell.children if child.get("nb_element") == "cell_code_output"]


def _edit_check_outputs(app, doctree: nodes.document) -> None:
    for cell in _check_cells(doctree):
        outputs = _outputs(cell)
        if app.config.course_student_edition:
            for output in outputs:
                cell.remove(output)
        elif outputs:
            outputs[-1] += nodes.paragraph("", FULL_EDITION_NOTE, classes=[NOTE_CLASS])


def _drop_instructor_sections(app, doctree: nodes.document) -> None:
    if not app.config.course_student_edition:
        return
    for section in list(doctree.findall(nodes.section)):
        if INSTRUCTOR_LABEL in section["ids"] or INSTRUCTOR_LABEL in section["names"]:
            section.parent.remove(section)


def setup(app):
    app.add_config_value("course_student_edition", False, "env", types=[bool])
    app.connect("doctree-read", _edit_check_outputs)
    app.connect("doctree-read", _drop_instructor_sections, priority=200)  # before the page TOC is collected
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
