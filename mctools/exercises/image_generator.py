"""Checks for chapter 1, the image generator."""

from __future__ import annotations

import numpy as np

from ..ambiguity import output_share
from ._core import function_check, register


def _map_policy_reference(share, separation):
    return output_share(share, separation, policy="map")


register("ex-ch01-map-policy")(
    function_check(
        "ex-ch01-map-policy",
        _map_policy_reference,
        cases=[
            (0.5, 1.0),
            (0.7, 1.0),
            (0.3, 2.5),
            (0.9, 0.25),
            (np.array([0.1, 0.5, 0.6, 0.95]), 1.5),
        ],
    )
)
