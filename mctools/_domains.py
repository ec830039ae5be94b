r"""Parameter domains: each public parameter's domain, declared once.

A public function states the domain of every parameter in one decorator::

    @domains(logits=Reals(min_ndim=1), temperature=POSITIVE, generations=Integer("[0, inf)"))
    def retrain_logits(logits, temperature, generations): ...

with a domain from a small vocabulary: a real in an interval (:class:`Real`, ``POSITIVE``, ...),
an integer (:class:`Integer`, ``COUNT``), arrays of them (:class:`Reals`, :class:`Integers`,
:class:`Indices`), :class:`Probabilities` along the last axis, one value per replicate
(:class:`PerReplicate`), a :class:`Choice` or a named :class:`Curve`, a :class:`Pair`, a table of
:class:`Settings`, a boolean :class:`Mask`, an :class:`Instance` of a result record, ``SEED``,
``FLAG``, ``CALLABLE`` and :class:`Maybe` (``None`` or a domain).

A domain may name the arguments declared before it, in an :class:`Expression`: an interval end
(``Integer("[ddof + 1, inf)")``, ``Integer("[0, steps := leading.shape[1])")``), a shape
(``Reals(axes="scores.shape")``, ``axes="(replicates, generations)", drop_leading=True`` for a
scalar or one value per generation) or the condition under which ``None`` is refused
(``Maybe(POSITIVE, needed="kind == 'geometric'")``). Each constraint between parameters is then
said once, checked before the body runs and swept like any other domain.
That declaration does three jobs:

* **validation**: before the body runs, each argument is checked (``TypeError`` for the wrong
  kind of object, ``ValueError`` for a value outside the domain, the message naming the
  parameter and the value: the checks of :mod:`mctools._validate`) and the body receives it
  converted (a float, an int, a float array, a ``numpy.random.Generator``). The body keeps
  the model and the few constraints no declaration says (a run length beyond float64, a
  history of probability zero; overflow through :func:`mctools._validate.within_float64`);
* **bad values**: :meth:`Domain.refuses` gives values the domain must refuse, from which
  ``tests/test_bad_inputs.py`` builds its sweep;
* **documentation**: ``tests/test_domains.py`` holds the domain each docstring states
  (``T > 0``, ``in [0, 1]``, ``at least 1``) against :attr:`Domain.interval`.

The design follows SciPy's new distribution infrastructure
(``scipy/stats/_distribution_infrastructure.py``: a ``_RealParameter`` with a ``_RealInterval``
domain drives validation, documentation and test draws), with intervals written as in
mathematics: ``"(0, 1]"``; an infinite endpoint that is closed, ``"[0, inf]"``, admits ``inf``.
"""

from __future__ import annotations

import ast
import functools
import inspect
import math
import numbers
import typing
from dataclasses import dataclass

import numpy as np

from ._validate import (
    as_finite_array,
    as_generator,
    as_index_array,
    as_integer_array,
    as_probabilities,
    check_choice,
    check_integer,
    check_real,
    show,
)

__all__ = [
    "CALLABLE",
    "COUNT",
    "FLAG",
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "SEED",
    "Choice",
    "Curve",
    "Domain",
    "Indices",
    "Instance",
    "Integer",
    "Integers",
    "Interval",
    "Mask",
    "Maybe",
    "Pair",
    "PerReplicate",
    "Probabilities",
    "Real",
    "Reals",
    "Settings",
    "domains",
]

NAN, INF = float("nan"), float("inf")
# Objects that are no kind of number: a typo'd string, a missing value, a flag, a complex.
NOT_NUMBERS = ["1.0", None, True, 1 + 2j]


