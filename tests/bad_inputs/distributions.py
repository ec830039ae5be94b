import mctools as mc
from mctools._domains import Probabilities

from .entry import Entry

P = [0.2, 0.3, 0.5]
# validate_distribution is the check itself: its p is refused under the name it is given
NAMED = {"p": Probabilities().refuses(P, {}), "name": [3, None, ""]}

ENTRIES = [
    Entry(mc.validate_distribution, {"p": P}, NAMED),
    Entry(mc.entropy, {"p": P}),
    Entry(mc.kl_divergence, {"p": P, "q": [0.4, 0.4, 0.2]}, {"p": [[0.5, 0.5]], "q": [[[0.5, 0.5], [0.5, 0.5]]]}),
    Entry(mc.softmax, {"rewards": [1.0, 2.0, 3.0], "temperature": 0.5}),
    Entry(mc.temper, {"p": P, "temperature": 0.5}),
]
