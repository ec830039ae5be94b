r"""Filling in the hidden part of a picture: decide which class, then draw it (chapter 2).

The generator of :mod:`mctools.lowrank` (one PPCA model per class, ranks allocated under a
budget) sees the visible pixels :math:`x_v` of a picture. Its class posterior is tempered and
shifted to be calibrated (temperature scaling, Guo et al. 2017, with Platt's 1999 bias),

.. math::  \rho_k(x_v) \propto \exp\big(\ln \pi_k + b_k + \ell_k(x_v)/T\big), \qquad
           \ell_k(x_v) = \ln N(x_v;\ \mu_{k,v},\ C_{k,vv});

it chooses a class by one of chapter 1's three rules (:func:`decide_class`) and draws the
hidden pixels from that class's conditional Gaussian (:func:`inpaint`).
:func:`inpainting_generations` retrains the generator on its own inpaintings.

References: Guo, C., Pleiss, G., Sun, Y. & Weinberger, K. Q. (2017), On calibration of modern
neural networks, ICML, 1321-1330. Platt, J. (1999), Probabilistic outputs for support vector
machines and comparisons to regularized likelihood methods, in Advances in Large Margin
Classifiers, 61-74.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.special import logsumexp

from ._domains import COUNT, POSITIVE, SEED, Choice, Integer, Maybe, Probabilities, Real, Reals, domains
from ._validate import show
from .lowrank import (
    _LOG_2PI,
    BUDGET,
    LABELS,
    MODELS,
    PICTURES,
    VISIBLE,
    ClassModels,
    _conditional,
    _fit,
    _full_log_likelihood,
    _labels,
    _one_blas_thread,
    _pixels,
)

__all__ = [
    "InpaintingRun",
    "calibrate_posterior",
    "class_posterior",
    "cross_fitted_posterior",
    "decide_class",
    "inpaint",
    "inpainting_generations",
    "visible_log_likelihood",
]

POLICIES = ("sample", "map", "quality")
POLICY = Choice(*POLICIES)
LOG_LIKELIHOOD = Reals(min_ndim=2)  # (..., N, K): ln N(x_v; mu_k, C_k) of each picture and class
SHARES = Reals("[0, inf)", min_ndim=1)  # (..., K): the prior of each class
PICTURES_2D = Reals(ndim=2, shape="(N, d)", classes=(2, None), what="pixels")  # one set of pictures, no replicates
FRESH = "round(fresh_fraction * pictures.shape[0]) > 0"  # a real picture in each generation: the pool is needed
TWO_OR_MORE = Integer("[2, inf)")  # classes, when the posterior has something to calibrate
# 1/T stays in [1e-6, 1e6]: labels that the visible part separates perfectly send T to 0, labels
# it says nothing about send T to infinity.
_MIN_BETA, _MAX_BETA = 1e-6, 1e6
# The calibration's NLL (nats, summed over the pictures) below which the labels count as
# separated: every picture's own class has probability above 1 - 1e-9 (see _calibrate).
_SEPARATED = 1e-9


class InpaintingRun(NamedTuple):
    """What :func:`inpainting_generations` records, generation 0 (the real data) first."""

    shares: np.ndarray  #: (replicates, generations + 1, K) class shares of the training set
    quality: np.ndarray  #: (replicates, generations + 1, K) held-out quality per pixel
    temperature: np.ndarray  #: (replicates, generations + 1) calibrated temperature T
    pictures: np.ndarray  #: (generations + 1, N, d) the training pictures of replicate 0
    labels: np.ndarray  #: (generations + 1, N) their classes


# --- the visible part: likelihood, posterior, calibration ------------------------------


def _visible_log_likelihood(models: ClassModels, x: np.ndarray, visible: np.ndarray) -> np.ndarray:
    v = np.flatnonzero(visible)
    cov = models.covariances[..., v[:, None], v]  # (..., K, v, v)
    chol = np.linalg.cholesky(cov)
    whiten = np.linalg.inv(chol)
    centred = x[..., None, :, v] - models.means[..., :, None, v]  # (..., K, N, v)
    z = centred @ np.swapaxes(whiten, -1, -2)
    log_det = 2.0 * np.log(np.diagonal(chol, axis1=-2, axis2=-1)).sum(axis=-1)
    ll = -0.5 * ((z**2).sum(axis=-1) + log_det[..., None] + v.size * _LOG_2PI)
    return np.swapaxes(ll, -1, -2)  # (..., N, K)


@domains(models=MODELS, pictures=PICTURES, visible=VISIBLE)
@_one_blas_thread
def visible_log_likelihood(models, pictures, visible) -> np.ndarray:
    r""":math:`\ell_k(x_v) = \ln N(x_v;\ \mu_{k,v}, C_{k,vv})` for every picture and class.

    Parameters
    ----------
    models : ClassModels
        From :func:`fit_class_models`, leading axes ``...``.
    pictures : array_like, shape (..., N, d)
        Pictures (only the visible pixels are read).
    visible : array_like of bool, shape (d,)
        True where a pixel is visible; some pixels must be hidden and some visible.

    Returns
    -------
    numpy.ndarray, shape (..., N, K)
        Log-densities in nats.
    """
    x, mask = _prompts(models, pictures, visible)
    return _visible_log_likelihood(models, x, mask)


def _prompts(models: ClassModels, pictures: np.ndarray, visible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pictures and mask, if they have the models' pixels and the pictures the models' leading axes."""
    d = models.means.shape[-1]
    if pictures.shape[:-2] != models.means.shape[:-2]:
        raise ValueError(
            f"pictures must have the models' leading axes {models.means.shape[:-2]}, got shape {pictures.shape}"
        )
    return _pixels("pictures", pictures, d), _pixels("visible", visible, d)