class Expression:
    """An arithmetic expression over a call's other arguments, e.g. ``"ddof + 1"`` or ``"scores.shape"``.

    Parsed once, when the domain is declared: names, numbers, ``+ - * //``, comparisons,
    ``and``/``or``, ``.shape``/``.size``/``.ndim``, indexing, tuples and ``max``, ``min``,
    ``round``, ``any``, ``inf``; nothing else compiles. Evaluated against the arguments the
    function has checked so far (converted: arrays, ints, floats). ``"steps := leading.shape[1]"``
    names the value ``steps`` in messages.
    """

    _NAMESPACE: typing.ClassVar = {
        "__builtins__": {},
        "inf": INF,
        "max": max,
        "min": min,
        "round": round,
        "any": np.any,
    }
    _NODES = (ast.Expression, ast.Name, ast.Load, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp)
    _NODES += (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.USub, ast.Not, ast.And, ast.Or)
    _NODES += (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Subscript, ast.Slice, ast.Tuple, ast.Starred)
    _NODES += (ast.Attribute, ast.Call)

    def __init__(self, text: str):
        label, _, text = text.rpartition(":=")
        tree = ast.parse(text.strip(), mode="eval")
        for node in ast.walk(tree):
            attribute = isinstance(node, ast.Attribute) and node.attr not in ("shape", "size", "ndim")
            call = isinstance(node, ast.Call) and not (
                isinstance(node.func, ast.Name) and node.func.id in self._NAMESPACE
            )
            if not isinstance(node, self._NODES) or attribute or call:
                raise ValueError(f"a domain's expression may not use {ast.unparse(node)!r}, in {text!r}")
        self.text, self.label = text.strip(), label.strip() or text.strip()
        self.depends = frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name)) - set(self._NAMESPACE)
        self._code = compile(tree, f"<domain {self.text!r}>", "eval")

    def __call__(self, arguments: dict):
        return eval(self._code, self._NAMESPACE, arguments)  # compiled from the whitelisted nodes above

    def __str__(self) -> str:
        return self.label if self.label == self.text else f"{self.label} := {self.text}"


def _split_ends(text: str) -> list[str] | None:
    """The two ends of ``"(a, b]"``'s inside, split at the comma outside any brackets."""
    depth, parts, start = 0, [], 0
    for i, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]] if len(parts) == 1 else None


@dataclass(frozen=True)
class Interval:
    """An interval of the real line, parsed from ``"(a, b]"``; ``inf`` endpoints may be closed.

    An end may name other arguments, ``"[ddof + 1, inf)"``, ``"[0, vocabulary]"``: an
    :class:`Expression` (``lower_from``, ``upper_from``), checked against the call's arguments by
    :meth:`check_ends`. Its float end is then infinite, so the fixed checks leave that side to it.
    """

    lower: float
    upper: float
    lower_open: bool
    upper_open: bool
    lower_from: Expression | None = None
    upper_from: Expression | None = None

    @classmethod
    def parse(cls, text: str | Interval) -> Interval:
        """The interval ``text`` writes (an :class:`Interval` is returned as it is)."""
        if isinstance(text, Interval):
            return text
        text = text.strip()
        ends = _split_ends(text[1:-1]) if len(text) > 1 and text[0] in "[(" and text[-1] in "])" else None
        if ends is None or not all(end.strip() for end in ends):
            raise ValueError(f"an interval is written like '(0, 1]', got {text!r}")
        found = {}
        for side, end, infinite in (("lower", ends[0], -INF), ("upper", ends[1], INF)):
            try:
                found[side] = float(end)
            except ValueError:
                found[side], found[f"{side}_from"] = infinite, Expression(end)
        return cls(lower_open=text[0] == "(", upper_open=text[-1] == ")", **found)

    def __str__(self) -> str:
        lower, upper = (end if end is not None else f"{value:g}" for end, value in self._ends)
        return f"{'(['[not self.lower_open]}{lower}, {upper}{')]'[not self.upper_open]}"

    @property
    def _ends(self):
        return ((self.lower_from, self.lower), (self.upper_from, self.upper))

    @functools.cached_property
    def depends(self) -> frozenset:
        """The arguments the ends name."""
        return frozenset().union(*(end.depends for end, _ in self._ends if end is not None))

    @functools.cached_property
    def bounds(self) -> dict:
        """Keyword arguments of the checks in :mod:`mctools._validate` (finite endpoints only)."""
        found = {}
        if math.isfinite(self.lower):
            found |= {"lower": self.lower, "lower_open": self.lower_open}
        if math.isfinite(self.upper):
            found |= {"upper": self.upper, "upper_open": self.upper_open}
        return found

    @functools.cached_property
    def infinities(self) -> tuple[float, ...]:
        """The infinities the interval admits (a closed infinite endpoint)."""
        ends = ((self.lower, self.lower_open, self.lower_from), (self.upper, self.upper_open, self.upper_from))
        return tuple(end for end, is_open, named in ends if math.isinf(end) and not is_open and named is None)

    def resolve(self, arguments: dict) -> Interval:
        """The interval with its named ends evaluated on ``arguments``."""
        lower, upper = (value if end is None else float(end(arguments)) for end, value in self._ends)
        return Interval(lower, upper, self.lower_open, self.upper_open)

    def check_ends(self, name: str, value, arguments: dict):
        """``value`` (a number or an array), if it lies within the named ends; else a ``ValueError``."""
        for end, is_open, below in (
            (self.lower_from, self.lower_open, True),
            (self.upper_from, self.upper_open, False),
        ):
            if end is None:
                continue
            bound = end(arguments)
            outside = (
                (value <= bound if is_open else value < bound)
                if below
                else (value >= bound if is_open else value > bound)
            )
            if outside is True or (outside is not False and outside.any()):  # np.any costs microseconds on a bool
                relation = (">" if below else "<") + ("" if is_open else "=")
                bound = bound.item() if isinstance(bound, np.generic) else bound
                raise ValueError(f"{name} must be {relation} {end.label} = {show(bound)}, got {show(value)}")
        return value

    def outside(self) -> list[float]:
        """NaN, the infinities not admitted, reals just and well outside, and the open endpoints themselves."""
        values = [NAN, *(end for end in (INF, -INF) if end not in self.infinities)]
        for end, is_open, away in ((self.lower, self.lower_open, -INF), (self.upper, self.upper_open, INF)):
            if math.isfinite(end):
                values += [np.nextafter(end, away), end + (1.0 if away > 0 else -1.0)] + ([end] if is_open else [])
        return values


