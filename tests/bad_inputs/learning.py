"""Bad inputs for ``mctools.learning``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import (
    ARRAY,
    COUNT,
    NONNEGATIVE,
    NONNEGATIVE_ARRAY,
    NOT_FINITE,
    NOT_REAL_SCALAR,
    REAL,
    RNG,
    UNIT,
    UNIT_ARRAY,
)

# Array-like rates in (0, 1] (learning), [0, 1] (forgetting), [0, 1) (novice), >= 0 (temperature).
LEARNING = [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 0.0, -0.1, 1.5, [0.5, 0.0], np.zeros(3)]
FORGETTING = [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, 1.0 + 1e-9, [0.5, 2.0]]
NOVICE = [*UNIT_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 1.0, -0.1, [0.1, 1.0]]
TEMPERATURE = [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1e-12, -1.0]
# A grid of three cells, which clashes with the two of learning and forgetting in SIMULATION.
CLASH = [[0.1, 0.2, 0.3], np.full((3, 1, 3), 0.1)]

SIMULATION = {
    "days": 6,
    "learning": [0.2, 0.5],
    "forgetting": [0.1, 0.0],
    "temperature": 0.3,
    "payoff": (1.0, 0.8),
    "novice": 0.1,
    "max_experience": 5,
    "start": (1, 0),
    "replicates": 3,
    "rng": 0,
}
EXACT = {
    "days": 4,
    "learning": 0.3,
    "forgetting": 0.1,
    "temperature": 0.2,
    "payoff": (1.0, 0.8),
    "novice": 0.1,
    "max_experience": 4,
    "start": (1, 0),
    "given": [[0, 1], [1, 1]],
}
START = [-1, 6, 40000, 1.5, [1.0, 0.0], "1", None, True, [True, False], [[1], [0, 0]], [1, 0, 0], [[1, 0]] * 3]
PAYOFF = [*NONNEGATIVE_ARRAY, 1.0, [1.0], [[1.0, 1.0]] * 3, np.ones((2, 2, 2)), [1.0] * 200]

ENTRIES = [
    Entry(
        mc.skill_curve,
        {"experience": [0.0, 1.0, 2.5], "learning": [0.2, 0.3, 0.5], "novice": 0.1},
        {
            "experience": [*NONNEGATIVE_ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, -1.0, [1.0, 2.0], np.ones((2, 2))],
            "learning": [*LEARNING, [0.2, 0.3]],
            "novice": [*NOVICE, [0.1, 0.2]],
        },
    ),
    Entry(
        mc.choice_probabilities,
        {"values": [[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]], "temperature": [0.5, 0.0]},
        {
            "values": [*ARRAY, *NOT_FINITE, *NOT_REAL_SCALAR, 1.0, [[]], np.ones((3, 3))],
            "temperature": [*TEMPERATURE, [0.5, 1.0, 2.0], np.ones((2, 3))],
        },
    ),
    Entry(
        mc.simulate_learning_by_doing,
        SIMULATION,
        {
            "days": COUNT,
            "learning": [*LEARNING, *CLASH],
            "forgetting": [*FORGETTING, *CLASH],
            "temperature": [*TEMPERATURE, *CLASH],
            "payoff": PAYOFF,
            "novice": [*NOVICE, *CLASH],
            "max_experience": [*COUNT, 40000, 10**9],
            "start": [*START, [[[1, 0]]] * 2],
            "replicates": COUNT,
            "rng": RNG,
        },
    ),
    Entry(
        mc.learning_by_doing_exact,
        EXACT,
        {
            "days": [*COUNT, 1],  # 1 < the two given choices
            "learning": [*REAL, 0.0, -1e-12, -1.0, 1.0 + 1e-9, 2.0, np.array([0.3])],
            "forgetting": [*UNIT, np.array([0.1])],
            "temperature": [*NONNEGATIVE, np.array([0.2])],
            "payoff": [*NONNEGATIVE_ARRAY, 1.0, [1.0], [1.0, 1.0, 1.0], [[1.0, 1.0]]],
            "novice": [*REAL, -1e-12, 1.0, 2.0],
            "max_experience": COUNT,
            "start": [*START[:-2], [[1, 0]], 1, [[1, 0]] * 3],
            "given": [
                [[0, 2]],
                [[-1, 0]],
                [[0.0, 1.0]],
                [[True, False]],
                [0, 1],
                [[[0, 1]]],
                [[0, 1, 0, 1, 0]],  # more choices than days
                [[0], [1, 0]],
                "ab",
                [[]],
                1,
            ],
        },
    ),
]