def _logits(log_likelihood, shares, temperature, bias) -> np.ndarray:
    alive = shares > 0
    log_prior = np.log(np.where(alive, shares, 1.0))
    z = log_prior[..., None, :] + bias[..., None, :] + log_likelihood / temperature[..., None, None]
    return np.where(alive[..., None, :], z, -np.inf)


def _softmax(z: np.ndarray) -> np.ndarray:
    with np.errstate(under="ignore"):  # a posterior below 1e-308 is 0
        return np.exp(z - logsumexp(z, axis=-1, keepdims=True))


@domains(log_likelihood=LOG_LIKELIHOOD, shares=SHARES, temperature=Reals("(0, inf)"), bias=Reals())
def class_posterior(log_likelihood, shares, temperature=1.0, bias=0.0) -> np.ndarray:
    r"""Calibrated class posterior :math:`\rho_k \propto \exp(\ln\pi_k + b_k + \ell_k/T)`.

    Parameters
    ----------
    log_likelihood : array_like, shape (..., N, K)
        :math:`\ell_k(x_v)` (:func:`visible_log_likelihood`).
    shares : array_like, shape (..., K)
        Prior :math:`\pi_k \ge 0`; a class with share 0 gets posterior 0.
    temperature : array_like, shape (...)
        :math:`T > 0` (1: the model's own Bayes posterior).
    bias : array_like, shape (..., K)
        :math:`b_k` (0: none).

    Returns
    -------
    numpy.ndarray, shape (..., N, K)
        Probability vectors over the classes.
    """
    ll, pi, t, b = log_likelihood, shares, temperature, bias
    if pi.shape[-1] != ll.shape[-1] or not np.all(pi.sum(axis=-1) > 0):
        raise ValueError(f"shares must have K = {ll.shape[-1]} entries, not all zero, got {show(pi)}")
    shape = ll.shape[:-2]
    try:
        pi = np.broadcast_to(pi, (*shape, ll.shape[-1]))
        t = np.broadcast_to(t, shape)
        b = np.broadcast_to(b, (*shape, ll.shape[-1]))
    except ValueError:
        raise ValueError(
            f"shares, temperature and bias must broadcast to the leading axes {shape} of log_likelihood, "
            f"got shapes shares {pi.shape}, temperature {t.shape}, bias {b.shape}"
        ) from None
    return _softmax(_logits(ll, pi, t, b))