class Domain:
    """Where a parameter's values live. Subclasses define :meth:`check` and :meth:`refuses`."""

    interval: Interval | None = None

    @property
    def depends(self) -> frozenset:
        """The other arguments this domain names (they must be declared, and so checked, before it)."""
        return self.interval.depends if self.interval is not None else frozenset()

    def check(self, name: str, value, arguments: dict):
        """Return ``value`` converted, or raise ``TypeError``/``ValueError`` naming ``name``.

        ``arguments`` holds the call's other arguments (those declared earlier already checked).
        """
        raise NotImplementedError

    def refuses(self, valid, arguments: dict) -> list:
        """Values this domain refuses, built around ``valid`` (an accepted value) where shape matters."""
        raise NotImplementedError


class Real(Domain):
    """A real number in an interval (a scalar: arrays are refused), returned as a float."""

    def __init__(self, interval: str = "(-inf, inf)"):
        self.interval = Interval.parse(interval)

    def check(self, name, value, arguments):
        if isinstance(value, numbers.Real) and value in self.interval.infinities:
            return float(value)  # an admitted infinity (e.g. "no annealing")
        value = check_real(name, value, **self.interval.bounds)
        return self.interval.check_ends(name, value, arguments) if self.interval.depends else value

    def refuses(self, valid, arguments):
        outside = self.interval.resolve(arguments).outside()
        return [*NOT_NUMBERS, [valid], np.array([valid]), np.float64(NAN), *outside]


def _integers_outside(interval: Interval) -> list[int]:
    """The integers just outside an interval's finite ends (an open end's own integer among them)."""
    found = []
    if math.isfinite(interval.lower):
        found.append(math.floor(interval.lower) if interval.lower_open else math.ceil(interval.lower) - 1)
    if math.isfinite(interval.upper):
        found.append(math.ceil(interval.upper) if interval.upper_open else math.floor(interval.upper) + 1)
    return found


def _fits(shape: tuple, pattern: tuple, drop_leading: bool) -> bool:
    """Whether ``shape`` is ``pattern``: ``None`` stands for any length, a leading ``...`` for any
    leading axes, and ``drop_leading`` lets leading axes be left out (a scalar stands for them all)."""
    free = pattern[:1] == (Ellipsis,)
    axes = pattern[1:] if free else pattern
    if (len(shape) < len(axes) and not drop_leading) or (len(shape) > len(axes) and not free):
        return False
    tail = shape[max(len(shape) - len(axes), 0) :]
    return all(want is None or got == want for got, want in zip(tail, axes[len(axes) - len(tail) :], strict=True))


