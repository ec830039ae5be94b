"""The stored verdict of an autograded check, in either edition of the HTML book.

The chapters are built from the outputs stored in the notebooks, which were executed with the
solutions, so every check cell (tagged ``check``) shows ``PASSED`` right under a stub that only
raises ``NotImplementedError``.

* **Student edition** (``course_student_edition: True`` in ``sphinx.config``, set by
  ``scripts/student_edition.py`` next to sphinx-exercise's ``hide_solutions``): the check's
  output is removed, as in the student notebooks; its code stays.
* **Full edition**: the output stays and a note under it (:data:`FULL_EDITION_NOTE`) says what
  was checked: the worked solution, which the hidden solution cell defined after the stub.
"""

from __future__ import annotations

from docutils import nodes

CHECK_TAG = "check"
FULL_EDITION_NOTE = (
    "In this edition the check ran on the worked solution (the dropdown above), "
    "not on the stub; in your notebook it checks your own function."
)
NOTE_CLASS = "course-check-note"


def _check_cells(doctree: nodes.document):
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") == "cell_code" and CHECK_TAG in cell.get("cell_metadata", {}).get("tags", []):
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


def setup(app):
    app.add_config_value("course_student_edition", False, "env", types=[bool])
    app.connect("doctree-read", _edit_check_outputs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