def _calibrate(ll: np.ndarray, y: np.ndarray, shares: np.ndarray, iterations: int = 60):
    """Newton's method on the convex NLL in theta = (beta = 1/T, b_1..b_{K-1}), b_0 = 0.

    Steps are halved while they would raise the NLL, and it stops when every replicate has
    converged: its Newton decrement is negligible (below 1e-16 times 1 + NLL), or its NLL is
    below _SEPARATED nats in all. beta is kept in [1e-6, _MAX_BETA]: labels that the visible part
    separates perfectly drive beta to infinity and the NLL to 0, with no minimum to converge to;
    once every picture gets its own class with probability above 1 - 1e-9, no further step
    changes a posterior by more (about 30 iterations on chapter 2's separable pictures, which
    otherwise ran to the limit of 60).
    """
    lead, K = shares.shape[:-1], shares.shape[-1]
    alive = shares > 0
    ll = np.where(alive[..., None, :], ll, 0.0)
    onehot = (y[..., None] == np.arange(K)).astype(float)  # (..., N, K)
    log_prior = np.where(alive, np.log(np.where(alive, shares, 1.0)), -np.inf)[..., None, :]
    # Feature p of class k for picture i: ll_ik for p = 0, the indicator [k = p] for p >= 1.
    feats = np.concatenate([ll[..., None], np.broadcast_to(np.eye(K)[:, 1:], (*ll.shape, K - 1))], axis=-1)
    true_feat = np.einsum("...nk,...nkp->...p", onehot, feats)
    frozen = np.concatenate([np.zeros((*lead, 1), bool), ~alive[..., 1:]], axis=-1)  # no bias for a dead class
    # evaluate's value leaves out sum_i ln pi_(y_i), a constant: the NLL is value minus it
    labels_prior = np.take_along_axis(np.broadcast_to(log_prior, onehot.shape), y[..., None], axis=-1)
    prior_of_labels = labels_prior.sum(axis=(-2, -1))

    def evaluate(theta):
        z = log_prior + np.einsum("...nkp,...p->...nk", feats, theta)
        top = z.max(axis=-1, keepdims=True)
        with np.errstate(under="ignore"):  # terms below 1e-308 of the largest add nothing
            lse = top[..., 0] + np.log(np.exp(z - top).sum(axis=-1))
            value = lse.sum(axis=-1) - np.einsum("...p,...p->...", true_feat, theta)
            return value, np.exp(z - lse[..., None])

    theta = np.zeros((*lead, K))
    theta[..., 0] = 1.0 / np.maximum(ll.std(axis=(-1, -2)), 1.0)
    value, p = evaluate(theta)
    for _ in range(iterations):
        mean_feat = np.einsum("...nk,...nkp->...np", p, feats)
        grad = mean_feat.sum(axis=-2) - true_feat
        # beta at a bound with the gradient pushing past it stays there (projected Newton)
        held = frozen.copy()
        beta, slope = theta[..., 0], grad[..., 0]
        held[..., 0] = ((beta >= _MAX_BETA) & (slope < 0)) | ((beta <= _MIN_BETA) & (slope > 0))
        grad = np.where(held, 0.0, grad)
        centred = feats - mean_feat[..., None, :]
        hess = np.einsum("...nk,...nkp,...nkq->...pq", p, centred, centred)
        hess = np.where(held[..., None] | held[..., None, :], 0.0, hess)
        hess = hess + (np.where(held, 1.0, 0.0) + 1e-9)[..., None] * np.eye(K)
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        decrement = np.einsum("...p,...p->...", grad, step)  # Newton decrement squared
        if np.all((decrement < 1e-16 * (1.0 + np.abs(value))) | (value - prior_of_labels < _SEPARATED)):
            break
        size = np.ones(lead)
        for _ in range(40):  # halve the steps that would raise the NLL
            trial = theta - size[..., None] * step
            trial[..., 0] = np.clip(trial[..., 0], _MIN_BETA, _MAX_BETA)
            trial_value, trial_p = evaluate(trial)
            worse = trial_value > value + 1e-12 * (1.0 + np.abs(value))
            if not worse.any():
                break
            size = np.where(worse, size / 2, size)
        theta = np.where(worse[..., None], theta, trial)
        value = np.where(worse, value, trial_value)
        p = np.where(worse[..., None, None], p, trial_p)
    bias = np.concatenate([np.zeros((*lead, 1)), theta[..., 1:]], axis=-1)
    return 1.0 / theta[..., 0], np.where(alive, bias, 0.0)