class Integer(Domain):
    """An integer (not a float, even a whole one, nor a bool) in an interval, returned as an int."""

    def __init__(self, interval: str = "[0, inf)"):
        self.interval = Interval.parse(interval)

    def check(self, name, value, arguments):
        lower, upper = self.interval.lower, self.interval.upper
        value = check_integer(name, value, lower=None if lower == -INF else int(lower))
        if value > upper:
            allowed = f"{lower:.0f} or {upper:.0f}" if upper - lower == 1 else f"<= {upper:.0f}"
            raise ValueError(f"{name} must be {allowed}, got {value!r}")
        return self.interval.check_ends(name, value, arguments) if self.interval.depends else value

    def refuses(self, valid, arguments):
        outside = _integers_outside(self.interval.resolve(arguments))
        return [2.5, 3.0, np.float64(3.0), "3", True, None, NAN, [valid], *outside]


class _Array(Domain):
    """Shared by the array domains: the number of dimensions and of classes on the last axis.

    ``shape`` is either the one shape allowed (a tuple) or, with ``ndim`` (an int or a tuple of
    the numbers of dimensions allowed), the allowed shapes in words for messages. A wrong number
    of dimensions raises ``shape_error`` (``ValueError``; ``TypeError`` where a parameter has
    always treated it as the wrong kind of object).

    ``axes`` ties the shape to other arguments: an :class:`Expression` giving a tuple (or an
    array, whose shape counts), ``"scores.shape"``, ``"(replicates, generations)"``,
    ``"(..., models.means.shape[-1])"``, in which ``None`` is an axis of any length and a
    leading ``...`` any leading axes; with ``drop_leading=True`` leading axes may be left out
    (a scalar, or one value per generation, stands for all replicates).
    """

    def __init__(
        self,
        *,
        ndim=None,
        min_ndim=0,
        shape=None,
        classes=(0, None),
        what="",
        shape_error=ValueError,
        axes: str | None = None,
        drop_leading: bool = False,
    ):
        ndim = len(shape) if isinstance(shape, tuple) else ndim
        self.ndim = (ndim,) if isinstance(ndim, int) else ndim  # the dimensions allowed, if restricted
        self.min_ndim, self.shape, self.classes, self.what = min_ndim, shape, classes, what
        self.shape_error = shape_error
        self.axes, self.drop_leading = (None if axes is None else Expression(axes)), drop_leading

    @property
    def depends(self) -> frozenset:
        return super().depends | (self.axes.depends if self.axes is not None else frozenset())

    def _pattern(self, arguments: dict) -> tuple:
        pattern = self.axes(arguments)
        return pattern.shape if isinstance(pattern, np.ndarray) else tuple(pattern)

    def _structure(self, name: str, array: np.ndarray, arguments: dict) -> np.ndarray:
        if array.ndim < self.min_ndim:  # for Integers and Probabilities (Reals: as_finite_array refused it)
            raise self.shape_error(f"{name} must have at least {self.min_ndim} dimension(s), got shape {array.shape}")
        exact = isinstance(self.shape, tuple) and array.shape != self.shape
        if exact or (self.ndim is not None and array.ndim not in self.ndim):
            wanted = "be one-dimensional" if self.shape is None else f"have shape {self.shape}"
            raise self.shape_error(f"{name} must {wanted}{f' ({self.what})' if exact else ''}, got shape {array.shape}")
        fewest, most = self.classes
        if array.ndim and array.shape[-1] < fewest:
            raise ValueError(
                f"{name} must have at least {fewest} {self.what} on its last axis, got shape {array.shape}"
            )
        if array.ndim and most is not None and array.shape[-1] > most:
            raise ValueError(f"{name} must have at most {most} {self.what} on its last axis, got shape {array.shape}")
        return self._check_axes(name, array, arguments) if self.axes is not None else array

    def _check_axes(self, name: str, array: np.ndarray, arguments: dict) -> np.ndarray:
        if not _fits(array.shape, pattern := self._pattern(arguments), self.drop_leading):
            shown = str(pattern).replace("Ellipsis", "...").replace("None", "any")
            if self.axes.text.endswith(".shape") and self.axes.text[:-6].isidentifier():
                wanted = f"shape {shown}, the same shape as {self.axes.text[:-6]}"
            else:
                named = [f"{n} = {arguments[n]!r}" for n in sorted(self.axes.depends) if isinstance(arguments[n], int)]
                wanted = f"shape {self.axes.label} = {shown}" + (f" where {', '.join(named)}" if named else "")
            wanted = f"be a scalar or have {wanted} or its trailing axes" if self.drop_leading else f"have {wanted}"
            raise ValueError(f"{name} must {wanted}, got shape {array.shape}")
        return array

    def _misshapen(self, valid: np.ndarray, arguments: dict) -> list:
        """Arrays like ``valid`` with a forbidden number of dimensions, of classes, or shape."""
        values = self._wrong_axes(valid, arguments) if self.axes is not None else []
        return values + self._wrong_ndim(valid)

    def _wrong_axes(self, valid: np.ndarray, arguments: dict) -> list:
        """Arrays like ``valid`` whose shape the other arguments refuse: one axis longer, one more axis."""
        pattern = self._pattern(arguments)
        axes = pattern[1:] if pattern[:1] == (Ellipsis,) else pattern
        full = tuple(2 if axis is None else axis for axis in axes)  # valid may be a scalar standing for these
        shapes = [
            tuple(n + (i == j) for j, n in enumerate(base)) for base in (valid.shape, full) for i in range(len(base))
        ]
        shapes += [(1, *valid.shape), full[1:]]
        return [np.resize(valid, shape) for shape in shapes if not _fits(shape, pattern, self.drop_leading)]

    def _wrong_ndim(self, valid: np.ndarray) -> list:
        values = [valid.flat[0]] if max(self.min_ndim, min(self.ndim or (0,))) > 0 else []
        if self.min_ndim > 1 and valid.ndim == self.min_ndim:
            values.append(valid[0])  # one dimension too few
        if self.ndim is not None:
            values.append(valid.reshape((1,) * (max(self.ndim) + 1 - valid.ndim) + valid.shape))
        if isinstance(self.shape, tuple) and valid.ndim:
            values.append(np.resize(valid, (*valid.shape[:-1], valid.shape[-1] + 1)))
        fewest, most = self.classes
        if valid.ndim and fewest > 1:
            values.append(valid[..., : fewest - 1])
        if valid.ndim and most is not None:
            values.append(np.resize(valid, (*valid.shape[:-1], most + 1)))
        return values


