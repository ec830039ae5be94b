r"""Class-conditional low-rank Gaussians: probabilistic PCA whose rank is its capacity.

Every class :math:`k` of pictures :math:`x \in \mathbb{R}^d` gets a probabilistic PCA model
(Tipping & Bishop 1999),

.. math::  x \mid k \sim N(\mu_k, C_k), \qquad C_k = W_k W_k^\top + \sigma_k^2 I
           = U \operatorname{diag}(\lambda_1, \dots, \lambda_{r_k}, \sigma_k^2, \dots, \sigma_k^2) U^\top,

fitted by maximum likelihood: :math:`\lambda_j, U` are the eigenvalues (descending) and
eigenvectors of the class's sample covariance and :math:`\sigma_k^2` is the mean of the
:math:`d - r_k` discarded eigenvalues. Its mean log-likelihood per picture is

.. math::  L_k(r) = -\tfrac12\Big[d \ln 2\pi + \sum_{j \le r} \ln\lambda_j + (d - r)\ln\sigma^2_r + d\Big].

A budget of :math:`R` ranks is split between the classes to maximise the training
likelihood :math:`\sum_k \pi_k L_k(r_k)` (:func:`allocate_ranks`: chapter 1's allocation
problem with the PPCA likelihood as the returns curve). Given the visible pixels :math:`v` of
a picture, its hidden pixels :math:`h` follow the conditional Gaussian of
:func:`conditional_gaussian`.

The matrices are small (d = 64 for the 8 x 8 digits) and many: LAPACK runs on one thread
(threadpoolctl), which is faster than two for such sizes and gives the same rounding
whatever the machine's thread count.

References: Tipping, M. E. & Bishop, C. M. (1999), Probabilistic principal component
analysis, JRSS B 61(3), 611-622. Fox, B. (1966), Discrete optimization via marginal
analysis, Management Science 13(3), 210-216. Bishop, C. M. (2006), Pattern recognition and
machine learning, section 2.3.1.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
from threadpoolctl import ThreadpoolController

from ._domains import POSITIVE, Instance, Integer, Integers, Mask, Reals, domains
from ._validate import check_indices, show

__all__ = ["ClassModels", "allocate_ranks", "conditional_gaussian", "fit_class_models", "ppca_log_likelihood"]

_LOG_2PI = np.log(2.0 * np.pi)


@functools.cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()  # inspects the loaded libraries once (~10 ms)


def _one_blas_thread(func):
    """Run ``func`` with LAPACK/BLAS on one thread (restored afterwards)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _controller().limit(limits=1, user_api="blas"):
            return func(*args, **kwargs)

    return wrapper


class ClassModels(NamedTuple):
    """Class-conditional PPCA models, as fitted by :func:`fit_class_models`.

    Leading axes ``...`` are replicates (or none); ``K`` classes, ``d`` pixels.
    """

    counts: np.ndarray  #: (..., K) pictures per class
    shares: np.ndarray  #: (..., K) counts / total, the prior :math:`\pi_k`
    ranks: np.ndarray  #: (..., K) ranks :math:`r_k`, summing to the budget
    means: np.ndarray  #: (..., K, d) class means :math:`\mu_k`
    covariances: np.ndarray  #: (..., K, d, d) model covariances :math:`C_k`
    noise: np.ndarray  #: (..., K) :math:`\sigma_k^2`
    eigenvectors: np.ndarray  #: (..., K, d, d) columns :math:`U` (descending eigenvalues)
    variances: np.ndarray  #: (..., K, d) the model's variance along each column of :math:`U`
    log_likelihood: np.ndarray  #: (..., K) mean log-likelihood per training picture :math:`L_k(r_k)`


# --- domains and the checks between parameters (shared with mctools.inpainting) ----------

PICTURES = Reals(min_ndim=2, classes=(2, None), what="pixels")  # (..., N, d): pictures as rows
LABELS = Integers("[0, inf)", min_ndim=1)  # one class per picture, below `classes` (checked by _labels)
VISIBLE = Mask("pixels")  # one entry per pixel (checked by _pixels)
MODELS = Instance(ClassModels, "fit_class_models")
BUDGET = Integer("[0, classes * (d - 1) := classes * (pictures.shape[-1] - 1)]")


def _pixels(name: str, array: np.ndarray, d: int) -> np.ndarray:
    """``array`` (pictures or a mask), if its last axis has the models' ``d`` pixels."""
    if array.shape[-1] != d:
        raise ValueError(f"{name} must have d = {d} pixels on its last axis, got shape {array.shape}")
    return array