@domains(log_likelihood=Reals(min_ndim=2, classes=(2, None), what="classes"), labels=LABELS, shares=SHARES)
def calibrate_posterior(log_likelihood, labels, shares) -> tuple[np.ndarray, np.ndarray]:
    r"""Temperature and biases that make :func:`class_posterior` calibrated on labelled pictures.

    Minimises the negative log-likelihood of the labels,
    :math:`-\sum_i \ln\rho_{y_i}(x_i)` over :math:`\beta = 1/T > 0` and :math:`b_1, \dots, b_{K-1}`
    (:math:`b_0 = 0`): temperature scaling (Guo et al. 2017) of the likelihood with Platt's
    (1999) bias. The objective is convex; at its minimum the score equations hold,

    .. math::  \sum_i \rho_k(x_i) = \#\{i: y_i = k\}, \qquad
               \sum_i \sum_k \rho_k(x_i)\,\ell_k(x_i) = \sum_i \ell_{y_i}(x_i),

    so the mean posterior of each class equals its share of the labels.

    Parameters
    ----------
    log_likelihood : array_like, shape (..., N, K)
        :math:`\ell_k(x_i)` of held-out pictures, :math:`K \ge 2` classes.
    labels : array_like of int, shape (..., N)
        Their classes, in :math:`[0, K)`.
    shares : array_like, shape (..., K)
        The prior :math:`\pi_k \ge 0`; classes with share 0 are left out, at least two must remain.

    Returns
    -------
    (temperature, bias) : numpy.ndarray of shapes (...) and (..., K)
        :math:`T` and :math:`b` (0 for the first class and for classes of share 0).
    """
    ll, pi, K = log_likelihood, shares, log_likelihood.shape[-1]
    y = _labels("labels", labels, K, ll.shape[:-1], upper_from="log_likelihood's last axis")
    if pi.shape != (*ll.shape[:-2], K):
        raise ValueError(f"shares must have shape {(*ll.shape[:-2], K)}, got {pi.shape}")
    if np.any(np.take_along_axis(np.broadcast_to(pi[..., None, :], ll.shape), y[..., None], axis=-1) == 0):
        raise ValueError("labels must not name a class whose entry in shares is 0")
    if np.any((pi > 0).sum(axis=-1) < 2):
        raise ValueError(f"shares must give at least two classes a positive share, got {show(pi)}")
    return _calibrate(ll, y, pi)


def _inpaint(models: ClassModels, x: np.ndarray, visible: np.ndarray, chosen: np.ndarray, z: np.ndarray) -> np.ndarray:
    v, h = np.flatnonzero(visible), np.flatnonzero(~visible)
    gain, conditional = _conditional(models, visible)
    root = np.linalg.cholesky(conditional)  # (..., K, h, h)
    centred = x[..., None, :, v] - models.means[..., :, None, v]  # (..., K, N, v)
    drawn = (
        models.means[..., :, None, h]
        + centred @ np.swapaxes(gain, -1, -2)
        + z[..., None, :, :] @ np.swapaxes(root, -1, -2)
    )  # every class's draw from the same z: the random stream does not depend on the choice
    out = x.copy()
    out[..., h] = np.take_along_axis(drawn, chosen[..., None, :, None], axis=-3)[..., 0, :, :]
    return out


@domains(models=MODELS, pictures=PICTURES, visible=VISIBLE, chosen=LABELS, rng=SEED)
@_one_blas_thread
def inpaint(models, pictures, visible, chosen, *, rng=None) -> np.ndarray:
    r"""Redraw the hidden pixels of each picture from its chosen class's conditional Gaussian.

    Parameters
    ----------
    models : ClassModels
        Leading axes ``...``.
    pictures : array_like, shape (..., N, d)
        The prompts; their visible pixels are kept.
    visible : array_like of bool, shape (d,)
        True where a pixel is visible; some pixels must be hidden and some visible.
    chosen : array_like of int, shape (..., N)
        The class to draw for each picture, in :math:`[0, K)`.
    rng : None, int or numpy.random.Generator
        Seed or generator; one standard normal vector per picture.

    Returns
    -------
    numpy.ndarray, shape (..., N, d)
        :math:`x_h = E[x_h \mid x_v, k] + L_k z`, :math:`L_k L_k^\top = \operatorname{Cov}[x_h \mid x_v, k]`
        (:func:`conditional_gaussian`), :math:`z \sim N(0, I)`.
    """
    x, mask = _prompts(models, pictures, visible)
    k = _labels("chosen", chosen, models.means.shape[-2], x.shape[:-1], upper_from="models' classes")
    z = rng.standard_normal((*x.shape[:-1], int((~mask).sum())))
    return _inpaint(models, x, mask, k, z)


