"""Argument checks shared by every public function.

Each check raises ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, bad
value) with a message that names the parameter and shows the offending value, so that a
student's typo fails loudly instead of propagating a silent NaN through a simulation.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_finite_array",
    "as_generator",
    "as_index_array",
    "as_integer_array",
    "as_probabilities",
    "call_checked",
    "check_broadcast",
    "check_choice",
    "check_concave_curve",
    "check_indices",
    "check_integer",
    "check_real",
    "check_same_classes",
    "show",
    "within_float64",
]

# Python and NumPy scalars that as_finite_array checks without building an array first
_PLAIN_NUMBERS = (float, int, np.float64, np.int64)
_INT64 = 2.0**63  # a plain int beyond int64 is an object array in numpy: the general path refuses it

_PROBABILITY_TOLERANCE = 1e-8


def show(value, limit: int = 80) -> str:
    """A short ``repr`` of ``value`` for error messages."""
    text = np.array2string(value, threshold=6) if isinstance(value, np.ndarray) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_real_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_real(
    name: str,
    value,
    *,
    lower: float | None = None,
    upper: float | None = None,
    lower_open: bool = False,
    upper_open: bool = False,
) -> float:
    """Return ``value`` as a finite float within the given bounds, or raise."""
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a real number, got {show(value)} ({type(value).__name__})")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if lower is not None and (value < lower or (lower_open and value == lower)):
        relation = ">" if lower_open else ">="
        raise ValueError(f"{name} must be {relation} {lower}, got {value!r}")
    if upper is not None and (value > upper or (upper_open and value == upper)):
        relation = "<" if upper_open else "<="
        raise ValueError(f"{name} must be {relation} {upper}, got {value!r}")
    return value


def check_integer(name: str, value, *, lower: int | None = None) -> int:
    """Return ``value`` as an ``int`` no smaller than ``lower``, or raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {show(value)} ({type(value).__name__})")
    value = int(value)
    if lower is not None and value < lower:
        raise ValueError(f"{name} must be >= {lower}, got {value!r}")
    return value


