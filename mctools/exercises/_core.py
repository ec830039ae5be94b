"""The self-check machinery: each exercise's public cases, and how an answer is judged.

An autograded exercise is registered with its public cases, each an argument tuple and the
expected value written as a literal (so no reference implementation ships with ``mctools``),
the tolerances, and what the answer must not call (see ``_forbidden``). :func:`check` is the
student's self-check on those cases. The course's grader (``grading/``, not installed) judges
the same way, with :func:`run_case` and :func:`mismatch`, on hidden cases.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ._forbidden import calls_to, forbidden

__all__ = [
    "CheckResult",
    "Exercise",
    "Outcome",
    "available",
    "check",
    "forbidden_message",
    "lookup",
    "mismatch",
    "register",
    "run_case",
]

_REGISTRY: dict[str, Exercise] = {}


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check: which exercise, whether it passed, and why."""

    exercise: str
    passed: bool
    message: str

    def __str__(self) -> str:
        verdict = "PASSED" if self.passed else "NOT YET"
        return f"{verdict} [{self.exercise}] {self.message}"

    __repr__ = __str__


@dataclass(frozen=True)
class Exercise:
    """An autograded exercise as the self-check and the grader know it.

    ``cases`` are ``(arguments, expected)`` pairs; an answer passes a case if it returns an
    array of the expected shape equal to ``expected`` within ``rtol`` and ``atol``
    (``numpy.allclose``). ``forbidden`` names the modules and functions whose code the answer
    must not run: the course's own implementation of the quantity.
    """

    label: str
    cases: tuple[tuple[tuple, object], ...]
    forbidden: tuple[str, ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-9


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (each label once)."""
    if exercise.label in _REGISTRY:
        raise ValueError(f"exercise {exercise.label!r} is registered twice")
    _REGISTRY[exercise.label] = exercise
    return exercise


def available() -> list[str]:
    """Labels of every exercise that has a check, sorted."""
    _load_checks()
    return sorted(_REGISTRY)


def lookup(label: str) -> Exercise:
    """The registered exercise ``label``."""
    _load_checks()
    if not isinstance(label, str):
        raise TypeError(f"exercise must be a label string, got {label!r}")
    if label not in _REGISTRY:
        raise ValueError(f"exercise must be one of {sorted(_REGISTRY)}, got {label!r}")
    return _REGISTRY[label]


@dataclass(frozen=True)
class Outcome:
    """What an answer did on one case: a float array, or why there is none.

    Exactly one of ``value`` (the result as a float array), ``unfinished`` (it still raises
    ``NotImplementedError``), ``raised`` (``"TypeError: ..."``) and ``returned`` (the repr of
    a result that is not a number or an array) is set.
    """

    value: np.ndarray | None = None
    unfinished: bool = False
    raised: str | None = None
    returned: str | None = None


def run_case(answer: Callable, arguments: tuple) -> Outcome:
    """Call ``answer(*arguments)`` and turn its result into a float array; never raises an Exception."""
    try:
        got = answer(*arguments)
    except NotImplementedError:
        return Outcome(unfinished=True)
    except Exception as error:  # a student's bug is reported, not raised
        return Outcome(raised=f"{type(error).__name__}: {error}")
    try:
        return Outcome(value=np.asarray(got, dtype=float))
    except Exception:  # an object numpy cannot read as numbers (whatever it raises)
        try:
            shown = _show(got)
        except Exception:  # a repr that raises is the student's too
            shown = f"a {type(got).__name__}"
        return Outcome(returned=shown[:200])


def mismatch(name: str, arguments: tuple, outcome: Outcome, expected, rtol: float, atol: float) -> str | None:
    """Why ``outcome`` of ``name(*arguments)`` fails against ``expected``, or None if it passes."""
    shown = ", ".join(_show(a) for a in arguments)
    if outcome.unfinished:
        return f"{name} still raises NotImplementedError: write its body."
    if outcome.raised is not None:
        return f"{name}({shown}) raised {outcome.raised}"
    if outcome.returned is not None:
        return f"{name}({shown}) returned {outcome.returned}, not a number or array."
    expected = np.asarray(expected, dtype=float)
    if outcome.value.shape != expected.shape:
        return f"{name}({shown}) returned shape {outcome.value.shape}; expected {expected.shape}."
    if not np.allclose(outcome.value, expected, rtol=rtol, atol=atol):
        got, wanted = _show(outcome.value), _show(expected)
        return f"{name}({shown}) returned {got}; expected {wanted} (relative tolerance {rtol:g})."
    return None


def forbidden_message(name: str, calls: Sequence[str]) -> str:
    """The verdict on an answer that runs the course's own implementation."""
    return (
        f"{name} calls {', '.join(calls)}, which computes what the exercise asks you to write: "
        "write it yourself; an answer that calls it earns no credit."
    )


def check(exercise: str, answer) -> CheckResult:
    """Check a student's answer to an autograded exercise on its public cases.

    The grader tests the same function on other, hidden cases: passing here is a good sign, not
    the grade.

    Parameters
    ----------
    exercise : str
        The exercise label, as in the chapter (e.g. ``"ex-ch01-map-policy"``).
    answer : callable
        The student's function.

    Returns
    -------
    CheckResult
        Displays as ``PASSED [...] ...`` or ``NOT YET [...] ...``; ``.passed`` is a bool.
    """
    spec = lookup(exercise)
    if not callable(answer):
        return CheckResult(spec.label, False, f"expected a function, got {answer!r}")
    name = getattr(answer, "__name__", "your function")
    rules = forbidden(spec.forbidden)
    for arguments, expected in spec.cases:
        with calls_to(rules) as calls:
            outcome = run_case(answer, arguments)
        if calls:
            return CheckResult(spec.label, False, forbidden_message(name, calls))
        problem = mismatch(name, arguments, outcome, expected, spec.rtol, spec.atol)
        if problem:
            return CheckResult(spec.label, False, problem)
    # The words are those of the outputs stored in the chapters (nbval compares them exactly).
    return CheckResult(spec.label, True, f"all {len(spec.cases)} cases match.")


def _show(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=6)
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _load_checks() -> None:
    # Importing every chapter module of this package registers its exercise.
    from .. import exercises

    for module in pkgutil.iter_modules(exercises.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{exercises.__name__}.{module.name}")
