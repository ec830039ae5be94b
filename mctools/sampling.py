r"""Draws whose outcome does not hang on the last bit of their probabilities.

numpy's ``Generator.multinomial`` draws the counts category by category, each a binomial of
the draws left with probability :math:`p_j / (1 - \sum_{i<j} p_i)`, and numpy's binomial
branches on that probability (:math:`\le 1/2` or not: inversion with :math:`p` or :math:`n -`
inversion with :math:`1 - p`; inversion or BTPE at :math:`np = 30`). When two categories have
equal probabilities, as two tokens with equal counts do, the ratio is :math:`1/2` in exact
arithmetic and a few ulps either side in floating point, so the last bits of the ``exp`` and
``log`` that computed the probabilities, which differ from one CPU to the next, pick the
branch: the same uniform then gives the two categories mirrored counts, and a resampling
chain continues on another trajectory.

:func:`multinomial_counts` draws the same distribution from ``n`` uniforms per vector, each
assigned to its category by the cumulative probabilities. The stream it consumes does not
depend on ``p``, and a change of a few ulps in ``p`` changes the counts only if one of those
uniforms lies within those few ulps of a cumulative boundary (probability about
:math:`nK \cdot 10^{-16}` per vector), whatever symmetries ``p`` has.
"""

from __future__ import annotations

import numpy as np

from ._domains import SEED, Integer, Probabilities, domains

__all__ = ["multinomial_counts"]


@domains(n=Integer("[0, inf)"), p=Probabilities(), rng=SEED)
def multinomial_counts(n: int, p, *, rng=None) -> np.ndarray:
    r"""Multinomial counts of ``n`` draws from each probability vector, robust to its last bits.

    Each vector's ``n`` draws are uniforms :math:`U_1, \dots, U_n` on :math:`[0, 1)`, and
    :math:`U` falls in category :math:`k` iff :math:`B_{k-1} \le U < B_k`, with the cumulative
    boundaries

    .. math::  B_k = \frac{\sum_{i \le k} p_i}{\sum_{i < K} p_i}, \qquad B_{-1} = 0,\ B_{K-1} = 1,

    so the counts are :math:`\text{Multinomial}(n, p)` (each probability to within the
    :math:`2^{-53}` grid of the uniforms). A category with :math:`p_k = 0` has an empty
    interval and gets no draw. The counts are found by sorting each vector's uniforms and
    counting those below each boundary (a binary search per boundary): :math:`O(n \log n + K
    \log n)` per vector, vectorised over vectors. Exactly ``n`` doubles per vector are taken
    from ``rng``, whatever ``p``; see the module docstring for why numpy's
    ``Generator.multinomial`` is not used.

    Parameters
    ----------
    n : int
        Draws per vector, at least 0.
    p : array_like, shape (..., K)
        Probability vectors along the last axis (non-negative, each summing to 1 within
        1e-8); leading axes are replicates.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    numpy.ndarray of int64, shape (..., K)
        Counts, summing to ``n`` along the last axis; zero wherever ``p`` is zero.
    """
    probabilities, gen = p, rng
    shape, classes = probabilities.shape, probabilities.shape[-1]
    rows = probabilities.reshape(-1, classes)
    cumulative = np.cumsum(rows, axis=-1)
    bounds = cumulative[:, :-1] / cumulative[:, -1:]  # B_0 .. B_{K-2}: B_{K-1} = 1 is above every uniform
    uniforms = np.sort(gen.random((rows.shape[0], n)), axis=-1).ravel()
    # below[r, k] = #{U < B_k} in row r, by binary search with halving steps in the sorted row:
    # it grows by `step` while the uniform at that rank is still below the boundary.
    row_start = (n * np.arange(rows.shape[0]))[:, None] - 1  # flat index of rank 0 is row_start + 1
    below = np.zeros(bounds.shape, dtype=np.int64)
    step = 1 << (n.bit_length() - 1) if n else 0
    while step:
        rank = below + step
        fits = rank <= n
        np.minimum(rank, n, out=rank)
        fits &= uniforms[row_start + rank] < bounds
        below += step * fits
        step >>= 1
    counts = np.diff(below, axis=-1, prepend=0, append=n)
    return counts.reshape(shape)