def check_broadcast(**arrays) -> tuple[int, ...]:
    """The common broadcast shape of the named arrays, or a ``ValueError`` naming every one
    of them with its shape (numpy's own message names none)."""
    try:
        return np.broadcast_shapes(*(np.shape(a) for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {np.shape(a)}" for name, a in arrays.items())
        raise ValueError(f"{', '.join(arrays)} must broadcast together, got shapes {shapes}") from None


def check_same_classes(**arrays) -> tuple[int, ...]:
    """Like :func:`check_broadcast`, and the arrays' last axes (the classes) must be equal."""
    classes = {np.shape(a)[-1] for a in arrays.values()}
    if len(classes) > 1:
        shapes = ", ".join(f"{name} {np.shape(a)}" for name, a in arrays.items())
        raise ValueError(f"{', '.join(arrays)} must have the same last axis (the classes), got shapes {shapes}")
    return check_broadcast(**arrays)


def check_choice(name: str, value, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``, or raise."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {choices}, got {show(value)}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
    return value


def as_finite_array(
    name: str,
    value,
    *,
    lower: float | None = None,
    upper: float | None = None,
    lower_open: bool = False,
    upper_open: bool = False,
    min_ndim: int = 0,
    allow_empty: bool = False,
    allow_posinf: bool = False,
    allow_neginf: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array of finite entries within bounds, or raise.

    ``allow_posinf=True`` also admits ``+inf`` (for ratios that may be unbounded), and
    ``allow_neginf=True`` admits ``-inf`` (a bar that every proposal clears).

    Booleans, strings and objects are rejected with ``TypeError``; NaN, infinities,
    out-of-range entries, too few dimensions and (unless allowed) empty arrays with
    ``ValueError``.
    """
    if min_ndim == 0 and type(value) in _PLAIN_NUMBERS and -_INT64 <= value < _INT64:
        # A plain number, the common case in a scalar loop: the checks below in a few
        # microseconds instead of tens (the same checks, the same result, the same errors).
        # (NaN and the infinities fail the range test above and take the general path.)
        number = float(value)
        low = lower is None or (number > lower if lower_open else number >= lower)
        high = upper is None or (number < upper if upper_open else number <= upper)
        if low and high:
            return np.array(number)
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged nested lists
        raise TypeError(f"{name} must be array-like of real numbers, got {show(value)}") from error
    if array.dtype.kind not in "iuf":  # booleans, complex numbers, strings, objects
        raise TypeError(f"{name} must contain real numbers, got {show(value)} (dtype {array.dtype})")
    array = array.astype(float)
    if array.ndim < min_ndim:
        raise ValueError(f"{name} must have at least {min_ndim} dimension(s), got {show(value)}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got {show(value)}")
    checked = array
    if allow_posinf or allow_neginf:
        admitted = (allow_posinf & (array == np.inf)) | (allow_neginf & (array == -np.inf))
        checked = np.where(admitted, 0.0, array)
    if not np.all(np.isfinite(checked)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {show(array)}")
    if lower is not None:
        bad = array <= lower if lower_open else array < lower
        if np.any(bad):
            relation = ">" if lower_open else ">="
            raise ValueError(f"{name} must be {relation} {lower}, got {show(array)}")
    if upper is not None:
        bad = array >= upper if upper_open else array > upper
        if np.any(bad):
            relation = "<" if upper_open else "<="
            raise ValueError(f"{name} must be {relation} {upper}, got {show(array)}")
    return array


def as_probabilities(name: str, value, *, min_classes: int = 1, atol: float = _PROBABILITY_TOLERANCE) -> np.ndarray:
    """Return ``value`` as probability vectors along the last axis, or raise.

    Entries must be finite and non-negative and each vector must sum to one within
    ``atol`` (1e-8); the last axis must have at least ``min_classes`` entries.
    """
    p = as_finite_array(name, value, lower=0.0, min_ndim=1)
    if p.shape[-1] < min_classes:
        raise ValueError(f"{name} must have at least {min_classes} classes on its last axis, got shape {p.shape}")
    totals = p.sum(axis=-1)
    if not np.allclose(totals, 1.0, rtol=0.0, atol=atol):
        raise ValueError(f"{name} must sum to 1 along the last axis, got sums {show(totals)}")
    return p


def as_integer_array(name: str, value, what: str) -> np.ndarray:
    """Return ``value`` as an integer array, or a ``TypeError`` saying it must be ``what``.

    Booleans, floats (even whole ones) and ragged nested lists are refused.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise TypeError(f"{name} must be {what}, got a ragged {show(value)}") from error
    if array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name} must be {what}, got {show(value)} (dtype {array.dtype})")
    return array


def as_index_array(
    name: str, value, *, shape: str, upper: int | None = None, upper_from: str | None = None
) -> np.ndarray:
    """Return ``value`` as a 2-D integer array of indices ``0 <= i < upper``, or raise.

    ``shape`` describes the expected axes in the message, e.g. ``"(replicates, steps)"``; the
    array needs at least one row. ``upper_from`` names the argument that sets ``upper``, so
    that a mismatch blames both.
    """
    array = as_integer_array(name, value, "an integer array of indices")
    if array.ndim != 2 or array.shape[0] == 0:
        raise ValueError(f"{name} must have shape {shape} with at least one row, got shape {array.shape}")
    return check_indices(name, array, upper=upper, upper_from=upper_from)


def check_indices(name: str, array: np.ndarray, *, upper: int | None = None, upper_from: str | None = None):
    """Return the integer ``array`` if its entries are indices ``0 <= i < upper``, or raise naming ``upper_from``."""
    if array.size and (array.min() < 0 or (upper is not None and array.max() >= upper)):
        allowed = f"0..{upper - 1}" if upper is not None else ">= 0"
        source = f" ({upper_from} has {upper})" if upper_from else ""
        raise ValueError(f"{name} must hold indices {allowed}{source}, got values from {array.min()} to {array.max()}")
    return array


def call_checked(name: str, func, x: np.ndarray, *, allow_neginf: bool = False) -> np.ndarray:
    """Call a user's function on the array ``x`` and return its values as floats, or raise.

    The function's own failure, a result that is not real numbers, of another shape than
    ``x``, or not finite (``-inf`` allowed with ``allow_neginf``, e.g. ln 0) is reported as a
    ``ValueError``/``TypeError`` naming ``name``.
    """
    try:
        values = np.asarray(func(x))
    except Exception as error:  # the user's callable: report its failure, whatever it is
        raise ValueError(f"{name} must accept a numpy array; calling it failed: {error!r}") from error
    if values.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers, got {show(values)} (dtype {values.dtype})")
    values = values.astype(float)
    if values.shape != np.shape(x):
        raise ValueError(f"{name} must map an array of shape {np.shape(x)} to the same shape, got {values.shape}")
    bad = np.isnan(values) | (values == np.inf) if allow_neginf else ~np.isfinite(values)
    if np.any(bad):
        allowed = "NaN or +inf" if allow_neginf else "NaN or inf"
        raise ValueError(f"{name} must not return {allowed}, got it at {show(x[bad] if x.shape else x)}")
    return values


def within_float64(compute, refusal, *, limit: float = np.inf, floor: float = -np.inf):
    """The values ``compute()`` returns, computed with numpy's overflow and underflow warnings off,
    or a ``ValueError(refusal)`` if any has left float64's range.

    Left the range: NaN, an infinity, a magnitude above ``limit`` (a margin a later step
    needs), or a value below ``floor`` (``np.finfo(float).tiny``: no subnormal temperature to
    divide by). ``refusal`` names the arguments to blame and their values (a string, or a
    callable giving it, for a message costly to build). The one overflow guard of the modules
    that scale, exponentiate or sum what a student passes.
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        values = compute()
    inside = np.isfinite(values)  # a numpy bool or array: only the tests asked for, in a loop's hot path
    if limit < np.inf:
        inside &= np.abs(values) <= limit
    if floor > -np.inf:
        inside &= values >= floor
    if not inside.all():
        raise ValueError(refusal if isinstance(refusal, str) else refusal())
    return values


def as_generator(rng) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from ``None``, an int seed or a Generator.

    Mirrors SciPy's ``rng=`` convention. ``None`` gives fresh OS entropy, which the
    notebooks never use: they always pass a seed so stored outputs are reproducible.
    """
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise TypeError(f"rng must be None, an integer seed or a numpy.random.Generator, got {show(rng)}")
    if rng < 0:
        raise ValueError(f"rng must be a non-negative seed, got {rng!r}")
    return np.random.default_rng(int(rng))


def check_concave_curve(name: str, func, grid: np.ndarray, *, where: str, strict: bool) -> np.ndarray:
    """Evaluate a returns curve on ``grid`` and check it is finite, increasing and concave.

    ``strict`` asks for strictly increasing values (else non-decreasing). Concavity is checked
    on the second differences, with a tolerance relative to the curve's size. Returns the
    values; raises ``ValueError`` naming ``name`` and the interval ``where``.
    """
    try:
        values = np.asarray(func(grid), dtype=float)
    except Exception as error:  # the user's callable: report its failure, whatever it is
        raise ValueError(f"{name} must accept a numpy array on {where}; calling it failed: {error}") from error
    if values.shape != grid.shape or not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must return finite values of the same shape on {where}, got {show(values)}")
    steps = np.diff(values)
    if np.any(steps <= 0) if strict else np.any(steps < 0):
        raise ValueError(f"{name} must be {'strictly increasing' if strict else 'non-decreasing'} on {where}")
    if np.any(np.diff(steps) > 1e-12 * max(1.0, float(np.abs(values).max()))):
        raise ValueError(f"{name} must be concave (diminishing returns) on {where}")
    return values