class Reals(_Array):
    """An array_like of finite reals in an interval, returned as a float array.

    ``ndim`` (an int or a tuple) restricts the number of dimensions, described by ``shape`` in
    messages; ``classes=(fewest, most)`` bounds the length of the last axis, its entries called
    ``what``; ``empty=True`` admits empty arrays. A closed infinite endpoint admits that infinity.
    """

    def __init__(self, interval: str = "(-inf, inf)", *, empty: bool = False, **structure):
        super().__init__(**structure)
        self.interval, self.empty = Interval.parse(interval), empty
        admitted = self.interval.infinities
        self._checks = {"allow_posinf": INF in admitted, "allow_neginf": -INF in admitted, **self.interval.bounds}

    def check(self, name, value, arguments):
        array = as_finite_array(name, value, min_ndim=self.min_ndim, allow_empty=self.empty, **self._checks)
        if self.interval.depends:
            self.interval.check_ends(name, array, arguments)
        return self._structure(name, array, arguments)

    def refuses(self, valid, arguments):
        valid, outside = np.array(valid, dtype=float), self.interval.resolve(arguments).outside()
        wrong = []  # valid, with one entry outside the interval (the shape is right: only the entry is wrong)
        for bad in outside if valid.size else []:
            changed = valid.copy()
            changed.flat[0] = bad
            wrong.append(changed)
        scalars = [np.float64(v) for v in outside] if self.min_ndim == 0 and self.ndim is None else []
        empty = [] if self.empty else [np.empty((*valid.shape[:-1], 0)) if valid.ndim else []]
        kinds = [*NOT_NUMBERS, "ab", [True, False], [1 + 2j], [[1.0], [1.0, 2.0]]]
        return [*kinds, *wrong, *scalars, *empty, *self._misshapen(valid, arguments)]


