"""mctools: small, tested models of mode collapse for the course *Mode Collapse*.

Organised by mechanism, not by chapter; the chapters compose these pieces.

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
* ``charts``: the course's Altair theme and chart builders
* ``exercises``: checks for the autograded exercises
"""

from . import charts, exercises
from .allocation import expected_quality, optimal_allocation
from .ambiguity import generator_map, output_share, posterior, simulate_output_share
from .annealing import (
    annealing_distribution,
    metropolis_matrix,
    rugged_landscape,
    simulated_annealing,
    temperature_schedule,
)
from .bandits import BanditRun, escape_time, simulate_bandit, strategy_arrays
from .cascades import information_cascade
from .detection import (
    bernoulli_run_length,
    bernoulli_scores,
    bernoulli_threshold,
    cusum_path,
    cusum_run_length,
    first_alarm,
    simulate_bernoulli_cusum,
)
from .distributions import entropy, kl_divergence, softmax, temper, validate_distribution
from .drift import gaussian_refit, regression_refit, wright_fisher
from .ecology import (
    branching_process,
    extinction_by_generation,
    extinction_probability,
    germination_optimum,
    log_growth_rate,
    log_population,
    random_environments,
    seed_bank_fitness,
)
from .feedback import knob_thresholds, monitoring_interval, with_exploration, with_fresh_data, with_temperature
from .learning import (
    LearningRun,
    choice_probabilities,
    learning_by_doing_exact,
    simulate_learning_by_doing,
    skill_curve,
)
from .maps import cobweb, derivative, first_passage, fixed_points, iterate_map
from .planning import best_integer_split, plan_albums
from .resources import (
    cloudiness_cdf,
    equilibrium_stock,
    logistic_growth,
    maximum_sustainable_yield,
    sample_cloudiness,
    simulate_harvest,
    simulate_island,
    sustainable_yield,
)
from .screening import (
    OfficePath,
    RoundResult,
    award_share,
    fund_probability,
    funded_quality,
    log_fund_probability,
    net_value,
    office_path,
    quota_bars,
    retraining_map,
    simulate_round,
)
from .slack import break_even_time, learning_curve, savings_needed, savings_path, time_to_reach
from .tails import memoriser_error
from .temperature import (
    critical_temperature,
    free_energy,
    log_variance_drift,
    optimal_free_energy,
    recover_logits,
    retrain_logits,
    temper_logits,
)
from .urns import LockInEstimate, lock_in_estimate, lock_in_probability, polya_urn, urn_feedback

__all__ = [
    "BanditRun",
    "LearningRun",
    "LockInEstimate",
    "OfficePath",
    "RoundResult",
    "annealing_distribution",
    "award_share",
    "bernoulli_run_length",
    "bernoulli_scores",
    "bernoulli_threshold",
    "best_integer_split",
    "branching_process",
    "break_even_time",
    "charts",
    "choice_probabilities",
    "cloudiness_cdf",
    "cobweb",
    "critical_temperature",
    "cusum_path",
    "cusum_run_length",
    "derivative",
    "entropy",
    "equilibrium_stock",
    "escape_time",
    "exercises",
    "expected_quality",
    "extinction_by_generation",
    "extinction_probability",
    "first_alarm",
    "first_passage",
    "fixed_points",
    "free_energy",
    "fund_probability",
    "funded_quality",
    "gaussian_refit",
    "generator_map",
    "germination_optimum",
    "information_cascade",
    "iterate_map",
    "kl_divergence",
    "knob_thresholds",
    "learning_by_doing_exact",
    "learning_curve",
    "lock_in_estimate",
    "lock_in_probability",
    "log_fund_probability",
    "log_growth_rate",
    "log_population",
    "log_variance_drift",
    "logistic_growth",
    "maximum_sustainable_yield",
    "memoriser_error",
    "metropolis_matrix",
    "monitoring_interval",
    "net_value",
    "office_path",
    "optimal_allocation",
    "optimal_free_energy",
    "output_share",
    "plan_albums",
    "polya_urn",
    "posterior",
    "quota_bars",
    "random_environments",
    "recover_logits",
    "regression_refit",
    "retrain_logits",
    "retraining_map",
    "rugged_landscape",
    "sample_cloudiness",
    "savings_needed",
    "savings_path",
    "seed_bank_fitness",
    "simulate_bandit",
    "simulate_bernoulli_cusum",
    "simulate_harvest",
    "simulate_island",
    "simulate_learning_by_doing",
    "simulate_output_share",
    "simulate_round",
    "simulated_annealing",
    "skill_curve",
    "softmax",
    "strategy_arrays",
    "sustainable_yield",
    "temper",
    "temper_logits",
    "temperature_schedule",
    "time_to_reach",
    "urn_feedback",
    "validate_distribution",
    "with_exploration",
    "with_fresh_data",
    "with_temperature",
    "wright_fisher",
]
