"""In the student edition of the HTML book, show no stored verdict of an autograded check.

The chapters are built from the outputs stored in the notebooks, which were executed with the
solutions, so every check cell (tagged ``check``) shows ``PASSED``. The student notebooks have
those outputs cleared (scripts/student_edition.py); with ``course_student_edition: True`` in
``sphinx.config`` (set by that script's overrides, next to sphinx-exercise's
``hide_solutions``), this extension removes them from the student HTML too: the check's code
stays, its output goes. It also removes every section labelled ``(for-instructors)=`` (the
introduction's "How to teach it", which points to the instructor guide, a page the student
edition leaves out). The full edition is unchanged.
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


def _drop_check_outputs(app, doctree: nodes.document) -> None:
    if not app.config.course_student_edition:
        return
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") != "cell_code" or CHECK not in cell.get("cell_metadata", {}).get("tags", []):
            continue
        for child in list(cell.children):
            if child.get("nb_element") == "cell_code_output":
                cell.remove(child)


def _drop_instructor_sections(app, doctree: nodes.document) -> None:
    if not app.config.course_student_edition:
        return
    for section in list(doctree.findall(nodes.section)):
        if INSTRUCTOR_LABEL in section["ids"] or INSTRUCTOR_LABEL in section["names"]:
            section.parent.remove(section)


def setup(app):
    app.add_config_value("course_student_edition", False, "env", types=[bool])
    app.connect("doctree-read", _drop_check_outputs)
    app.connect("doctree-read", _drop_instructor_sections, priority=200)  # before the page TOC is collected
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