class Integers(_Array):
    """An integer or an array_like of integers in an interval, returned as an int array (or an int)."""

    def __init__(self, interval: str = "[0, inf)", *, empty: bool = False, **structure):
        super().__init__(**structure)
        self.interval, self.empty, self._scalar = Interval.parse(interval), empty, Integer(interval)

    def check(self, name, value, arguments):
        if self.empty and isinstance(value, list | tuple) and len(value) == 0:  # numpy would make it floats
            return np.empty(0, dtype=np.int64)
        if not isinstance(value, list | tuple | np.ndarray) or getattr(value, "ndim", 1) == 0:  # a scalar
            return self._structure(name, np.asarray(self._scalar.check(name, value, arguments)), arguments)
        array = as_integer_array(name, value, "an integer or an array of integers").astype(np.int64)
        if array.size == 0 and not self.empty:
            raise self.shape_error(f"{name} must not be empty, got {show(array)}")
        if array.size and array.min() < self.interval.lower:
            raise ValueError(f"{name} must be >= {self.interval.lower:g}, got {show(array)}")
        if array.size and array.max() > self.interval.upper:
            raise ValueError(f"{name} must be <= {self.interval.upper:g}, got {show(array)}")
        if self.interval.depends:
            self.interval.check_ends(name, array, arguments)
        return self._structure(name, array, arguments)

    def refuses(self, valid, arguments):
        valid, outside = np.array(valid), _integers_outside(self.interval.resolve(arguments))
        wrong = [np.where(np.arange(valid.size).reshape(valid.shape) == 0, bad, valid) for bad in outside]
        scalars = outside if self.ndim is None else []
        kinds = [2.5, 3.0, np.float64(3.0), "3", True, None, NAN, valid.astype(float), [True, False], [[1], [1, 2]]]
        empty = [] if self.empty else [np.empty(0, dtype=int)]
        return [*kinds, *wrong, *scalars, *empty, *self._misshapen(valid, arguments)]


class Indices(Integers):
    """A 2-D integer array of indices ``>= 0`` with at least one row (its upper bound is another argument's)."""

    def __init__(self, shape: str, *, axes: str | None = None):
        super().__init__("[0, inf)", ndim=2, shape=shape, axes=axes)

    def check(self, name, value, arguments):
        array = as_index_array(name, value, shape=self.shape)
        return self._check_axes(name, array, arguments) if self.axes is not None else array


class Probabilities(_Array):
    """Probability vectors along the last axis: finite, non-negative, each summing to 1 (within ``atol``)."""

    interval = Interval(0.0, 1.0, False, False)

    def __init__(self, *, atol: float = 1e-8, **structure):
        super().__init__(**structure)
        self.atol = atol

    def check(self, name, value, arguments):
        return self._structure(name, as_probabilities(name, value, atol=self.atol), arguments)

    def refuses(self, valid, arguments):
        valid = np.array(valid, dtype=float)
        nan, inf, negative = valid.copy(), valid.copy(), valid.copy()
        nan[..., 0], inf[..., -1] = NAN, INF
        negative[..., 0], negative[..., -1] = -0.2, valid[..., -1] + valid[..., 0] + 0.2  # sums to one
        kinds = [None, "ab", [True, False], [], [[]], [[0.5, 0.5], [0.2]]]
        return [*kinds, nan, inf, valid * 1.4, valid * 0.4, negative, *self._misshapen(valid, arguments)]


class PerReplicate(Domain):
    """A scalar of ``scalar``'s domain or one per replicate, shape ``(replicates,)``, returned with that shape.

    The function must declare ``replicates`` before this parameter.
    """

    def __init__(self, scalar: Real | Integer):
        self.inner = (Reals if isinstance(scalar, Real) else Integers)(scalar.interval)
        self.interval = scalar.interval

    @property
    def depends(self) -> frozenset:
        return self.interval.depends | {"replicates"}

    def check(self, name, value, arguments):
        array, replicates = self.inner.check(name, value, arguments), arguments["replicates"]
        if array.ndim == 0:
            return np.full(replicates, array[()])
        if array.shape != (replicates,):
            raise ValueError(
                f"{name} must be a scalar or have shape (replicates,) = ({replicates},), got {array.shape}"
            )
        return array

    def refuses(self, valid, arguments):
        replicates = arguments["replicates"]
        column = np.broadcast_to(valid, (replicates,))
        wrong = [np.resize(column, (replicates + 1,)), column[None, :], np.tile(column, (replicates, 1))]
        return [*self.inner.refuses(column, arguments), *wrong]


class Choice(Domain):
    """One of a few named options (strings)."""

    def __init__(self, *options: str):
        self.options = options

    def check(self, name, value, arguments):
        return check_choice(name, value, self.options)

    def refuses(self, valid, arguments):
        return ["no such option", self.options[0].upper(), "", 3, None, [self.options[0]]]


