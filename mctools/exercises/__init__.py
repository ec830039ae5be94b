"""Self-checks for the autograded exercises: a student's function on public cases.

A check cell in a chapter calls ``check("<exercise label>", student_function)`` and shows a
one-line verdict: ``PASSED`` or ``NOT YET`` with the first case that went wrong. A check
never raises, so a student notebook with unanswered stubs still runs top to bottom.

Only public cases ship here, with their expected values as literals; an answer that calls the
course's own implementation of the quantity is NOT YET too. The grade comes from the course's
grader (``grading/``, not part of this package), which calls the function on hidden cases.
"""

from ._core import CheckResult, available, check

__all__ = ["CheckResult", "available", "check"]
