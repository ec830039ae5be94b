r"""Screening with a noisy evaluator: who gets funded, and how good is what is funded.

A proposal has quality :math:`\theta \sim N(0, 1)`. An evaluator with skill :math:`s`
(a precision) sees :math:`x = \theta + \varepsilon`, :math:`\varepsilon \sim N(0, 1/s)`, and
forms the posterior mean :math:`m = E[\theta \mid x] = s x/(1 + s)`, which is
:math:`N(0, v)` with :math:`v = s/(1 + s)`. She funds iff :math:`m > b`. With
:math:`z = b/\sqrt{v} = b\sqrt{(1 + s)/s}`:

.. math::

   P(\text{fund}) = 1 - \Phi(z), \qquad
   E[\theta \mid \text{fund}] = \sqrt{v}\,\frac{\varphi(z)}{1 - \Phi(z)}, \qquad
   E[(\theta - c)\,1\{\text{fund}\}] = \sqrt{v}\,\varphi(z) - c\,(1 - \Phi(z)).

With two areas, a share :math:`p` of proposals in area A, skills :math:`s_A, s_B`, the share
of awards going to A is :math:`a = \sigma(\operatorname{logit} p + \ln P_A - \ln P_B)`,
computed in log space (``log_ndtr``) so that tiny funding probabilities neither underflow
nor give NaN. If next year's evaluators learn from this year's awards, with skill
proportional to an area's share :math:`w` of their training set (:math:`s = \kappa w`), the
training share follows the map :math:`w_{n+1} = a(w_n)` of :func:`retraining_map`.

Skill 0 is the limit :math:`s \to 0^+` (an evaluator who cannot tell proposals apart:
for :math:`b > 0` she funds nothing, for :math:`b < 0` everything, for :math:`b = 0` half);
skill ``inf`` is a perfect evaluator (:math:`m = \theta`).

Reference: the normal–normal model is textbook Bayes; selection on a posterior mean avoids
the optimizer's curse of Smith and Winkler (2006).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.special import log_ndtr, ndtr, ndtri

from ._domains import COUNT, POSITIVE, REAL, SEED, Integer, Maybe, Probabilities, Real, Reals, domains
from ._validate import check_broadcast, show

__all__ = [
    "OfficePath",
    "RoundResult",
    "award_share",
    "fund_probability",
    "funded_quality",
    "log_fund_probability",
    "net_value",
    "office_path",
    "quota_bars",
    "retraining_map",
    "simulate_round",
]

_LOG_PHI0 = -0.5 * np.log(2.0 * np.pi)
SKILL, SKILLED = Reals("[0, inf]"), Reals("(0, inf]")  # inf: a perfect evaluator
BAR = Reals("[-inf, inf)")  # -inf: fund every proposal of the area
SHARE, SHARES = Reals("[0, 1]"), Reals("(0, 1)")
EXTRA_SKILL = Reals("[0, inf)", shape=(2,), what="a pair: area A, area B")


def _broadcast_spread_and_z(skill: np.ndarray, bar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_spread_and_z` of a ``skill`` and a ``bar`` that must broadcast together."""
    check_broadcast(skill=skill, bar=bar)
    return _spread_and_z(skill, bar)