class Curve(Choice):
    """A named curve (one of ``options``) or a callable; a callable is checked where it is used."""

    def check(self, name, value, arguments):
        if (isinstance(value, str) and value in self.options) or callable(value):
            return value
        named = ", ".join(repr(option) for option in self.options)
        error = ValueError if isinstance(value, str) else TypeError
        raise error(f"{name} must be {named} or a callable, got {value!r:.80}")

    def refuses(self, valid, arguments):
        return [*super().refuses(valid, arguments), np.array(self.options), np.array([1.0, 2.0])]


class _Flag(Domain):
    def check(self, name, value, arguments):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, got {value!r}")
        return value

    def refuses(self, valid, arguments):
        return [1, 0, "yes", None, np.float64(1.0)]


class _Seed(Domain):
    def check(self, name, value, arguments):
        return as_generator(value)

    def refuses(self, valid, arguments):
        return ["seed", -1, 1.5, True, np.random.RandomState(0)]


class _Callable(Domain):
    def check(self, name, value, arguments):
        if not callable(value):
            raise TypeError(f"{name} must be callable, got {value!r}")
        return value

    def refuses(self, valid, arguments):
        return [3, "x", None]


class Mask(Domain):
    """A 1-D boolean mask over ``what`` (e.g. pixels) that shows some of them and hides some, returned as an array.

    Its length is set by another argument (the number of pixels), which the function checks.
    """

    def __init__(self, what: str):
        self.what = what

    def check(self, name, value, arguments):
        try:
            mask = np.asarray(value)
        except ValueError:  # ragged nested lists: no mask at all
            mask = None
        if mask is None or mask.dtype != bool or mask.ndim != 1:
            raise TypeError(f"{name} must be a 1-D boolean mask over the {self.what}, got {show(value)}")
        if mask.all() or not mask.any():
            raise ValueError(f"{name} must show some {self.what} and hide some, got {mask.sum()} of {mask.size} shown")
        return mask

    def refuses(self, valid, arguments):
        valid = np.asarray(valid)
        kinds = [None, "ab", 1, True, valid.astype(int), valid.astype(int).tolist(), valid.astype(float)]
        shapes = [valid[None], np.stack([valid, valid]), valid[0], [[True], [True, False]]]
        return [*kinds, *shapes, np.ones_like(valid), np.zeros_like(valid), np.empty(0, dtype=bool)]


class Instance(Domain):
    """An instance of ``kind``, a record that ``source`` returns (a tuple of its fields is refused)."""

    def __init__(self, kind: type, source: str):
        self.kind, self.source = kind, source

    def check(self, name, value, arguments):
        if not isinstance(value, self.kind):
            raise TypeError(f"{name} must be a {self.kind.__name__} (see {self.source}), got {show(value)}")
        return value

    def refuses(self, valid, arguments):
        fields = [tuple(valid), valid._asdict()] if hasattr(valid, "_asdict") else []
        return [None, 3, "a name", (1, 2), {"means": 0}, *fields]


class Maybe(Domain):
    """``None`` (the documented default meaning) or a value of ``inner``.

    ``needed`` is a condition on the other arguments (an :class:`Expression`, ``"kind ==
    'geometric'"``) under which ``None`` is refused: a parameter the others need.
    """

    def __init__(self, inner: Domain, *, needed: str | None = None):
        self.inner, self.interval = inner, inner.interval
        self.needed = None if needed is None else Expression(needed)

    @property
    def depends(self) -> frozenset:
        return self.inner.depends | (self.needed.depends if self.needed is not None else frozenset())

    def check(self, name, value, arguments):
        if value is not None:
            return self.inner.check(name, value, arguments)
        if self.needed is not None and bool(self.needed(arguments)):
            raise ValueError(f"{name} must be given when {self.needed}, got None")
        return None

    def refuses(self, valid, arguments):
        needed = self.needed is not None and bool(self.needed(arguments))
        return [None] * needed + [v for v in self.inner.refuses(valid, arguments) if v is not None]


