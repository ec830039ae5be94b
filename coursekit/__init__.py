"""The course's notebook model, for the tools that read chapters; not part of the ``mctools`` package.

``coursekit.notebook`` says which notebooks are chapters, what the cell tags mean and how a
check cell is written; ``coursekit.chapter`` reads a chapter's title, learning goals and
exercises. ``_ext/`` (the book's Sphinx extensions), ``scripts/``, ``grading/`` and ``tests/``
import both from here; students never need it.
"""

from .chapter import DIFFICULTY, KINDS, LABEL, TITLE, Chapter, Exercise, parse_title, read_chapter, unknown_functions
from .notebook import (
    BOOK,
    CHECK,
    CHECK_CALL,
    REMOVE_CELL,
    SOLUTION,
    STUB,
    Autograded,
    autograded,
    chapter_id,
    chapter_number,
    chapters,
    check_call,
    checked,
    is_chapter,
    label_prefix,
    source,
    tags,
)

__all__ = [
    "BOOK",
    "CHECK",
    "CHECK_CALL",
    "DIFFICULTY",
    "KINDS",
    "LABEL",
    "REMOVE_CELL",
    "SOLUTION",
    "STUB",
    "TITLE",
    "Autograded",
    "Chapter",
    "Exercise",
    "autograded",
    "chapter_id",
    "chapter_number",
    "chapters",
    "check_call",
    "checked",
    "is_chapter",
    "label_prefix",
    "parse_title",
    "read_chapter",
    "source",
    "tags",
    "unknown_functions",
]