def _spread_and_z(skill: np.ndarray, bar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:math:`\\sqrt{v}` and :math:`z = b/\\sqrt{v}`, with the limits at skill 0 and inf."""
    with np.errstate(divide="ignore"):
        variance = 1.0 / (1.0 + 1.0 / skill)  # s/(1+s): 0 at s = 0, 1 at s = inf
    spread = np.sqrt(variance)
    limit = np.where(bar > 0, np.inf, np.where(bar < 0, -np.inf, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(spread > 0, bar / np.where(spread > 0, spread, 1.0), limit)
    return spread, z


@domains(skill=SKILL, bar=BAR)
def log_fund_probability(skill, bar) -> np.ndarray:
    r"""Log of the funding probability, :math:`\ln(1 - \Phi(b\sqrt{(1+s)/s}))`, exact in the tails.

    Parameters
    ----------
    skill : array_like
        Evaluator skill (precision) :math:`s \ge 0`; ``inf`` allowed.
    bar : array_like
        Funding bar :math:`b` on the posterior mean, finite or ``-inf`` (fund everything); broadcast
        against ``skill``.

    Returns
    -------
    numpy.ndarray
        :math:`\ln P(\text{fund})`, ``-inf`` where funding is impossible (skill 0, bar > 0).
    """
    _, z = _broadcast_spread_and_z(skill, bar)
    return log_ndtr(-z)


@domains(skill=SKILL, bar=BAR)
def fund_probability(skill, bar) -> np.ndarray:
    r"""Probability that a proposal is funded, :math:`1 - \Phi\big(b\sqrt{(1+s)/s}\big)`.

    For :math:`\theta \sim N(0, 1)` and signal noise variance :math:`1/s`, the posterior mean
    :math:`s x/(1+s)` is :math:`N(0, s/(1+s))`; this is the chance it exceeds :math:`b`.
    Increasing in :math:`s` when :math:`b > 0` (a better evaluator finds more proposals
    worth funding), decreasing when :math:`b < 0`.

    Parameters
    ----------
    skill : array_like
        Evaluator skill (precision) :math:`s \ge 0`; ``inf`` allowed (then :math:`1 - \Phi(b)`).
    bar : array_like
        Funding bar :math:`b`, finite or ``-inf``; broadcast against ``skill``.

    Returns
    -------
    numpy.ndarray
        :math:`P(\text{fund} \mid s)`, in [0, 1].
    """
    _, z = _broadcast_spread_and_z(skill, bar)
    return ndtr(-z)


@domains(skill=SKILLED, bar=BAR)
def funded_quality(skill, bar) -> np.ndarray:
    r"""Mean quality of funded proposals, :math:`E[\theta \mid m > b] = \sqrt{v}\,\varphi(z)/(1 - \Phi(z))`.

    The mean of a normal :math:`N(0, v)` truncated below at :math:`b`, :math:`v = s/(1+s)`,
    :math:`z = b/\sqrt v`; by the tower property it is also the mean of :math:`\theta`. The
    inverse Mills ratio is computed as :math:`\exp(\ln\varphi(z) - \ln\Phi(-z))`.

    Parameters
    ----------
    skill : array_like
        Skill :math:`s > 0` (the mean is undefined when nothing is funded); ``inf`` allowed.
    bar : array_like
        Funding bar :math:`b`, finite or ``-inf``; broadcast against ``skill``.

    Returns
    -------
    numpy.ndarray
        :math:`E[\theta \mid \text{fund}]`, above both :math:`b` and 0.
    """
    spread, z = _broadcast_spread_and_z(skill, bar)
    # Far in the tail phi(z)/Phi(-z) loses every digit to cancellation (and z**2 overflows):
    # use its asymptotic series there, exact to double precision for z > 1e3.
    large = z > 1e3
    zl = np.where(large, z, 1e3)
    with np.errstate(over="ignore", under="ignore"):
        tail = zl + 1 / zl - 2 / zl**3 + 10 / zl**5
        z_small = np.where(large, 0.0, z)
        mills = np.where(large, tail, np.exp(_LOG_PHI0 - z_small**2 / 2 - log_ndtr(-z_small)))
    return spread * mills


@domains(skill=SKILL, bar=BAR, cost=Maybe(Reals(), needed="any(bar == -inf)"))
def net_value(skill, bar, cost=None) -> np.ndarray:
    r"""Expected net quality per proposal, :math:`E[(\theta - c)\,1\{m > b\}] = \sqrt v\,\varphi(z) - c\,(1 - \Phi(z))`.

    With :math:`c = b` (the default) the bar is the cost of a grant in quality units and
    funding iff :math:`m > b` is the best rule: this is the value of the evaluator's
    information, increasing in skill.

    Parameters
    ----------
    skill : array_like
        Skill :math:`s \ge 0`; ``inf`` allowed.
    bar : array_like
        Funding bar :math:`b`, finite or ``-inf`` (may differ from the cost, e.g. under a quota).
    cost : array_like, optional
        Cost :math:`c` of a grant in units of quality; defaults to ``bar``.

    Returns
    -------
    numpy.ndarray
        Net value per proposal considered, broadcast over the arguments.
    """
    s, b = skill, bar
    c = b if cost is None else cost
    check_broadcast(skill=s, bar=b, cost=c)
    spread, z = _spread_and_z(s, b)
    with np.errstate(over="ignore", under="ignore"):  # a huge bar: the density is 0
        density = np.exp(_LOG_PHI0 - np.where(np.isfinite(z), z, 0.0) ** 2 / 2) * np.isfinite(z)
    return spread * density - c * ndtr(-z)


@domains(proposal_share=SHARE, skill_a=SKILL, skill_b=SKILL, bar_a=BAR, bar_b=Maybe(BAR))
def award_share(proposal_share, skill_a, skill_b, bar_a, bar_b=None) -> np.ndarray:
    r"""Share of awards going to area A, :math:`a = \sigma(\operatorname{logit} p + \ln P_A - \ln P_B)`.

    Equivalently :math:`a = p P_A / (p P_A + (1 - p) P_B)` with :math:`P_k` the funding
    probability of :func:`fund_probability`; computed in log space.

    Parameters
    ----------
    proposal_share : array_like
        Share :math:`p` of proposals in area A, in [0, 1].
    skill_a, skill_b : array_like
        The evaluator's skill in each area, :math:`\ge 0` (``inf`` allowed).
    bar_a : array_like
        Funding bar in area A, finite or ``-inf``.
    bar_b : array_like, optional
        Funding bar in area B, finite or ``-inf``; defaults to ``bar_a``.

    Returns
    -------
    numpy.ndarray
        :math:`a`, broadcast over the arguments.

    Raises
    ------
    ValueError
        Where no proposal at all can be funded (the share is undefined).
    """
    p, s_a, s_b, b_a = proposal_share, skill_a, skill_b, bar_a
    b_b = b_a if bar_b is None else bar_b
    check_broadcast(proposal_share=p, skill_a=s_a, skill_b=s_b, bar_a=b_a, bar_b=b_b)
    with np.errstate(divide="ignore"):
        log_a = np.log(p) + log_ndtr(-_spread_and_z(s_a, b_a)[1])
        log_b = np.log1p(-p) + log_ndtr(-_spread_and_z(s_b, b_b)[1])
    total = np.logaddexp(log_a, log_b)
    if np.any(np.isneginf(total)):
        raise ValueError(
            "no proposal can be funded for some arguments (zero skill above a positive bar in "
            f"every area that has proposals): proposal_share={show(proposal_share)}, "
            f"skill_a={show(skill_a)}, skill_b={show(skill_b)}"
        )
    return np.exp(log_a - total)


@domains(
    training_share=SHARE, proposal_share=SHARE, scale=POSITIVE, bar=REAL, exponent=POSITIVE, extra_skill=EXTRA_SKILL
)
def retraining_map(
    training_share, proposal_share, scale: float, bar: float, *, exponent: float = 1.0, extra_skill=(0.0, 0.0)
) -> np.ndarray:
    r"""Next year's training share :math:`w_{n+1} = a(w_n)` when evaluators learn from last year's awards.

    Skill follows the learning curve :math:`s(w) = \kappa w^\beta` in each area's share of the
    training set, plus any skill added by specialists on the panel (precisions add):
    :math:`s_A = \kappa w^\beta + e_A`, :math:`s_B = \kappa (1 - w)^\beta + e_B`; the awards
    they make (:func:`award_share`) are next year's training set.

    Parameters
    ----------
    training_share : array_like
        Share :math:`w` of area A in this year's training set, in [0, 1].
    proposal_share : array_like
        Share :math:`p` of proposals in area A, in [0, 1]; broadcast against ``training_share``.
    scale : float
        :math:`\kappa > 0`, the skill of an evaluator trained on one area only.
    bar : float
        Funding bar :math:`b`.
    exponent : float
        :math:`\beta > 0` of the learning curve (1: skill proportional to training data).
    extra_skill : pair of float
        Skill :math:`(e_A, e_B) \ge 0` added by specialists.

    Returns
    -------
    numpy.ndarray
        :math:`w_{n+1}`; 0 and 1 are fixed points when ``bar > 0`` and no specialist is added
        (an area absent from the training data is never funded again).
    """
    w, p, kappa, b, beta, extra = training_share, proposal_share, scale, bar, exponent, extra_skill
    check_broadcast(training_share=w, proposal_share=p)
    return award_share(p, kappa * w**beta + extra[0], kappa * (1 - w) ** beta + extra[1], b)


@domains(proposal_share=SHARES, skill_a=SKILLED, skill_b=SKILLED, bar=REAL, minimum=Real("[0, 0.5]"))
def quota_bars(proposal_share, skill_a, skill_b, bar, minimum: float):
    r"""Bars that give each area at least a share ``minimum`` of the awards.

    Start from the common bar :math:`b`. Where area A's share of awards would fall below
    :math:`q` = ``minimum``, lower A's bar until :math:`p P_A = \frac{q}{1-q}(1-p) P_B`, i.e.
    :math:`b_A = -\sqrt{v_A}\,\Phi^{-1}(P_A)`; symmetrically for B. If even funding every
    proposal of the area cannot reach the quota, the bar is ``-inf`` and the share stays short.

    Parameters
    ----------
    proposal_share : array_like
        Share :math:`p` of proposals in area A, in (0, 1).
    skill_a, skill_b : array_like
        Skills :math:`> 0` (``inf`` allowed).
    bar : float
        The common bar :math:`b`.
    minimum : float
        Quota :math:`q \in [0, 1/2]`.

    Returns
    -------
    (share, bar_a, bar_b) : tuple of numpy.ndarray
        Award share of area A under the quota and the bar used in each area.
    """
    p, s_a, s_b, b, q = proposal_share, skill_a, skill_b, bar, minimum
    check_broadcast(proposal_share=p, skill_a=s_a, skill_b=s_b)
    share = award_share(p, s_a, s_b, b)
    p, s_a, s_b, share = np.broadcast_arrays(p, s_a, s_b, share)
    ratio = q / (1 - q)

    def lowered(p_low, s_low, p_high, s_high):
        needed = ratio * p_high * fund_probability(s_high, b) / p_low
        spread = _spread_and_z(s_low, np.zeros_like(s_low))[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(needed >= 1, -np.inf, -spread * ndtri(np.minimum(needed, 1.0)))

    # np.minimum: a quota only ever lowers a bar (rounding could raise it by an ulp)
    bar_a = np.where(share < q, np.minimum(lowered(p, s_a, 1 - p, s_b), b), b)
    bar_b = np.where(share > 1 - q, np.minimum(lowered(1 - p, s_b, p, s_a), b), b)
    return award_share(p, s_a, s_b, bar_a, bar_b), bar_a, bar_b


class OfficePath(NamedTuple):
    """One grant-making office, year by year; each field has shape (years,)."""

    training: np.ndarray  #: share of area A in the evaluators' training set
    awards: np.ndarray  #: share of area A among the awards
    value: np.ndarray  #: net value per proposal, :func:`net_value` summed over areas


@domains(
    proposal_shares=Reals("(0, 1)", ndim=1),
    scale=POSITIVE,
    bar=REAL,
    initial=Real("[0, 1]"),
    audit_every=Integer("[0, inf)"),
    quota=Real("[0, 0.5]"),
    extra_skill=EXTRA_SKILL,
    exponent=POSITIVE,
)
def office_path(
    proposal_shares,
    scale: float,
    bar: float,
    *,
    initial: float,
    audit_every: int = 0,
    quota: float = 0.0,
    extra_skill=(0.0, 0.0),
    exponent: float = 1.0,
) -> OfficePath:
    r"""Run a grant-making office for several years, each year trained on the last one's awards.

    Year :math:`t` has proposal share :math:`p_t`; the evaluators' skills are
    :math:`s_A = \kappa w_t^\beta + e_A`, :math:`s_B = \kappa(1 - w_t)^\beta + e_B`; they fund
    above the bar :math:`b` (lowered in one area if a quota binds, :func:`quota_bars`), and
    their award share becomes next year's training share, :math:`w_{t+1} = a_t`. An audit at
    the end of year :math:`t` (every ``audit_every`` years, when :math:`(t+1)` is a multiple of
    it) rebuilds the training set from a representative sample of that year's proposals
    instead, :math:`w_{t+1} = p_t`; ``audit_every=1`` is an evaluator who always learns from
    proposals, not awards. The net value counts each grant's quality minus its cost :math:`b`.

    Parameters
    ----------
    proposal_shares : array_like, shape (years,)
        :math:`p_t`, in (0, 1).
    scale : float
        :math:`\kappa > 0`, the learning curve's scale.
    bar : float
        Funding bar, also the cost of a grant, :math:`b`.
    initial : float
        :math:`w_0`, in [0, 1].
    audit_every : int
        Years between audits, :math:`\ge 0`; 0 for none.
    quota : float
        Minimum share of awards per area, in [0, 1/2]; 0 for none.
    extra_skill : pair of float
        Skill added by specialists in areas A and B, :math:`\ge 0`.
    exponent : float
        :math:`\beta > 0` of the learning curve.

    Returns
    -------
    OfficePath
        ``training``, ``awards`` and ``value``, each of shape (years,). A loop over years
        (each depends on the last); everything within a year is closed-form.
    """
    p, kappa, b, w, every, q, extra, beta = (
        proposal_shares,
        scale,
        bar,
        initial,
        audit_every,
        quota,
        extra_skill,
        exponent,
    )
    if q > 0 and ((w == 0 and extra[0] == 0) or (w == 1 and extra[1] == 0)):
        raise ValueError(
            f"initial must be in (0, 1) when a quota is set and no specialist is added (an area "
            f"with zero skill cannot be given a quota by a bar), got initial={initial!r}, quota={quota!r}, "
            f"extra_skill={show(extra_skill)}"
        )
    training, awards, value = (np.empty(p.size) for _ in range(3))
    for t, p_t in enumerate(p):  # years are sequential; nothing else loops
        s_a, s_b = kappa * w**beta + extra[0], kappa * (1 - w) ** beta + extra[1]
        if q > 0:
            share, bar_a, bar_b = (float(v) for v in quota_bars(p_t, s_a, s_b, b, q))
        else:
            share, bar_a, bar_b = float(award_share(p_t, s_a, s_b, b)), b, b
        training[t], awards[t] = w, share
        value[t] = p_t * net_value(s_a, bar_a, b) + (1 - p_t) * net_value(s_b, bar_b, b)
        w = float(p_t) if every and (t + 1) % every == 0 else share
    return OfficePath(training, awards, value)


class RoundResult(NamedTuple):
    """Counts of one simulated funding round per replicate and area, each of shape (replicates, K)."""

    proposals: np.ndarray  #: proposals received
    funded: np.ndarray  #: proposals funded
    quality: np.ndarray  #: sum of the true quality :math:`\theta` of the funded proposals


@domains(
    proposal_share=Probabilities(ndim=1),
    skill=Reals("(0, inf]", axes="proposal_share.shape"),  # SKILLED, one per area
    bar=Reals(axes="proposal_share.shape", drop_leading=True),
    proposals=COUNT,
    replicates=COUNT,
    rng=SEED,
)
def simulate_round(proposal_share, skill, bar, proposals: int, *, replicates: int = 1, rng=None) -> RoundResult:
    r"""Monte Carlo of a funding round: draw proposals, noisy evaluations, fund above the bar.

    Each of ``proposals`` proposals falls in area :math:`k` with probability :math:`p_k`, has
    quality :math:`\theta \sim N(0, 1)` and signal :math:`x = \theta + \varepsilon`,
    :math:`\varepsilon \sim N(0, 1/s_k)`; it is funded iff :math:`s_k x/(1 + s_k) > b_k`.
    Replicates and proposals are numpy axes; memory is :math:`O(\text{replicates} \times \text{proposals})`.

    Parameters
    ----------
    proposal_share : array_like, shape (K,)
        Probability of each area.
    skill : array_like, shape (K,)
        Skill :math:`s_k > 0` in each area (``inf`` allowed).
    bar : array_like, shape () or (K,)
        Funding bar, common or per area.
    proposals : int
        Proposals per round, at least 1.
    replicates : int
        Independent rounds, at least 1.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    RoundResult
        ``proposals``, ``funded`` (int) and ``quality`` (float), each (replicates, K).
    """
    p, s, b, n = proposal_share, skill, bar, proposals
    k = p.size
    b = np.broadcast_to(b, (k,))
    u = rng.random((replicates, n))
    theta = rng.standard_normal((replicates, n))
    noise = rng.standard_normal((replicates, n))
    with np.errstate(divide="ignore"):
        variance = 1.0 / (1.0 + 1.0 / s)  # s/(1+s), the shrinkage factor
    shape = (replicates, k)
    result = RoundResult(np.empty(shape, dtype=int), np.empty(shape, dtype=int), np.empty(shape))
    # The draws are made whole, in the stream's order; the rest runs on blocks of replicates
    # of about _BLOCK proposals, whose temporaries stay in cache (fresh full-size ones cost
    # more than the arithmetic).
    edges, root_skill, rows = np.cumsum(p)[:-1], np.sqrt(s), max(1, _BLOCK // n)
    for first in range(0, replicates, rows):
        block = slice(first, first + rows)
        counts = _round_counts(u[block], theta[block], noise[block], edges, root_skill, variance, b)
        for total, part in zip(result, counts, strict=True):
            total[block] = part
    return result


_BLOCK = 1 << 16  # proposals per block in simulate_round: 512 kB per float64 temporary


def _round_counts(u, theta, noise, edges, root_skill, variance, bar) -> RoundResult:
    """:func:`simulate_round`'s counts for a block of replicates, from its draws, each of shape (R, n)."""
    r, k = u.shape[0], edges.size + 1
    index = _area_index(u, edges)  # replicate * K + area: one integer per proposal

    def per_proposal(values):  # values[area] of each proposal
        return np.tile(values, r)[index]

    def per_area(cells, weights=None):
        return np.bincount(cells, weights=weights, minlength=r * k).reshape(r, k)

    signal = noise / per_proposal(root_skill)
    signal += theta  # theta + N(0, 1/s)
    signal *= per_proposal(variance)  # the posterior mean
    funded = np.flatnonzero(signal > per_proposal(bar))
    # Sums over the funded proposals only: the same terms in the same order as summing
    # theta * funded over all of them (adding zeros changes no sum).
    funded_index = index.ravel()[funded]
    return RoundResult(per_area(index.ravel()), per_area(funded_index), per_area(funded_index, theta.ravel()[funded]))


def _area_index(u: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """``replicate * K + area`` for uniforms ``u`` of shape (R, n), area = ``searchsorted(edges, u, "right")``.

    ``edges`` are the K - 1 inner edges of the cumulative probabilities, sorted.
    """
    k = edges.size + 1
    offset = np.arange(0, u.shape[0] * k, k)[:, None]
    if k > 128:  # too many areas to count in int8
        return offset + np.searchsorted(edges, u, side="right")
    # The area is the number of edges at or below u: counted in int8, one byte per proposal
    # and per pass, it beats searchsorted's binary search up to K = 128 (16x faster at K = 4).
    area = np.zeros(u.shape, dtype=np.int8)
    for edge in edges:
        area += u >= edge
    return offset + area
