r"""Integer best responses: splitting a whole number of units between uses with concave values.

The problem (chapter 4's album planner): put :math:`N` units (songs) into :math:`K` uses
(genres) to maximise a separable value

.. math::  V(n) = \sum_k \big[ w_k\, q(n_k) + T\, n_k \ln(N / n_k) \big],
           \qquad \sum_k n_k = N,\ n_k \in \{0, 1, \dots\},

with weights :math:`w_k \ge 0` (skills), a concave increasing quality :math:`q` and an
optional entropy bonus at temperature :math:`T \ge 0` (:math:`\sum_k n_k \ln(N/n_k)` is
:math:`N` times the entropy of the split). Because every term is concave in :math:`n_k`,
giving the units out one at a time, each to the use with the largest marginal value, is
optimal (marginal allocation, Fox 1966).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._domains import COUNT, NONNEGATIVE, POSITIVE, Curve, Integer, Reals, domains
from ._validate import check_concave_curve

__all__ = ["best_integer_split", "plan_albums"]

QUALITY, WEIGHTS = Curve("exp"), Reals("[0, inf)", min_ndim=1)


def _quality(quality, scale: float, total: int) -> Callable[[np.ndarray], np.ndarray]:
    if quality == "exp":

        def saturating(n: np.ndarray) -> np.ndarray:
            with np.errstate(over="ignore"):  # a tiny scale: n / scale = inf, and q(n) = 1 for n >= 1
                return -np.expm1(-n / scale)

        return saturating
    check_concave_curve("quality", quality, np.arange(total + 1, dtype=float), where="0..total", strict=False)
    return quality


def _entropy_term(n: np.ndarray, total: int) -> np.ndarray:
    # n ln(N / n), with the limit 0 at n = 0
    safe = np.where(n > 0, n, 1.0)
    return np.where(n > 0, n * np.log(total / safe), 0.0)


def _split(weights: np.ndarray, total: int, q, temperature: float) -> np.ndarray:
    counts = np.zeros(weights.shape, dtype=np.int64)
    if total == 0:
        return counts
    # Counts are integers 0..total: q and the entropy term are tabulated there once and looked
    # up, the same numbers as evaluating them at each step.
    units = np.arange(total + 1, dtype=float)
    q_at, entropy_at = q(units), _entropy_term(units, total)
    for _ in range(total):  # one unit at a time; every weight vector moves together
        gain = weights * (q_at[counts + 1] - q_at[counts])
        if temperature > 0:
            gain = gain + temperature * (entropy_at[counts + 1] - entropy_at[counts])
        best = np.argmax(gain, axis=-1)[..., None]  # ties go to the lower index
        np.put_along_axis(counts, best, np.take_along_axis(counts, best, axis=-1) + 1, axis=-1)
    return counts


@domains(weights=WEIGHTS, total=Integer("[0, inf)"), scale=POSITIVE, temperature=NONNEGATIVE, quality=QUALITY)
def best_integer_split(
    weights, total: int, *, quality="exp", scale: float = 1.0, temperature: float = 0.0
) -> np.ndarray:
    r"""The integer split of ``total`` units maximising :math:`V(n)` (module docstring).

    Parameters
    ----------
    weights : array_like, shape (..., K)
        Non-negative weights :math:`w_k` (e.g. the band's skill in each genre).
    total : int
        :math:`N \ge 0` units to place.
    quality : "exp" or callable
        ``"exp"``: :math:`q(n) = 1 - e^{-n/s}` (the saturating curve of chapter 1). A callable
        must be elementwise on arrays, non-decreasing and concave on :math:`0, 1, \dots, N`.
    scale : float
        :math:`s > 0` for ``"exp"``.
    temperature : float
        :math:`T \ge 0`, the weight of the entropy bonus.

    Returns
    -------
    numpy.ndarray of int, shape (..., K)
        Unit counts summing to ``total`` along the last axis; among equally good splits the
        one the greedy order reaches first (ties go to the lower index).

    References
    ----------
    Fox (1966), Discrete optimization via marginal analysis.
    """
    return _split(weights, total, _quality(quality, scale, total), temperature)


@domains(
    head_start=WEIGHTS,
    albums=COUNT,
    songs=COUNT,
    scale=POSITIVE,
    learning=NONNEGATIVE,
    temperature=NONNEGATIVE,
    quality=QUALITY,
)
def plan_albums(
    head_start,
    albums: int,
    *,
    songs: int = 12,
    quality="exp",
    scale: float = 1.0,
    learning: float = 1.0,
    temperature: float = 0.0,
) -> np.ndarray:
    r"""A band that plans each album as a best response to its current skills.

    Skill in genre :math:`k` before album :math:`m` is the head start plus what was learnt
    from every song written in it, :math:`w_k = h_k + \ell \sum_{j < m} n_{jk}`; each album is
    :func:`best_integer_split` of ``songs`` songs given those skills.

    Parameters
    ----------
    head_start : array_like, shape (..., K)
        Skills :math:`h_k \ge 0` before the first album.
    albums : int
        Number of albums, at least 1.
    songs : int
        Songs per album, at least 1.
    quality, scale, temperature
        As in :func:`best_integer_split`.
    learning : float
        :math:`\ell \ge 0`, skill gained per song written.

    Returns
    -------
    numpy.ndarray of int, shape (..., albums, K)
        Songs per genre on each album.
    """
    h = head_start
    q = _quality(quality, scale, songs)
    plan = np.empty((*h.shape[:-1], albums, h.shape[-1]), dtype=np.int64)
    written = np.zeros(h.shape)
    for m in range(albums):  # each album depends on the skills the last ones built
        plan[..., m, :] = _split(h + learning * written, songs, q, temperature)
        written += plan[..., m, :]
    return plan
