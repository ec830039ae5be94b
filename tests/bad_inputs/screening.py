"""Bad inputs for ``mctools.screening``."""

from __future__ import annotations

import mctools as mc

from .entry import Entry
from .values import (
    ARRAY,
    COUNT,
    INF,
    NAN,
    POSITIVE,
    PROBABILITIES,
    REAL,
    RNG,
    UNIT,
    UNIT_ARRAY,
)

# Skill is a precision >= 0 where +inf (a perfect evaluator) is allowed: ARRAY without [1.0, inf].
SKILL = [
    [NAN, 1.0],
    [-INF, 0.0],
    [1.0, -1.0],
    [1.0, -1e-12],
    [],
    "ab",
    [True, False],
    None,
    [[1.0], [1.0, 2.0]],
    [1 + 2j],
    NAN,
    -INF,
    -1.0,
    "1.0",
    True,
]
POSITIVE_SKILL = [*SKILL, 0.0, [1.0, 0.0]]
# A bar is finite or -inf (fund every proposal): ARRAY without [-inf, 0.0].
BAR = [
    [NAN, 1.0],
    [1.0, INF],
    [-INF, NAN],
    [INF, -INF],
    [],
    "ab",
    [True, False],
    [[1.0], [1.0, 2.0]],
    [1 + 2j],
    NAN,
    INF,
    "1.0",
    True,
]
WRONG_LENGTH = [[1.0, 2.0, 3.0]]  # the valid arrays below have length 2
PAIR = [
    (NAN, 0.0),
    (0.0, INF),
    (-1.0, 0.0),
    (0.0, -1e-12),
    (0.0, 0.0, 0.0),
    (0.0,),
    [[0.0, 0.0]],
    0.0,
    (),
    "ab",
    None,
    (True, False),
    (1 + 2j, 0.0),
]
SHARES = [0.2, 0.6]

ENTRIES = [
    Entry(
        mc.log_fund_probability,
        {"skill": [1.0, 4.0], "bar": [0.5, 1.0]},
        {"skill": [*SKILL, *WRONG_LENGTH], "bar": [*BAR, None, *WRONG_LENGTH]},
    ),
    Entry(
        mc.fund_probability,
        {"skill": [1.0, 4.0], "bar": [0.5, 1.0]},
        {"skill": [*SKILL, *WRONG_LENGTH], "bar": [*BAR, None, *WRONG_LENGTH]},
    ),
    Entry(
        mc.funded_quality,
        {"skill": [1.0, 4.0], "bar": [0.5, 1.0]},
        {"skill": [*POSITIVE_SKILL, *WRONG_LENGTH], "bar": [*BAR, None, *WRONG_LENGTH]},
    ),
    Entry(
        mc.net_value,
        {"skill": [1.0, 4.0], "bar": [0.5, 1.0], "cost": [0.5, 0.7]},
        {
            "skill": [*SKILL, *WRONG_LENGTH],
            "bar": [*BAR, None, *WRONG_LENGTH],
            "cost": [*(v for v in ARRAY if v is not None), NAN, INF, "1.0", True, *WRONG_LENGTH],
        },
    ),
    Entry(
        mc.award_share,
        {"proposal_share": SHARES, "skill_a": [1.0, 3.0], "skill_b": 2.0, "bar_a": 0.5, "bar_b": [0.5, 0.2]},
        {
            "proposal_share": [*UNIT_ARRAY, NAN, -0.1, 1.5, "0.5", True, *WRONG_LENGTH],
            "skill_a": [*SKILL, *WRONG_LENGTH],
            "skill_b": [*SKILL, *WRONG_LENGTH],
            "bar_a": [*BAR, None, *WRONG_LENGTH],
            "bar_b": [*BAR, *WRONG_LENGTH],
        },
    ),
    Entry(
        mc.retraining_map,
        {"training_share": [0.3, 0.8], "proposal_share": SHARES, "scale": 2.0, "bar": 0.5, "exponent": 1.5},
        {
            "training_share": [*UNIT_ARRAY, NAN, -0.1, 1.5, "0.5", True, *WRONG_LENGTH],
            "proposal_share": [*UNIT_ARRAY, NAN, -0.1, 1.5, "0.5", True, *WRONG_LENGTH],
            "scale": POSITIVE,
            "bar": [*REAL, [0.5, 1.0]],
            "exponent": [*POSITIVE, -2.0],
            "extra_skill": PAIR,
        },
    ),
    Entry(
        mc.quota_bars,
        {"proposal_share": SHARES, "skill_a": [1.0, 3.0], "skill_b": 2.0, "bar": 0.5, "minimum": 0.3},
        {
            "proposal_share": [*UNIT_ARRAY, [0.0, 0.5], [0.5, 1.0], NAN, 0.0, 1.0, "0.5", True, *WRONG_LENGTH],
            "skill_a": [*POSITIVE_SKILL, *WRONG_LENGTH],
            "skill_b": [*POSITIVE_SKILL, *WRONG_LENGTH],
            "bar": [*REAL, [0.5, 1.0]],
            "minimum": [*UNIT, 0.5 + 1e-9, 0.6, 1.0],
        },
    ),
    Entry(
        mc.office_path,
        {
            "proposal_shares": [0.5, 0.4, 0.3, 0.2],
            "scale": 3.0,
            "bar": 0.5,
            "initial": 0.5,
            "audit_every": 2,
            "quota": 0.2,
            "extra_skill": (0.0, 0.0),
            "exponent": 1.0,
        },
        {
            "proposal_shares": [
                *UNIT_ARRAY,
                [0.5, 0.0],
                [1.0, 0.5],
                [[0.5, 0.4], [0.3, 0.2]],
                [[[0.5]]],
                0.5,
                NAN,
            ],
            "scale": POSITIVE,
            "bar": [*REAL, [0.5, 1.0]],
            # 0 and 1: with a quota and no specialist, one area would have zero skill
            "initial": [*UNIT, 0.0, 1.0, [0.5]],
            "audit_every": [2.5, 3.0, "3", True, None, NAN, -1],
            "quota": [*UNIT, 0.5 + 1e-9, 0.6, 1.0, [0.2]],
            "extra_skill": PAIR,
            "exponent": [*POSITIVE, [1.0]],
        },
    ),
    Entry(
        mc.simulate_round,
        {
            "proposal_share": [0.3, 0.7],
            "skill": [1.0, 4.0],
            "bar": [0.5, 0.2],
            "proposals": 30,
            "replicates": 3,
            "rng": 0,
        },
        {
            "proposal_share": [*PROBABILITIES, [[0.5, 0.5], [0.5, 0.5]], [1.0]],
            "skill": [*POSITIVE_SKILL, [1.0], [[1.0, 4.0]], *WRONG_LENGTH, 1.0],
            "bar": [*ARRAY, NAN, INF, -INF, "1.0", True, [[0.5, 0.2]], [0.5], *WRONG_LENGTH],
            "proposals": COUNT,
            "replicates": COUNT,
            "rng": RNG,
        },
    ),
]
