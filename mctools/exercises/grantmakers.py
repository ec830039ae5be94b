"""Checks for chapter 3, grant-makers."""

from __future__ import annotations

import numpy as np

from ..screening import award_share
from ._core import function_check, register


def _award_share_reference(proposal_share, skill_gh, skill_aw, bar):
    return award_share(proposal_share, skill_gh, skill_aw, bar)


register("ex-ch03-award-share")(
    function_check(
        "ex-ch03-award-share",
        _award_share_reference,
        cases=[
            (0.7, 3.73, 1.6, 1.0),
            (0.5, 2.0, 2.0, 1.0),
            (0.3, 0.5, 8.0, 0.5),
            (0.9, 10.0, 0.2, 1.5),
            (0.6, 1.0, 4.0, -0.5),
            (np.array([0.1, 0.5, 0.7, 0.95]), 3.0, 1.0, 1.0),
        ],
    )
)
