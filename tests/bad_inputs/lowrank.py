"""Bad inputs for ``mctools.lowrank``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .values import ARRAY, COUNT, NONNEGATIVE_INTEGER, NOT_INTEGER, POSITIVE

PICTURES = np.random.default_rng(0).normal(5.0, 2.0, (12, 4))  # 12 pictures of 4 pixels
LABELS = np.arange(12) % 2
MODELS = mc.fit_class_models(PICTURES, LABELS, classes=2, budget=2)
VISIBLE = np.array([True, True, False, False])

# A picture array: finite reals, shape (..., N, d) with N >= 1 and d >= 2.
PICTURE_ARRAY = [*ARRAY, [1.0, 2.0], np.ones((3, 1)), np.ones((0, 4))]
# Class labels: integers in 0..K-1, one per picture.
LABEL_ARRAY = [LABELS.astype(float), LABELS == 1, "ab", None, [0, 1], np.full(12, 2), np.full(12, -1)]
# A mask: 1-D booleans, one per pixel, some visible and some hidden.
MASK = [[1, 1, 0, 0], np.ones(4, bool), np.zeros(4, bool), np.array([True, False]), "ab", None, np.ones((2, 2), bool)]

ENTRIES = [
    Entry(
        mc.fit_class_models,
        {"pictures": PICTURES, "labels": LABELS, "classes": 2, "budget": 2},
        {
            "pictures": PICTURE_ARRAY,
            "labels": LABEL_ARRAY,
            "classes": [*COUNT, 1],  # 1 class cannot hold labels 0 and 1
            "budget": [*NONNEGATIVE_INTEGER, 7],  # more than classes * (d - 1) = 6
            "noise_floor": POSITIVE,
        },
    ),
    Entry(
        mc.ppca_log_likelihood,
        {"eigenvalues": [4.0, 2.0, 1.0, 0.5], "rank": 1},
        {
            "eigenvalues": [*ARRAY, [1.0], [-1.0, 2.0, 1.0], [0.0, 0.0, 0.0]],
            "rank": [*NOT_INTEGER, -1, 4, [1, 5]],
        },
    ),
    Entry(
        mc.allocate_ranks,
        {"shares": [0.7, 0.3], "log_likelihoods": [[-3.0, -2.0, -1.5], [-3.0, -2.5, -2.2]], "budget": 2},
        {
            "shares": [*ARRAY, [-0.1, 1.1], [0.5, 0.3, 0.2]],
            "log_likelihoods": [*ARRAY, [[-3.0, -2.0], [-3.0, -2.5]], [-3.0, -2.0, -1.5]],
            "budget": [*NONNEGATIVE_INTEGER, 3],
        },
    ),
    Entry(
        mc.conditional_gaussian,
        {"models": MODELS, "visible": VISIBLE},
        {"models": [None, "models", (1, 2), {"means": 0}], "visible": MASK},
    ),
]
