"""Bad inputs for ``mctools.inpainting``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .lowrank import LABEL_ARRAY, LABELS, MASK, MODELS, PICTURE_ARRAY, PICTURES, VISIBLE
from .values import ARRAY, CHOICE, COUNT, NONNEGATIVE_INTEGER, POSITIVE, POSITIVE_ARRAY, RNG, UNIT

LOG_LIKELIHOOD = mc.visible_log_likelihood(MODELS, PICTURES, VISIBLE)  # (12, 2)
POSTERIOR = mc.class_posterior(LOG_LIKELIHOOD, [0.5, 0.5])

ENTRIES = [
    Entry(
        mc.visible_log_likelihood,
        {"models": MODELS, "pictures": PICTURES, "visible": VISIBLE},
        {"models": [None, "models", (1, 2)], "pictures": [*PICTURE_ARRAY, np.ones((12, 5))], "visible": MASK},
    ),
    Entry(
        mc.class_posterior,
        {"log_likelihood": LOG_LIKELIHOOD, "shares": [0.5, 0.5], "temperature": 2.0, "bias": [0.0, 0.3]},
        {
            "log_likelihood": [*ARRAY, [1.0, 2.0]],
            "shares": [*ARRAY, [0.0, 0.0], [-0.5, 1.5], [0.2, 0.3, 0.5]],
            "temperature": [*POSITIVE_ARRAY, 0.0, [1.0, 2.0, 3.0]],
            "bias": [*ARRAY, [0.0, 0.1, 0.2]],
        },
    ),
    Entry(
        mc.calibrate_posterior,
        {"log_likelihood": LOG_LIKELIHOOD, "labels": LABELS, "shares": [0.5, 0.5]},
        {
            "log_likelihood": [*ARRAY, LOG_LIKELIHOOD[:, :1]],
            "labels": LABEL_ARRAY,
            "shares": [*ARRAY, [-0.5, 1.5], [1.0, 0.0], [0.5, 0.3, 0.2]],
        },
    ),
    Entry(
        mc.cross_fitted_posterior,
        {"pictures": PICTURES, "labels": LABELS, "visible": VISIBLE, "classes": 2, "budget": 2},
        {
            "pictures": [*PICTURE_ARRAY, PICTURES[:3]],
            "labels": LABEL_ARRAY,
            "visible": MASK,
            "classes": [*COUNT, 1],
            "budget": [*NONNEGATIVE_INTEGER, 7],  # more than classes * (d - 1) = 6
            "noise_floor": POSITIVE,
        },
    ),
    Entry(
        mc.decide_class,
        {"posterior": POSTERIOR, "quality": [0.1, 0.2], "policy": "sample", "rng": 0},  # rng matters
        {
            "posterior": [*ARRAY, [[0.7, 0.7]], [[-0.2, 1.2]], [0.5, 0.5]],
            "quality": [*ARRAY, [-0.1, 0.2], [0.1, 0.2, 0.3]],
            "policy": CHOICE,
            "rng": RNG,
        },
    ),
    Entry(
        mc.inpaint,
        {"models": MODELS, "pictures": PICTURES, "visible": VISIBLE, "chosen": LABELS, "rng": 0},
        {
            "models": [None, "models"],
            "pictures": [*PICTURE_ARRAY, np.ones((12, 5))],
            "visible": MASK,
            "chosen": LABEL_ARRAY,
            "rng": RNG,
        },
    ),
    Entry(
        mc.inpainting_generations,
        {
            "pictures": PICTURES,
            "labels": LABELS,
            "visible": VISIBLE,
            "classes": 2,
            "budget": 2,
            "generations": 2,
            "replicates": 2,
            "fresh_fraction": 0.5,
            "fresh_pictures": PICTURES,
            "fresh_labels": LABELS,
            "rng": 0,
        },
        {
            "pictures": [*PICTURE_ARRAY, PICTURES[:3], PICTURES[None]],
            "labels": LABEL_ARRAY,
            "visible": MASK,
            "classes": [*COUNT, 1],
            "budget": [*NONNEGATIVE_INTEGER, 7],  # more than classes * (d - 1) = 6
            "generations": NONNEGATIVE_INTEGER,
            "policy": CHOICE,
            "replicates": COUNT,
            "fresh_fraction": UNIT,
            "fresh_pictures": [*PICTURE_ARRAY, None, np.ones((5, 3))],
            "fresh_labels": [*LABEL_ARRAY[:4], np.full(12, 2)],
            "noise_floor": POSITIVE,
            "rng": RNG,
        },
    ),
]
