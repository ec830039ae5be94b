import numpy as np

import mctools as mc

from .entry import Entry

CLASH = [[0.1, 0.2, 0.3], np.full((3, 1, 3), 0.1)]  # a grid of three cells against the two of the valid call
SKILL = {"experience": [0.0, 1.0, 2.5], "learning": [0.2, 0.3, 0.5], "novice": 0.1}
CHOICE = {"values": [[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]], "temperature": [0.5, 0.0]}
SIMULATION = {"days": 6, "learning": [0.2, 0.5], "forgetting": [0.1, 0.0], "temperature": 0.3, "payoff": (1.0, 0.8)}
SIMULATION |= {"novice": 0.1, "max_experience": 5, "start": (1, 0), "replicates": 3, "rng": 0}
EXACT = {"days": 4, "learning": 0.3, "forgetting": 0.1, "temperature": 0.2, "payoff": (1.0, 0.8), "novice": 0.1}
EXACT |= {"max_experience": 4, "start": (1, 0), "given": [[0, 1], [1, 1]]}
# The grid (2 cells) and the activities (2) of the valid call.
GRID = dict.fromkeys(("learning", "forgetting", "temperature", "novice"), CLASH)
GRID |= {"payoff": [[[1.0, 1.0]] * 3, np.ones((2, 2, 2))], "start": [[1, 0, 0], [[1, 0]] * 3, [[[1, 0]]] * 2]}
HISTORY = {"days": [1], "given": [[[0, 1, 0, 1, 0]]]}  # given fixes at most days (4) choices

ENTRIES = [
    Entry(mc.skill_curve, SKILL, {"experience": [[1.0, 2.0]], "learning": [[0.2, 0.3]], "novice": [[0.1, 0.2]]}),
    Entry(mc.choice_probabilities, CHOICE, {"values": [np.ones((3, 3))], "temperature": [[0.5, 1.0, 2.0]]}),
    Entry(mc.simulate_learning_by_doing, SIMULATION, GRID),
    Entry(mc.learning_by_doing_exact, EXACT, HISTORY),
]