def _decide(rho: np.ndarray, quality: np.ndarray, policy: str, u: np.ndarray) -> np.ndarray:
    if policy == "sample":
        return np.minimum((u[..., None] >= np.cumsum(rho, axis=-1)).sum(axis=-1), rho.shape[-1] - 1)
    if policy == "map":
        return np.argmax(rho, axis=-1)
    return np.argmax(rho * quality, axis=-1)


@domains(posterior=Probabilities(min_ndim=2), quality=Reals("[0, inf)"), policy=POLICY, rng=SEED)
def decide_class(posterior, quality=1.0, policy: str = "quality", *, rng=None) -> np.ndarray:
    r"""Chapter 1's three decision rules, one class per picture.

    * ``"sample"``: draw class :math:`k` with probability :math:`\rho_k`;
    * ``"map"``: the most probable class, :math:`\arg\max_k \rho_k`;
    * ``"quality"``: the best expected quality, :math:`\arg\max_k \rho_k q_k`.

    Parameters
    ----------
    posterior : array_like, shape (..., N, K)
        Probability vectors :math:`\rho`.
    quality : array_like, shape (..., K) or (..., N, K)
        :math:`q_k \ge 0`, per replicate or per picture (``"quality"`` only).
    policy : {"sample", "map", "quality"}
    rng : None, int or numpy.random.Generator
        Seed or generator (``"sample"`` only; one uniform per picture).

    Returns
    -------
    numpy.ndarray of int, shape (..., N)
    """
    rho, q = posterior, quality
    if 0 < q.ndim < rho.ndim:
        q = q[..., None, :]  # one quality per class and replicate, shared by the pictures
    try:
        q = np.broadcast_to(q, rho.shape)
    except ValueError:
        raise ValueError(
            f"quality must have shape (..., K) or (..., N, K) for a posterior of shape {rho.shape}, got {q.shape}"
        ) from None
    u = rng.random(rho.shape[:-1])
    return _decide(rho, q, policy, u)


# --- generations -------------------------------------------------------------------------


def _cross_fit(x, y, classes, visible, budget, floor):
    """Two halves (even and odd pictures), each modelled by a generator fitted on the other half.

    Returns the two fits, the calibrated posterior of every picture under the half that did
    not see it, the quality that half assigns each class, the temperature and the biases.
    """
    n, d = x.shape[-2], x.shape[-1]
    lead = x.shape[:-2]
    half = np.arange(n) % 2
    shares = (y[..., None] == np.arange(classes)).mean(axis=-2)
    ll = np.empty((*lead, n, classes))
    quality = np.zeros((*lead, n, classes))
    fits = []
    for f in (0, 1):
        inside, outside = half != f, half == f
        models = _fit(x[..., inside, :], y[..., inside], classes, budget, floor)
        fits.append(models)
        ll[..., outside, :] = _visible_log_likelihood(models, x[..., outside, :], visible)
        own = _full_log_likelihood(models, x[..., outside, :], y[..., outside])  # held out
        onehot = y[..., outside, None] == np.arange(classes)
        count = onehot.sum(axis=-2)
        mean = (onehot * own[..., None]).sum(axis=-2) / np.maximum(count, 1)
        # the per-pixel geometric mean density of held-out pictures; 0 for a class with none
        with np.errstate(under="ignore"):  # a density too small for float64 is a quality of 0
            quality[..., outside, :] = np.where(count > 0, np.exp(mean / d), 0.0)[..., None, :]
    # With one class left there is nothing to calibrate: T = 1 and no bias. Only the other
    # replicates go to Newton's method, which would otherwise iterate to its limit on them.
    several = (shares > 0).sum(axis=-1) >= 2
    temperature, bias = np.ones(lead), np.zeros((*lead, classes))
    if several.any():
        temperature[several], bias[several] = _calibrate(ll[several], y[several], shares[several])
    rho = _softmax(_logits(ll, shares, temperature, bias))
    return fits, rho, quality, temperature, bias