def _labels(name: str, y: np.ndarray, classes: int, shape: tuple[int, ...], *, upper_from: str = "classes"):
    """Class indices ``y``, if they have ``shape`` (one per picture) and are below ``classes``."""
    if y.shape != shape:
        raise ValueError(f"{name} must have shape {shape} (one class per picture), got shape {y.shape}")
    return check_indices(name, y, upper=classes, upper_from=upper_from)


# --- fitting ------------------------------------------------------------


def _class_moments(x: np.ndarray, y: np.ndarray, classes: int):
    """Counts (..., K), means (..., K, d) and ML covariances (..., K, d, d), by matrix products."""
    onehot = (y[..., None, :] == np.arange(classes)[:, None]).astype(float)  # (..., K, N)
    counts = onehot.sum(axis=-1)
    safe = np.maximum(counts, 1.0)[..., None]
    means = (onehot @ x) / safe
    centred = x[..., None, :, :] - means[..., :, None, :]  # (..., K, N, d)
    weighted = centred * onehot[..., :, :, None]
    covariances = np.swapaxes(weighted, -1, -2) @ centred / safe[..., None]
    return counts, means, covariances


def _spectrum(covariances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues in descending order (rounding below zero clipped) and their eigenvectors."""
    values, vectors = np.linalg.eigh(covariances)
    return np.maximum(values[..., ::-1], 0.0), vectors[..., ::-1]


def _ppca_variances(eigenvalues: np.ndarray, ranks: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """The model's variance along each eigenvector, and sigma^2 (the mean discarded eigenvalue)."""
    d = eigenvalues.shape[-1]
    kept = np.arange(d) < ranks[..., None]
    noise = np.where(kept, 0.0, eigenvalues).sum(axis=-1) / (d - ranks)
    noise = np.maximum(noise, floor)
    return np.maximum(np.where(kept, eigenvalues, noise[..., None]), floor), noise


def _mean_log_likelihood(eigenvalues: np.ndarray, model_variances: np.ndarray) -> np.ndarray:
    """-1/2 [d ln 2 pi + ln det C + tr(C^-1 S)] in the common eigenbasis of S and C."""
    d = eigenvalues.shape[-1]
    return -0.5 * (d * _LOG_2PI + np.log(model_variances).sum(-1) + (eigenvalues / model_variances).sum(-1))


def _likelihood_table(eigenvalues: np.ndarray, budget: int, floor: float) -> np.ndarray:
    """L_k(r) for r = 0..budget: (..., K, budget + 1)."""
    d = eigenvalues.shape[-1]
    ranks = np.minimum(np.arange(budget + 1), d - 1)
    lam = np.broadcast_to(eigenvalues[..., None, :], (*eigenvalues.shape[:-1], budget + 1, d))
    variances, _ = _ppca_variances(lam, np.broadcast_to(ranks, lam.shape[:-1]), floor)
    return _mean_log_likelihood(lam, variances)


def _allocate(values: np.ndarray, budget: int, caps: np.ndarray) -> np.ndarray:
    """argmax of sum_k values[k, r_k] over sum_k r_k = budget, 0 <= r_k <= caps[k] (dynamic programme).

    Infeasible ranks get -inf. Ties go to the smaller rank of the later class (argmax takes the
    first maximum), so the result does not depend on how the tie is approached.
    """
    K = values.shape[-2]
    r = np.arange(budget + 1)
    values = np.where(r <= caps[..., None], values, -np.inf)
    best = values[..., 0, :]  # best[b]: the best value of classes 0..j with b ranks in total
    choices = []
    for k in range(1, K):
        # total[b, r]: classes 0..k-1 get b - r ranks, class k gets r
        shifted = np.where(r[:, None] >= r[None, :], best[..., np.maximum(r[:, None] - r[None, :], 0)], -np.inf)
        total = shifted + values[..., k, None, :]
        total = np.where(r[:, None] >= r[None, :], total, -np.inf)
        choice = np.argmax(total, axis=-1)
        choices.append(choice)
        best = np.take_along_axis(total, choice[..., None], axis=-1)[..., 0]
    ranks = np.zeros(values.shape[:-1], dtype=np.int64)
    remaining = np.full(values.shape[:-2], budget)
    for k in range(K - 1, 0, -1):
        taken = np.take_along_axis(choices[k - 1], remaining[..., None], axis=-1)[..., 0]
        ranks[..., k] = taken
        remaining = remaining - taken
    ranks[..., 0] = remaining
    return ranks


def _fit(x: np.ndarray, y: np.ndarray, classes: int, budget: int, floor: float) -> ClassModels:
    counts, means, covariances = _class_moments(x, y, classes)
    eigenvalues, vectors = _spectrum(covariances)
    shares = counts / x.shape[-2]
    d = x.shape[-1]
    table = _likelihood_table(eigenvalues, budget, floor)
    # A class of n pictures supports rank n - 2 at most (beyond, sigma^2 is 0); every class
    # may take up the budget when the others cannot.
    caps = np.clip(counts.astype(np.int64) - 2, 0, d - 1)
    caps = np.where(caps.sum(axis=-1, keepdims=True) >= budget, caps, d - 1)
    ranks = _allocate(shares[..., None] * np.where(counts[..., None] > 0, table, 0.0), budget, caps)
    variances, noise = _ppca_variances(eigenvalues, ranks, floor)
    model = (vectors * variances[..., None, :]) @ np.swapaxes(vectors, -1, -2)
    return ClassModels(
        counts=counts.astype(np.int64),
        shares=shares,
        ranks=ranks,
        means=means,
        covariances=model,
        noise=noise,
        eigenvectors=vectors,
        variances=variances,
        log_likelihood=_mean_log_likelihood(eigenvalues, variances),
    )


@domains(pictures=PICTURES, classes=Integer("[1, inf)"), labels=LABELS, budget=BUDGET, noise_floor=POSITIVE)
@_one_blas_thread
def fit_class_models(pictures, labels, classes: int, budget: int, *, noise_floor: float = 1e-2) -> ClassModels:
    r"""Fit one PPCA model per class, the ranks allocated by maximum likelihood under a budget.

    Parameters
    ----------
    pictures : array_like, shape (..., N, d)
        Pictures as rows, of at least two pixels (leading axes: replicates).
    labels : array_like of int, shape (..., N)
        Class of each picture, in :math:`[0, K)`.
    classes : int
        :math:`K \ge 1`.
    budget : int
        Total rank :math:`R \ge 0` shared by the classes.
    noise_floor : float
        Lower bound on :math:`\sigma_k^2` and every model variance (``noise_floor > 0``), so that a class
        with fewer pictures than dimensions keeps a proper density.

    Returns
    -------
    ClassModels
        Ranks maximise :math:`\sum_k \pi_k L_k(r_k)` subject to :math:`\sum_k r_k = R` (see
        :func:`allocate_ranks`); a class of :math:`n` pictures gets at most rank
        :math:`n - 2`. A class without pictures has share 0, mean 0 and covariance
        ``noise_floor`` times the identity.
    """
    labels = _labels("labels", labels, classes, pictures.shape[:-1])
    return _fit(pictures, labels, classes, budget, noise_floor)


@domains(
    eigenvalues=Reals("[0, inf)", min_ndim=1, classes=(2, None), what="eigenvalues"),
    rank=Integers("[0, d := eigenvalues.shape[-1])"),
)
def ppca_log_likelihood(eigenvalues, rank) -> np.ndarray:
    r"""Mean log-likelihood per picture of the maximum-likelihood PPCA of rank :math:`r`.

    .. math::  L(r) = -\tfrac12\Big[d \ln 2\pi + \sum_{j \le r}\ln\lambda_j + (d - r)\ln\sigma_r^2 + d\Big],
               \qquad \sigma_r^2 = \frac{1}{d - r}\sum_{j > r}\lambda_j

    (Tipping & Bishop 1999, eq. 16 with their :math:`\sigma^2_\text{ML}`).

    Parameters
    ----------
    eigenvalues : array_like, shape (..., d)
        Eigenvalues of the sample covariance, :math:`\lambda_j \ge 0`, any order, at least two; the
        :math:`r` largest and the mean of the others must be positive.
    rank : array_like of int
        :math:`0 \le r < d`, broadcast against ``eigenvalues[..., 0]``.

    Returns
    -------
    numpy.ndarray
        :math:`L(r)`, nats per picture.
    """
    lam, r, d = eigenvalues, rank, eigenvalues.shape[-1]
    shape = np.broadcast_shapes(lam.shape[:-1], r.shape)
    lam = np.broadcast_to(-np.sort(-lam, axis=-1), (*shape, d))
    r = np.broadcast_to(r, shape)
    kept = np.arange(d) < r[..., None]
    noise = np.where(kept, 0.0, lam).sum(axis=-1) / (d - r)
    if np.any(np.where(kept, lam, 1.0) <= 0) or np.any(noise <= 0):
        raise ValueError(
            f"eigenvalues must have the rank largest ones and the mean of the rest positive, got {show(lam)} "
            f"with rank {show(r)}"
        )
    variances = np.where(kept, lam, noise[..., None])
    return _mean_log_likelihood(lam, variances)


@domains(
    shares=Reals("[0, inf)", min_ndim=1),
    budget=Integer("[0, inf)"),
    log_likelihoods=Reals(min_ndim=2, axes="(..., shares.shape[-1], budget + 1)"),
)
def allocate_ranks(shares, log_likelihoods, budget: int) -> np.ndarray:
    r"""The split of a rank budget maximising :math:`\sum_k \pi_k L_k(r_k)`, :math:`\sum_k r_k = R`.

    Solved exactly by dynamic programming over the classes, whether or not the curves are
    concave. Where they are concave the solution satisfies the discrete KKT conditions
    :math:`\pi_k \Delta L_k(r_k) \ge \nu \ge \pi_k \Delta L_k(r_k + 1)` with
    :math:`\Delta L(r) = L(r) - L(r - 1)` (marginal allocation, Fox 1966).

    Parameters
    ----------
    shares : array_like, shape (..., K)
        Class frequencies :math:`\pi_k \ge 0`.
    log_likelihoods : array_like, shape (..., K, R + 1)
        :math:`L_k(r)` for :math:`r = 0, \dots, R`.
    budget : int
        :math:`R \ge 0`; the last axis of ``log_likelihoods`` must have :math:`R + 1` entries.

    Returns
    -------
    numpy.ndarray of int, shape (..., K)
        Ranks summing to :math:`R`; ties go to the smaller rank of the later class.
    """
    pi, table = shares, log_likelihoods
    shape = np.broadcast_shapes(pi.shape, table.shape[:-1])
    values = np.broadcast_to(pi[..., None], (*shape, 1)) * np.broadcast_to(table, (*shape, budget + 1))
    return _allocate(values, budget, np.full(shape, budget))


# --- drawing the hidden part ------------------------------------------------------------


def _conditional(models: ClassModels, visible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    v, h = np.flatnonzero(visible), np.flatnonzero(~visible)
    cov = models.covariances
    c_vv, c_hv, c_hh = cov[..., v[:, None], v], cov[..., h[:, None], v], cov[..., h[:, None], h]
    gain = np.swapaxes(np.linalg.solve(c_vv, np.swapaxes(c_hv, -1, -2)), -1, -2)  # C_hv C_vv^-1
    conditional = c_hh - gain @ np.swapaxes(c_hv, -1, -2)
    return gain, 0.5 * (conditional + np.swapaxes(conditional, -1, -2))


@domains(models=MODELS, visible=VISIBLE)
@_one_blas_thread
def conditional_gaussian(models, visible) -> tuple[np.ndarray, np.ndarray]:
    r"""The gain and covariance of :math:`x_h \mid x_v` under each class model.

    .. math::  E[x_h \mid x_v, k] = \mu_{k,h} + A_k (x_v - \mu_{k,v}), \quad A_k = C_{k,hv} C_{k,vv}^{-1},
               \qquad \operatorname{Cov}[x_h \mid x_v, k] = C_{k,hh} - A_k C_{k,vh}

    (the Schur complement of :math:`C_{k,vv}`; e.g. Bishop 2006, section 2.3.1).

    Parameters
    ----------
    models : ClassModels
        From :func:`fit_class_models`.
    visible : array_like of bool, shape (d,)
        True where a pixel is visible; some pixels must be hidden and some visible.

    Returns
    -------
    (gain, covariance) : numpy.ndarray of shapes (..., K, h, v) and (..., K, h, h)
        Hidden pixels in increasing order, then visible pixels in increasing order.
    """
    return _conditional(models, _pixels("visible", visible, models.means.shape[-1]))


def _full_log_likelihood(models: ClassModels, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """ln N(x_i; mu_{y_i}, C_{y_i}) for every picture under its own class: (..., N)."""
    values, vectors = models.variances, models.eigenvectors
    z = (x[..., None, :, :] - models.means[..., :, None, :]) @ vectors  # (..., K, N, d)
    ll = -0.5 * ((z**2 / values[..., None, :]).sum(-1) + np.log(values).sum(-1)[..., None] + x.shape[-1] * _LOG_2PI)
    return np.take_along_axis(ll, y[..., None, :], axis=-2)[..., 0, :]
