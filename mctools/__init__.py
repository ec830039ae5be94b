"""mctools: small, tested models of mode collapse for the course *Mode Collapse*.

Organised by mechanism, not by chapter; the chapters compose these pieces. The public names are
those of each module's ``__all__``, gathered here.

* ``distributions``: probability vectors, entropy, KL divergence, softmax, tempering
* ``maps``: iterating one-dimensional maps, fixed points, stability, cobwebs
* ``allocation``: capacity allocation under diminishing returns
* ``ambiguity``: deciding what to draw when the context is ambiguous
* ``drift``: models refitted to their own samples (Gaussian, linear regression, Wright–Fisher)
* ``tails``: Zipf data with a lost tail, the memoriser's test error (scaling laws)
* ``ecology``: growth in random environments, branching-process extinction, bet-hedging
* ``bandits``: exploring a world that shifts or depletes (greedy, ε-greedy, softmax, monitoring)
* ``temperature``: free energy, its maximiser, retraining at a temperature, critical temperature
* ``annealing``: simulated annealing on a rugged landscape, exact and simulated
* ``urns``: generalised Pólya urns, lock-in probabilities (exponential embedding)
* ``planning``: integer best responses with concave values (the album planner)
* ``slack``: learning curves, the shortfall while learning, savings needed, break-even time
* ``learning``: learning by doing: skill from practice, forgetting, daily choices (exact and simulated)
* ``resources``: logistic growth with harvest (equilibrium, MSY), the learning islander
* ``screening``: noisy evaluators: who gets funded, what it is worth, offices that retrain
* ``detection``: sequential change detection (CUSUM), exact run lengths and simulation
* ``feedback``: self-reinforcing maps and the four knobs that tame them
* ``cascades``: information cascades (sequential imitation)
* ``sampling``: multinomial counts by inverse CDF, the same on every CPU
* ``lowrank``: low-rank Gaussian class models (PPCA) under a rank budget, conditional Gaussians
* ``inpainting``: inpainting digits, calibrated class posteriors, decision rules, generations
* ``datasets``: the handwritten digits that ship with scikit-learn, read without importing it
* ``charts``: the course's Altair theme and chart builders (``mctools.charts.<name>``)
* ``exercises``: checks for the autograded exercises (``mctools.exercises.<name>``)
"""

# ruff: noqa: F401, F403, F405 (a star import brings exactly its module's __all__, and binds the module)
from . import _deferred_imports, charts, exercises  # in this order: see _deferred_imports
from .allocation import *
from .ambiguity import *
from .annealing import *
from .bandits import *
from .cascades import *
from .datasets import *
from .detection import *
from .distributions import *
from .drift import *
from .ecology import *
from .feedback import *
from .inpainting import *
from .learning import *
from .lowrank import *
from .maps import *
from .planning import *
from .resources import *
from .sampling import *
from .screening import *
from .slack import *
from .tails import *
from .temperature import *
from .urns import *

# Each module's names, in the form static checkers read, and the two modules used by their names.
__all__ = ["charts", "exercises"]
__all__ += allocation.__all__
__all__ += ambiguity.__all__
__all__ += annealing.__all__
__all__ += bandits.__all__
__all__ += cascades.__all__
__all__ += datasets.__all__
__all__ += detection.__all__
__all__ += distributions.__all__
__all__ += drift.__all__
__all__ += ecology.__all__
__all__ += feedback.__all__
__all__ += inpainting.__all__
__all__ += learning.__all__
__all__ += lowrank.__all__
__all__ += maps.__all__
__all__ += planning.__all__
__all__ += resources.__all__
__all__ += sampling.__all__
__all__ += screening.__all__
__all__ += slack.__all__
__all__ += tails.__all__
__all__ += temperature.__all__
__all__ += urns.__all__
