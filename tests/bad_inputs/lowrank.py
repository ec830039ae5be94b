"""Bad inputs for ``mctools.lowrank``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry

PICTURES = np.random.default_rng(0).normal(5.0, 2.0, (12, 4))  # 12 pictures of 4 pixels
LABELS = np.arange(12) % 2
MODELS = mc.fit_class_models(PICTURES, LABELS, classes=2, budget=2)
VISIBLE = np.array([True, True, False, False])
# Classes set by another argument: a class beyond those (2), not one per picture (12 of them).
LABEL_CLASHES = [np.full(12, 2), LABELS[:5], LABELS[None]]
MASK_CLASHES = [VISIBLE[:3], np.array([True, False, True, False, True])]  # not one entry per pixel (4)

ENTRIES = [
    Entry(
        mc.fit_class_models,
        {"pictures": PICTURES, "labels": LABELS, "classes": 2, "budget": 2},
        {"labels": LABEL_CLASHES, "classes": [1]},  # 1 class cannot hold labels 0 and 1
    ),
    Entry(
        mc.ppca_log_likelihood,
        {"eigenvalues": [4.0, 2.0, 1.0, 0.5], "rank": 1},
        # rank 1 needs a positive largest eigenvalue and a positive mean of the rest
        {"eigenvalues": [[0.0, 0.0, 0.0, 0.0], [4.0, 0.0, 0.0, 0.0]]},
    ),
    Entry(
        mc.allocate_ranks,
        {"shares": [0.7, 0.3], "log_likelihoods": [[-3.0, -2.0, -1.5], [-3.0, -2.5, -2.2]], "budget": 2},
        {"shares": [[0.5, 0.3, 0.2]], "budget": [1, 3]},  # log_likelihoods has shape (K, budget + 1) = (2, 3)
    ),
    Entry(mc.conditional_gaussian, {"models": MODELS, "visible": VISIBLE}, {"visible": MASK_CLASHES}),
]
