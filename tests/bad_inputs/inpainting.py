"""Bad inputs for ``mctools.inpainting``."""

from __future__ import annotations

import numpy as np

import mctools as mc

from .entry import Entry
from .lowrank import LABEL_CLASHES, LABELS, MASK_CLASHES, MODELS, PICTURES, VISIBLE

LOG_LIKELIHOOD = mc.visible_log_likelihood(MODELS, PICTURES, VISIBLE)  # (12, 2)
POSTERIOR = mc.class_posterior(LOG_LIKELIHOOD, [0.5, 0.5])
# The models' pixels (4) and leading axes (none).
PROMPT_CLASHES = [np.ones((12, 5)), PICTURES[None]]
GENERATIONS = {
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
}

ENTRIES = [
    Entry(
        mc.visible_log_likelihood,
        {"models": MODELS, "pictures": PICTURES, "visible": VISIBLE},
        {"pictures": PROMPT_CLASHES, "visible": MASK_CLASHES},
    ),
    Entry(
        mc.class_posterior,
        {"log_likelihood": LOG_LIKELIHOOD, "shares": [0.5, 0.5], "temperature": 2.0, "bias": [0.0, 0.3]},
        {  # K = 2 classes and no leading axes, set by log_likelihood; a prior that is not all zero
            "shares": [[0.0, 0.0], [0.2, 0.3, 0.5], [[0.5, 0.5]] * 3],
            "temperature": [[1.0, 2.0, 3.0]],
            "bias": [[0.0, 0.1, 0.2], [[0.0, 0.1]] * 3],
        },
    ),
    Entry(
        mc.calibrate_posterior,
        {"log_likelihood": LOG_LIKELIHOOD, "labels": LABELS, "shares": [0.5, 0.5]},
        {  # K = 2 classes set by log_likelihood, at least two with a share, none labelled with share 0
            "labels": LABEL_CLASHES,
            "shares": [[1.0, 0.0], [0.5, 0.3, 0.2], [[0.5, 0.5]]],
        },
    ),
    Entry(
        mc.cross_fitted_posterior,
        {"pictures": PICTURES, "labels": LABELS, "visible": VISIBLE, "classes": 2, "budget": 2},
        {"pictures": [PICTURES[:3]], "labels": LABEL_CLASHES, "visible": MASK_CLASHES},  # at least 4 pictures
    ),
    Entry(
        mc.decide_class,
        {"posterior": POSTERIOR, "quality": [0.1, 0.2], "policy": "sample", "rng": 0},  # rng matters
        {"quality": [[0.1, 0.2, 0.3], [[0.1, 0.2]] * 5]},  # (K,) or (N, K) = (12, 2), set by posterior
    ),
    Entry(
        mc.inpaint,
        {"models": MODELS, "pictures": PICTURES, "visible": VISIBLE, "chosen": LABELS, "rng": 0},
        {"pictures": PROMPT_CLASHES, "visible": MASK_CLASHES, "chosen": LABEL_CLASHES},
    ),
    Entry(
        mc.inpainting_generations,
        GENERATIONS,
        {  # at least 4 pictures; a pool that fits the pictures
            "pictures": [PICTURES[:3]],
            "labels": LABEL_CLASHES,
            "visible": MASK_CLASHES,
            "fresh_pictures": [np.ones((5, 3))],
            "fresh_labels": LABEL_CLASHES,
        },
    ),
]
