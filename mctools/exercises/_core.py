"""The check machinery: a registry of exercises and the comparison of answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CheckResult", "available", "check", "function_check", "register"]

Checker = Callable[[Callable], "CheckResult"]
_REGISTRY: dict[str, Checker] = {}


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


def register(label: str) -> Callable[[Checker], Checker]:
    """Decorator adding a checker for the exercise ``label`` to the registry."""

    def decorate(checker: Checker) -> Checker:
        if label in _REGISTRY:
            raise ValueError(f"exercise {label!r} is registered twice")
        _REGISTRY[label] = checker
        return checker

    return decorate


def available() -> list[str]:
    """Labels of every exercise that has a check, sorted."""
    _load_checks()
    return sorted(_REGISTRY)


def check(exercise: str, answer) -> CheckResult:
    """Check a student's answer to an autograded exercise.

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
    _load_checks()
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be a label string, got {exercise!r}")
    if exercise not in _REGISTRY:
        raise ValueError(f"exercise must be one of {sorted(_REGISTRY)}, got {exercise!r}")
    if not callable(answer):
        return CheckResult(exercise, False, f"expected a function, got {answer!r}")
    return _REGISTRY[exercise](answer)


def function_check(
    label: str,
    reference: Callable,
    cases: Sequence[tuple],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Checker:
    """Make a checker comparing ``answer(*case)`` with ``reference(*case)`` for every case."""

    def checker(answer: Callable) -> CheckResult:
        name = getattr(answer, "__name__", "your function")
        for case in cases:
            shown = ", ".join(_show(a) for a in case)
            try:
                got = answer(*case)
            except NotImplementedError:
                return CheckResult(label, False, f"{name} still raises NotImplementedError: write its body.")
            except Exception as error:  # a student's bug is reported, not raised
                return CheckResult(label, False, f"{name}({shown}) raised {type(error).__name__}: {error}")
            expected = np.asarray(reference(*case), dtype=float)
            try:
                got = np.asarray(got, dtype=float)
            except (TypeError, ValueError):
                return CheckResult(label, False, f"{name}({shown}) returned {got!r}, not a number or array.")
            if got.shape != expected.shape:
                return CheckResult(
                    label, False, f"{name}({shown}) returned shape {got.shape}; expected {expected.shape}."
                )
            if not np.allclose(got, expected, rtol=rtol, atol=atol):
                return CheckResult(
                    label,
                    False,
                    f"{name}({shown}) returned {_show(got)}; expected {_show(expected)} "
                    f"(relative tolerance {rtol:g}).",
                )
        return CheckResult(label, True, f"all {len(cases)} cases match.")

    return checker


def _show(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, threshold=6)
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _load_checks() -> None:
    # Importing every chapter module of this package registers its checks.
    import importlib
    import pkgutil

    from .. import exercises

    for module in pkgutil.iter_modules(exercises.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{exercises.__name__}.{module.name}")