@domains(pictures=PICTURES, classes=TWO_OR_MORE, labels=LABELS, visible=VISIBLE, budget=BUDGET, noise_floor=POSITIVE)
@_one_blas_thread
def cross_fitted_posterior(pictures, labels, visible, *, classes: int, budget: int, noise_floor: float = 1e-2):
    r"""The generator of :func:`inpainting_generations` on one set of pictures, before it draws.

    The pictures of even index are judged by class models fitted (:func:`~mctools.fit_class_models`)
    on those of odd index, and vice versa. The posterior from the visible part is calibrated
    (:func:`calibrate_posterior`) on these held-out judgements, with the prior :math:`\pi` =
    the class shares of all the pictures; the quality of class :math:`k` for a picture is
    :math:`q_k = \exp(ar\ell_k / d)`, the per-pixel geometric mean density of the held-out
    pictures of class :math:`k` in its half (0 if there are none).

    Parameters
    ----------
    pictures : array_like, shape (..., N, d)
        N >= 4 pictures (leading axes: replicates).
    labels : array_like of int, shape (..., N)
        Their classes, in :math:`[0, K)`.
    visible : array_like of bool, shape (d,)
        True where a pixel is visible; some pixels must be hidden and some visible.
    classes : int
        :math:`K \ge 2`.
    budget : int
        Rank budget :math:`R \ge 0` of each half's generator.
    noise_floor : float
        As in :func:`~mctools.fit_class_models`.

    Returns
    -------
    (posterior, quality, temperature, bias) : numpy.ndarray
        Shapes (..., N, K), (..., N, K), (...) and (..., K). By the score equation of the
        calibration, the posterior's mean over the pictures equals the class shares.
    """
    x = pictures
    if x.shape[-2] < 4:
        raise ValueError(f"pictures must hold N >= 4 pictures, got shape {x.shape}")
    y = _labels("labels", labels, classes, x.shape[:-1])
    mask = _pixels("visible", visible, x.shape[-1])
    _, rho, quality, temperature, bias = _cross_fit(x, y, classes, mask, budget, noise_floor)
    return rho, quality, temperature, bias


class _Step(NamedTuple):
    pictures: np.ndarray
    labels: np.ndarray
    temperature: np.ndarray
    quality: np.ndarray


def _generation(x, y, classes, visible, budget, policy, floor, u, z) -> _Step:
    """One generation: each half decides and draws with the generator fitted on the other half."""
    fits, rho, quality, temperature, _ = _cross_fit(x, y, classes, visible, budget, floor)
    chosen = _decide(rho, quality, policy, u)
    half = np.arange(x.shape[-2]) % 2
    new = x.copy()
    for f in (0, 1):
        outside = half == f
        new[..., outside, :] = _inpaint(fits[f], x[..., outside, :], visible, chosen[..., outside], z[..., outside, :])
    return _Step(new, chosen, temperature, 0.5 * (quality[..., 0, :] + quality[..., 1, :]))