class Pair(Domain):
    """Two values of ``inner``, as a tuple, list or 1-D array of length 2; checked as ``name[0]``, ``name[1]``.

    ``what`` ends the message for anything that is not such a pair, raised as ``error``, as is a
    part of the wrong kind (a ``TypeError`` of ``inner``).
    """

    def __init__(self, inner: Domain, *, what: str, error: type[Exception] = TypeError):
        self.inner, self.interval, self.what, self.error = inner, inner.interval, what, error

    def check(self, name, value, arguments):
        # a set has no order, a dict would give its keys, a 0-d array no len()
        if not isinstance(value, tuple | list | np.ndarray) or getattr(value, "ndim", 1) != 1 or len(value) != 2:
            raise self.error(f"{name} must be a pair {self.what}, got {value!r}")
        try:
            return tuple(self.inner.check(f"{name}[{i}]", part, arguments) for i, part in enumerate(value))
        except TypeError as error:
            raise self.error(str(error)) from None

    def refuses(self, valid, arguments):
        first, second = valid
        halves = [(bad, second) for bad in self.inner.refuses(first, arguments)]
        halves += [(first, bad) for bad in self.inner.refuses(second, arguments)]
        return [None, 3, "ab", (first,), (first, second, second), {0: first, 1: second}, np.array(first), *halves]


class Settings(Domain):
    """A non-empty dict of named settings: ``{name: {key: value}}``, each key one of ``keys`` and in its domain."""

    def __init__(self, **keys: Domain):
        self.keys = keys

    def check(self, name, value, arguments):
        if not isinstance(value, dict) or not value:
            raise TypeError(f"{name} must be a non-empty dict of name -> settings, got {value!r}")
        for label, settings in value.items():
            if not isinstance(label, str):
                raise TypeError(f"{name} must be keyed by names (str), got the key {label!r}")
            if not isinstance(settings, dict):
                raise TypeError(f"{name}[{label!r}] must be a dict of settings, got {settings!r}")
            unknown = set(settings) - set(self.keys)
            if unknown:
                raise ValueError(f"{name}[{label!r}] has unknown settings {sorted(unknown)}; use {list(self.keys)}")
            for key, setting in settings.items():
                self.keys[key].check(f"{name}[{label!r}][{key!r}]", setting, arguments)
        return value

    def refuses(self, valid, arguments):
        wrong = [{"a": {}, "b": {key: v}} for key, domain in self.keys.items() for v in domain.refuses(0, arguments)]
        return [[], None, "a", [("a", {})], {}, {"a": 0.1}, {"a": None}, {1: {}}, {"a": {"no such": 0.1}}, *wrong]


FLAG, SEED, CALLABLE = _Flag(), _Seed(), _Callable()
REAL, POSITIVE, NONNEGATIVE = Real(), Real("(0, inf)"), Real("[0, inf)")
COUNT = Integer("[1, inf)")  # replicates, draws, samples: at least one


def domains(**declared: Domain):
    """Declare the domain of each parameter of a public function (see the module docstring).

    The checks run in the order of the declaration; the wrapped function keeps its name,
    signature and docstring, and lists the declaration as ``__domains__``. ``unchecked`` is the
    bare function, for a caller inside mctools whose own checks already cover its arguments
    (each check costs microseconds, which a map iterated for hundreds of generations pays
    at every step).
    """

    def declare(func):
        parameters = inspect.signature(func).parameters
        stray = set(declared) - set(parameters)
        if stray or any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY) for p in parameters.values()):
            raise TypeError(f"{func.__name__}: declare named parameters only, got {sorted(stray)} or *args")
        for index, (name, domain) in enumerate(declared.items()):
            undeclared = domain.depends - set(list(declared)[:index])
            if undeclared:
                raise TypeError(f"{func.__name__}: {name}'s domain names {sorted(undeclared)}: declare them before it")
        positional = [name for name, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
        defaults = {name: p.default for name, p in parameters.items() if p.default is not p.empty}
        names = frozenset(parameters)

        @functools.wraps(func)
        def checked(*args, **kwargs):
            # Bind the call as Python would, in about a microsecond (inspect.Signature.bind takes
            # seven): the defaults, then the positional arguments, then the keywords.
            arguments = {**defaults, **dict(zip(positional, args, strict=False)), **kwargs}
            repeated = kwargs and not kwargs.keys().isdisjoint(positional[: len(args)])
            if len(args) > len(positional) or arguments.keys() != names or repeated:
                return func(*args, **kwargs)  # a missing, unexpected or repeated argument: Python's own TypeError
            for name, domain in declared.items():
                arguments[name] = domain.check(name, arguments[name], arguments)
            return func(**arguments)

        checked.__domains__ = declared
        checked.unchecked = func
        return checked

    return declare
