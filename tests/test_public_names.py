"""The public names of ``mctools``: composed from the modules' ``__all__``, and the same as before.

``mctools/__init__.py`` lists no name itself: each module's ``__all__`` says what it exports. These
tests keep that composition honest: the public set is the one the chapters were written against
(a name removed or renamed fails here first), no name is exported by two modules, and every
``mc.<name>`` a chapter calls exists.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import mctools as mc

BOOK = Path(__file__).resolve().parents[1] / "book"
NAMES = """
BanditRun ClassModels InpaintingRun LearningRun LockInEstimate OfficePath RoundResult allocate_ranks
annealing_distribution award_share bernoulli_run_length bernoulli_scores bernoulli_threshold
best_integer_split branching_process break_even_time calibrate_posterior charts choice_probabilities
class_posterior cloudiness_cdf cobweb conditional_gaussian critical_temperature cross_fitted_posterior
cusum_path cusum_run_length decide_class derivative entropy equilibrium_stock escape_time exercises
expected_quality extinction_by_generation extinction_probability first_alarm first_passage fit_class_models
fixed_points fixed_points_of_family free_energy fund_probability funded_quality gaussian_refit generator_map
germination_optimum
information_cascade inpaint inpainting_generations iterate_map kl_divergence knob_thresholds
learning_by_doing_exact learning_curve load_digits lock_in_estimate lock_in_probability log_fund_probability
log_growth_rate log_population log_variance_drift logistic_growth maximum_sustainable_yield memoriser_error
metropolis_matrix monitoring_interval multinomial_counts net_value office_path optimal_allocation
optimal_free_energy output_share plan_albums polya_urn posterior ppca_log_likelihood quota_bars
random_environments recover_logits regression_refit retrain_logits retraining_map rugged_landscape
sample_cloudiness savings_needed savings_path seed_bank_fitness simulate_bandit simulate_bernoulli_cusum
simulate_harvest simulate_island simulate_learning_by_doing simulate_output_share simulate_round
simulated_annealing skill_curve softmax strategy_arrays sustainable_yield temper temper_logits
temperature_schedule time_to_reach urn_feedback validate_distribution visible_log_likelihood with_exploration
with_fresh_data with_temperature wright_fisher
"""
PUBLIC = re.findall(r"\w+", NAMES)


def test_the_public_names_are_the_chapters_names():
    assert sorted(mc.__all__) == sorted(PUBLIC), "a public name was added, removed or renamed: update PUBLIC"
    assert all(hasattr(mc, name) for name in mc.__all__)


def test_each_name_is_exported_by_one_module_and_is_its_own():
    mechanisms = [getattr(mc, name) for name in dir(mc) if type(getattr(mc, name)) is type(mc)]
    mechanisms = [module for module in mechanisms if module not in (mc.charts, mc.exercises)]
    mechanisms = [module for module in mechanisms if not module.__name__.rpartition(".")[2].startswith("_")]
    assert len(mechanisms) == 23
    exported = [(module, name) for module in mechanisms for name in module.__all__]
    names = [name for _, name in exported]
    assert len(names) == len(set(names)) == len(mc.__all__) - 2, "a name is in the __all__ of two modules"
    for module, name in exported:
        assert getattr(mc, name) is getattr(importlib.import_module(module.__name__), name)


def test_every_name_a_chapter_calls_exists():
    used = set()
    for path in sorted(BOOK.glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            used |= set(re.findall(r"\bmc\.(\w+(?:\.\w+)?)", "".join(cell["source"])))
    assert len(used) > 60
    for dotted in sorted(used):
        obj = mc
        for part in dotted.split("."):
            assert hasattr(obj, part), f"the chapters call mc.{dotted}, which does not exist"
            obj = getattr(obj, part)
