r"""Zipf data with a lost tail: the test error of a memoriser (Dohmatob et al. 2024).

Hutter's (2021) model of learning from heavy-tailed data: items :math:`i = 1, \dots, K` occur
with Zipf probabilities :math:`p_i \propto i^{-\beta}`, each with its own answer, and a model
trained on :math:`T` samples knows the answers it has seen and nothing else. Its test error is
the probability mass it has not seen, which falls like :math:`T^{-(1 - 1/\beta)}`: a scaling
law. A generator whose tail has been cut off (finite resampling, top-k or top-p sampling) never
produces the rare items, and a model trained on its output stops improving at an error floor.
"""

from __future__ import annotations

import numpy as np

from ._domains import COUNT, POSITIVE, Integer, Maybe, Real, Reals, domains

__all__ = ["memoriser_error"]


@domains(
    samples=Reals("[0, inf)"),
    exponent=POSITIVE,
    vocabulary=COUNT,
    cutoff=Maybe(Integer("[1, vocabulary]")),
    clean_fraction=Real("[0, 1]"),
)
def memoriser_error(
    samples, exponent: float, vocabulary: int, *, cutoff: int | None = None, clean_fraction: float = 0.0
) -> np.ndarray:
    r"""Expected test error of a memoriser trained on Zipf data, clean or with its tail cut off.

    Test items follow :math:`p_i = i^{-\beta} / \sum_{j \le K} j^{-\beta}`. Training samples
    are drawn from :math:`q = \pi p + (1 - \pi)\,p^{(k)}`, where :math:`p^{(k)}` is :math:`p`
    cut off after rank :math:`k` and renormalised (a generator that has lost its tail) and
    :math:`\pi` is the share of clean data. The memoriser errs on every item it has not seen, so

    .. math::  E(T) = \sum_{i=1}^{K} p_i\,(1 - q_i)^T .

    With clean data and :math:`K \to \infty`,
    :math:`E(T) \approx \Gamma(1 - 1/\beta)\,\zeta(\beta)^{-1/\beta}\,T^{-(1 - 1/\beta)}/\beta`;
    with the tail cut and no clean data, :math:`E(T) \to \sum_{i > k} p_i \approx
    k^{1-\beta}/((\beta - 1)\zeta(\beta))`, the error floor of Dohmatob et al. (2024), whose
    scaling law reads :math:`E \asymp T^{-c} + k^{-\beta c}`, :math:`c = 1 - 1/\beta`.

    Parameters
    ----------
    samples : array_like
        :math:`T \ge 0`, numbers of training samples; any shape.
    exponent : float
        :math:`\beta > 0`, the Zipf exponent (:math:`\beta > 1` for the scaling law).
    vocabulary : int
        :math:`K \ge 1`, the number of items.
    cutoff : int or None
        :math:`1 \le k \le K`, the last rank the generator still produces; None for
        clean data only.
    clean_fraction : float
        :math:`\pi \in [0, 1]`, the share of clean data mixed into the cut-off data (ignored
        when ``cutoff`` is None).

    Returns
    -------
    numpy.ndarray, shape of ``samples``
        :math:`E(T)`, between 0 and 1.

    References
    ----------
    Hutter, M. (2021). Learning curve theory. arXiv:2102.04074. Dohmatob, E., Feng, Y., Yang,
    P., Charton, F. and Kempe, J. (2024). A tale of tails: model collapse as a change of scaling
    laws. *ICML*, PMLR 235, 11165–11197.
    """
    counts, beta, size, fraction = samples, exponent, vocabulary, clean_fraction
    log_weight = -beta * np.log(np.arange(1, size + 1))
    p = np.exp(log_weight - log_weight.max())
    p /= p.sum()
    q = p
    if cutoff is not None:
        k = cutoff
        head = np.where(np.arange(size) < k, p, 0.0)
        q = fraction * p + (1 - fraction) * head / head.sum()
    with np.errstate(divide="ignore"):  # log(0) = -inf where q = 1: seen at once
        log_unseen = np.log1p(-np.minimum(q, 1.0))
    errors = np.empty(counts.shape)
    for index, t in np.ndenumerate(counts):  # one pass over the vocabulary per sample size
        errors[index] = 1.0 if t == 0 else float(p @ np.exp(t * log_unseen))
    return errors