@domains(
    pictures=PICTURES_2D,
    classes=TWO_OR_MORE,
    labels=LABELS,
    visible=VISIBLE,
    budget=BUDGET,
    generations=Integer("[0, inf)"),
    policy=POLICY,
    replicates=COUNT,
    fresh_fraction=Real("[0, 1]"),
    fresh_pictures=Maybe(PICTURES_2D, needed=FRESH),
    fresh_labels=Maybe(LABELS, needed=FRESH),
    noise_floor=POSITIVE,
    rng=SEED,
)
@_one_blas_thread
def inpainting_generations(
    pictures,
    labels,
    visible,
    *,
    classes: int,
    budget: int,
    generations: int,
    policy: str = "quality",
    replicates: int = 1,
    fresh_fraction: float = 0.0,
    fresh_pictures=None,
    fresh_labels=None,
    noise_floor: float = 1e-2,
    rng=None,
) -> InpaintingRun:
    r"""Retrain the generator on its own inpaintings, ``generations`` times.

    Generation :math:`n` has :math:`N` labelled pictures (generation 0: ``pictures``). Its
    generator is two halves: the pictures of even index are the prompts of a generator fitted
    (:func:`fit_class_models`) on the odd ones, and vice versa, so no picture is inpainted by a
    model that saw it. The visible log-likelihoods of every picture under the half that did not
    see it calibrate the posterior (:func:`calibrate_posterior`, prior :math:`\pi` = the class
    shares of generation :math:`n`); each half's quality of class :math:`k` is the per-pixel
    geometric mean density :math:`q_k = \exp(\bar\ell_k / d)` of the held-out pictures of
    class :math:`k` (0 if it has none). Each prompt keeps its visible pixels; its class is
    chosen by ``policy`` (:func:`decide_class`) and its hidden pixels are drawn
    (:func:`inpaint`). The completed pictures, labelled with the chosen classes, are
    generation :math:`n + 1`, except that its first ``round(fresh_fraction * N)`` pictures are
    replaced by real ones drawn with replacement from ``fresh_pictures``.

    Parameters
    ----------
    pictures : array_like, shape (N, d)
        Generation 0, the real pictures (N >= 4).
    labels : array_like of int, shape (N,)
        Their classes, in :math:`[0, K)`.
    visible : array_like of bool, shape (d,)
        True where a pixel is visible in a prompt; some pixels must be hidden and some visible.
    classes : int
        :math:`K \ge 2`.
    budget : int
        Total rank :math:`R \ge 0`.
    generations : int
        Number of retrainings, at least 0.
    policy : {"sample", "map", "quality"}
        Decision rule.
    replicates : int
        Independent chains from the same generation 0, simulated together, at least 1.
    fresh_fraction : float
        :math:`\lambda \in [0, 1]`, the share of each new generation that is real.
    fresh_pictures : array_like, shape (M, d), optional
        The pool of real pictures; required when ``fresh_fraction`` is positive.
    fresh_labels : array_like of int, shape (M,), optional
        Their classes, in :math:`[0, K)`; required when ``fresh_fraction`` is positive.
    noise_floor : float
        As in :func:`fit_class_models`.
    rng : None, int or numpy.random.Generator
        Seed or generator.

    Returns
    -------
    InpaintingRun
        Shares, held-out quality (the mean of the two halves') and temperature per generation
        and replicate, and replicate 0's pictures and labels.
    """
    x0 = pictures
    if x0.shape[0] < 4:
        raise ValueError(f"pictures must have shape (N, d) with N >= 4, got shape {x0.shape}")
    n, d = x0.shape
    y0 = _labels("labels", labels, classes, (n,))
    mask = _pixels("visible", visible, d)
    floor, gen = noise_floor, rng
    fresh = round(fresh_fraction * n)
    if fresh_pictures is not None and fresh_labels is not None:  # a pool, used or not, must fit the pictures
        pool = _pixels("fresh_pictures", fresh_pictures, d)
        pool_labels = _labels("fresh_labels", fresh_labels, classes, (pool.shape[0],))

    x = np.broadcast_to(x0, (replicates, n, d)).copy()
    y = np.broadcast_to(y0, (replicates, n)).copy()
    shares = np.empty((replicates, generations + 1, classes))
    quality = np.empty((replicates, generations + 1, classes))
    temperature = np.empty((replicates, generations + 1))
    kept_pictures = np.empty((generations + 1, n, d))
    kept_labels = np.empty((generations + 1, n), dtype=np.int64)
    for g in range(generations + 1):
        shares[:, g] = (y[..., None] == np.arange(classes)).mean(axis=-2)
        kept_pictures[g], kept_labels[g] = x[0], y[0]
        u = gen.random((replicates, n))
        z = gen.standard_normal((replicates, n, d - int(mask.sum())))
        step = _generation(x, y, classes, mask, budget, policy, floor, u, z)
        quality[:, g], temperature[:, g] = step.quality, step.temperature
        x, y = step.pictures, step.labels
        if fresh > 0:
            draw = gen.integers(0, pool.shape[0], (replicates, fresh))
            x[:, :fresh], y[:, :fresh] = pool[draw], pool_labels[draw]
    return InpaintingRun(shares, quality, temperature, kept_pictures, kept_labels)
