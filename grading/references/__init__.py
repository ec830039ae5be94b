"""References and hidden cases of the autograded exercises: instructor-only, never installed.

Each chapter module registers a :class:`Hidden` per autograded exercise: the reference function
(the grader's truth), fixed edge cases, a generator of random cases and the points. The cases of
a grading run are the edge cases plus random ones drawn from the run's seed
(:func:`hidden_cases`), so a student who reads this public folder still cannot hard-code the
answers. The public self-check (``mctools.exercises``) holds its own cases with literal expected
values; tests/test_grading.py holds those literals against these references.
"""

from __future__ import annotations

import importlib
import pkgutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["Hidden", "hidden", "hidden_cases", "labels", "register"]

_REGISTRY: dict[str, Hidden] = {}


@dataclass(frozen=True)
class Hidden:
    """The grader's side of an autograded exercise.

    ``reference(*case)`` gives the expected value of a case; ``draw(rng)`` returns a list of
    random argument tuples; ``edge_cases`` are argument tuples used in every run.
    """

    label: str
    reference: Callable
    edge_cases: tuple[tuple, ...]
    draw: Callable[[np.random.Generator], list[tuple]]
    points: float = 1.0


def register(exercise: Hidden) -> Hidden:
    if exercise.label in _REGISTRY:
        raise ValueError(f"exercise {exercise.label!r} is registered twice")
    _REGISTRY[exercise.label] = exercise
    return exercise


def _load() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def labels() -> list[str]:
    """Every exercise with a reference, sorted."""
    _load()
    return sorted(_REGISTRY)


def hidden(label: str) -> Hidden:
    """The grader's side of exercise ``label``."""
    _load()
    if label not in _REGISTRY:
        raise ValueError(f"label must be an exercise with a reference in grading/references, got {label!r}")
    return _REGISTRY[label]


def hidden_cases(label: str, seed: int) -> list[tuple]:
    """The argument tuples of a grading run: the edge cases, then the random cases of ``seed``.

    The same ``seed`` gives the same cases for every student; each exercise draws from its own
    stream (the seed and the label), so adding an exercise changes no other's cases.
    """
    exercise = hidden(label)
    rng = np.random.default_rng([seed, zlib.crc32(label.encode())])
    return [*exercise.edge_cases, *exercise.draw(rng)]


def log_uniform(rng: np.random.Generator, low: float, high: float, size=None):
    """Draws spread evenly in log scale between ``low`` and ``high``."""
    return np.exp(rng.uniform(np.log(low), np.log(high), size))
