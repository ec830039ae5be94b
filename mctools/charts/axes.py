"""Axes: what each measures (a title with units) and how its scale and ticks are drawn.

:func:`axis` describes one for :func:`~mctools.charts.figure`; the helpers turn it into the
Vega-Lite position and tooltip encodings every mark shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt

from .data import CANONICAL_DIGITS, rounded

__all__ = ["Axis", "axis"]

SCALES = ("linear", "log", "sqrt")


@dataclass(frozen=True)
class Axis:
    """An axis: its title (with units) and, optionally, how its scale and ticks are drawn."""

    title: str | None
    scale: str = "linear"
    domain: tuple | None = None
    format: str | None = None
    ticks: tuple | None = None
    zero: bool | None = None
    reverse: bool = False
    label_angle: float | None = None


def axis(
    title: str | None,
    *,
    scale: str = "linear",
    domain=None,
    format: str | None = None,
    ticks=None,
    zero: bool | None = None,
    reverse: bool = False,
    label_angle: float | None = None,
) -> Axis:
    """Describe an axis for :func:`figure` (a plain string gives just the title).

    Parameters
    ----------
    title : str or None
        What the axis measures, with its unit ("share of dogs, π"; "delay (years, log scale)");
        None only for the y axis of small multiples with ``independent_y``, whose panel
        titles name what each shows.
    scale : {"linear", "log", "sqrt"}
    domain : (float, float), optional
        Fixed ends of the axis; data beyond them are clipped.
    format : str, optional
        d3 number format of the tick labels and tooltips (".0%", ".2f", ",").
    ticks : sequence of float, optional
        Explicit tick positions.
    zero : bool, optional
        Whether a linear axis must include zero (Vega-Lite's default: yes for bars).
    reverse : bool
        Largest value first (top of a categorical y axis).
    label_angle : float, optional
        Rotation of the tick labels in degrees (e.g. -45 for long category names).

    Returns
    -------
    Axis
    """
    if title is not None:
        _check_text("title", title)
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    if domain is not None:
        if isinstance(domain, str | bytes) or not isinstance(domain, Sequence) or len(domain) != 2:
            raise ValueError(f"domain must be a pair (low, high), got {domain!r:.60}")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in domain) or not domain[0] < domain[1]:
            raise ValueError(f"domain must be two numbers, low < high, got {domain!r:.60}")
        if scale == "log" and domain[0] <= 0:
            raise ValueError(f"domain of a log axis must be positive, got {domain!r}")
        domain = tuple(rounded(float(v), CANONICAL_DIGITS) for v in domain)  # the same on every CPU
    if format is not None:
        _check_text("format", format)
    if ticks is not None:
        if isinstance(ticks, str | bytes) or not isinstance(ticks, Sequence) or not ticks:
            raise TypeError(f"ticks must be a sequence of numbers, got {ticks!r:.60}")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in ticks):
            raise TypeError(f"ticks must be a sequence of numbers, got {ticks!r:.60}")
        ticks = tuple(ticks)
    if zero is not None and not isinstance(zero, bool):
        raise TypeError(f"zero must be True, False or None (Vega-Lite's default), got {zero!r}")
    if not isinstance(reverse, bool):
        raise TypeError(f"reverse must be True or False, got {reverse!r}")
    if label_angle is not None and (isinstance(label_angle, bool) or not isinstance(label_angle, int | float)):
        raise TypeError(f"label_angle must be a number of degrees, got {label_angle!r}")
    return Axis(title, scale, domain, format, ticks, zero, reverse, label_angle)


def _check_text(name: str, value, *, lines: bool = False) -> None:
    """A non-empty string (or, with ``lines``, a non-empty list of them)."""
    items = value if lines and isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item.strip() for item in items):
        kind = "a non-empty string or a list of them" if lines else "a non-empty string"
        raise TypeError(f"{name} must be {kind}, got {value!r:.80}")


def _as_axis(name: str, value) -> Axis:
    if isinstance(value, Axis):
        return value
    if isinstance(value, str) and value.strip():
        return Axis(value)
    raise TypeError(f"{name} must be an axis title (str) or charts.axis(...), got {value!r:.80}")


def _scale(ax: Axis, categorical: bool) -> alt.Scale | type[alt.Undefined]:
    if categorical:
        return alt.Scale(reverse=True) if ax.reverse else alt.Undefined
    options = {}
    if ax.scale != "linear":
        options["type"] = ax.scale
    if ax.domain is not None:
        options |= {"domain": list(ax.domain), "nice": False}
    if ax.zero is not None:
        options["zero"] = ax.zero
    if ax.reverse:
        options["reverse"] = True
    return alt.Scale(**options) if options else alt.Undefined


def _position(
    channel: str,
    field: str,
    ax: Axis,
    categorical: bool,
    order: list | None,
    *,
    titled: bool = True,
):
    """The x or y encoding of ``field`` with the figure's axis title, scale and ticks."""
    cls = {"x": alt.X, "y": alt.Y}[channel]
    axis_options = {}
    if ax.format is not None:
        axis_options["format"] = ax.format
    if ax.ticks is not None:
        axis_options["values"] = list(ax.ticks)
    if categorical:  # drop every other label where they would collide (a narrow screen)
        axis_options |= {"labelOverlap": "parity"} | ({"labelAngle": 0} if channel == "x" else {})
    if ax.label_angle is not None:
        axis_options["labelAngle"] = ax.label_angle
    kind = "N" if categorical else "Q"
    return cls(
        f"{field}:{kind}",
        title=ax.title if titled else None,
        scale=_scale(ax, categorical),
        sort=order if categorical and order else alt.Undefined,
        axis=alt.Axis(**axis_options) if axis_options else alt.Undefined,
    )


def _tooltip(field: str, title: str | None, ax: Axis | None = None, categorical: bool = False) -> alt.Tooltip:
    title = title or "value"
    if categorical or ax is None:
        return alt.Tooltip(f"{field}:N", title=title)
    return alt.Tooltip(f"{field}:Q", title=title, format=ax.format or ".4~g")
