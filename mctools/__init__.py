"""mctools: small, tested models of mode collapse for the course *Mode Collapse*.

Organised by mechanism, not by chapter; the chapters compose these pieces.

* ``distributions``: probability vectors, entropy, KL divergence, softmax, tempering
* ``maps``: iterating one-dimensional maps, fixed points, stability, cobwebs
* ``allocation``: capacity allocation under diminishing returns
* ``ambiguity``: deciding what to draw when the context is ambiguous
* ``drift``: models refitted to their own samples (Gaussian, linear regression)
* ``charts``: the course's Altair theme and chart builders
* ``exercises``: checks for the autograded exercises
"""

from . import charts, exercises
from .allocation import expected_quality, optimal_allocation
from .ambiguity import generator_map, output_share, posterior, simulate_output_share
from .distributions import entropy, kl_divergence, softmax, temper, validate_distribution
from .drift import gaussian_refit, regression_refit
from .maps import cobweb, derivative, first_passage, fixed_points, iterate_map

__all__ = [
    "charts",
    "cobweb",
    "derivative",
    "entropy",
    "exercises",
    "expected_quality",
    "first_passage",
    "fixed_points",
    "gaussian_refit",
    "generator_map",
    "iterate_map",
    "kl_divergence",
    "optimal_allocation",
    "output_share",
    "posterior",
    "regression_refit",
    "simulate_output_share",
    "softmax",
    "temper",
    "validate_distribution",
]
