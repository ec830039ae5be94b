"""Checks for the autograded exercises: a student's function against a reference.

A check cell in a chapter calls ``check("<exercise label>", student_function)`` and shows a
one-line verdict: ``PASSED`` or ``NOT YET`` with the first case that went wrong. A check
never raises, so a student notebook with unanswered stubs still runs top to bottom.
"""

from ._core import CheckResult, available, check

__all__ = ["CheckResult", "available", "check"]
