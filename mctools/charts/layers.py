"""The marks a figure is made of: what is drawn, not how it looks.

Each function returns a :class:`Layer`, plain rows with fixed field names (``x``, ``y``,
``y2``, ``x2``, ``series``, ``group``, ``order``, ``frame``, ``panel``, ``label``) and a few
style flags; :func:`mctools.charts.figure` turns layers into one Vega-Lite chart with shared
axes, colours, tooltips and legend. Values are numbers (NaN or infinities leave a gap) or, for
a categorical axis, strings.

Series are named by a dict ``{name: values}``; the name is what the legend and the tooltip
show, so it says what the values are ("E[σₙ]", "replace"), never how they were drawn (the
mark says that: lines for theory, dots for simulation). A layer of many unnamed paths takes
a 2-D array and one name per row (``series=["pop", "rock", ...]``).

A layer can hold one picture per *frame* (a slider or menu value): give ``frame=values`` and
arrays with a leading axis of that length; the figure's control shows one frame at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .data import numbers_array, records
from .style import CLASS_COLORS

__all__ = ["Layer", "band", "bars", "diagonal", "lines", "points", "rule", "tiles"]


@dataclass(frozen=True)
class Layer:
    """One mark of a figure: its rows and how to draw them (see the module docstring)."""

    kind: str
    rows: list[dict]
    series: tuple[str, ...] = ()
    style: dict = field(default_factory=dict)
    decorative: bool = False

    @property
    def framed(self) -> bool:
        return any("frame" in row for row in self.rows)

    @property
    def panels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row["panel"] for row in self.rows if "panel" in row))


def _check_name(name: str, value, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{name} must be a non-empty string, got {value!r:.80}")


def _frames(frame) -> np.ndarray | None:
    """The frame values (numbers for a slider, strings for a menu), or None."""
    if frame is None:
        return None
    if isinstance(frame, str | bytes) or not isinstance(frame, Sequence | np.ndarray):
        raise TypeError(f"frame must be a sequence of slider or menu values, got {frame!r:.80}")
    values = list(np.asarray(frame).ravel()) if isinstance(frame, np.ndarray) else list(frame)
    if not values:
        raise ValueError("frame must hold at least one value, got none")
    if all(isinstance(v, str) for v in values):
        if len(set(values)) != len(values):
            raise ValueError(f"frame must not repeat a value, got {values!r:.80}")
        return np.array(values, dtype=object)
    array = numbers_array("frame", values)
    if array.ndim != 1 or not np.all(np.isfinite(array)) or np.unique(array).size != array.size:
        raise ValueError(f"frame must be distinct finite numbers or distinct strings, got {values!r:.80}")
    return array


def _categories_or_numbers(name: str, value) -> np.ndarray:
    """Numbers for a continuous axis, or strings for a categorical one."""
    if isinstance(value, Sequence | np.ndarray) and not isinstance(value, str | bytes):
        values = list(np.asarray(value).ravel()) if isinstance(value, np.ndarray) else list(value)
        if values and all(isinstance(v, str) for v in values):
            return np.asarray(value, dtype=object)
    return numbers_array(name, value)


def _shaped(name: str, value, shape: tuple[int, ...], like: str = "y", *, categorical: bool = False) -> np.ndarray:
    array = _categories_or_numbers(name, value) if categorical else numbers_array(name, value)
    try:
        return np.broadcast_to(array, shape)
    except ValueError:
        raise ValueError(f"{name} and {like} must have matching shapes, got {array.shape} and {shape}") from None


def _series_table(y, series, name: str = "y") -> tuple[list[str | None], list]:
    """(one name per line, one value array per line) from a dict or an array with names."""
    if isinstance(y, Mapping):
        if series is not None:
            raise ValueError(f"series must be None when {name} is a dict (its keys name the series), got {series!r}")
        if not y:
            raise ValueError(f"{name} must name at least one series, got an empty dict")
        for key in y:
            _check_name(f"{name} keys", key)
        return list(y), [y[key] for key in y]
    if series is None or isinstance(series, str):
        _check_name("series", series, optional=True)
        return [series], [y]
    if isinstance(series, Sequence) and not isinstance(series, bytes):
        names = list(series)
        for item in names:
            _check_name("series items", item)
        values = numbers_array(name, y)
        if values.ndim < 2 or values.shape[-2] != len(names):
            raise ValueError(f"{name} must have one row per name in series ({len(names)}), got shape {values.shape}")
        return names, [values[..., i, :] for i in range(len(names))]
    raise TypeError(f"series must be a name, a list of names or None, got {series!r:.80}")


def _path_rows(
    x,
    y,
    series,
    *,
    frame,
    panel,
    extra: Mapping | None = None,
    categorical_x: bool = False,
    names: Mapping | None = None,
) -> list:
    """Rows of one or more paths (lines or point sets), each a series, over optional frames.

    ``extra`` maps more row fields (error-bar ends, bin edges) to values: a dict with the keys
    of ``y``, or one array shared by every series. ``names`` maps the row fields ``x``, ``y``
    and those of ``extra`` to the caller's parameter names, for the error messages.
    """
    called = {"x": "x", "y": "y", **(names or {})}
    name_y = called["y"]
    frames = _frames(frame)
    _check_name("panel", panel, optional=True)
    labels, values = _series_table(y, series, name_y)
    extra = {key: val for key, val in (extra or {}).items() if val is not None}
    for key, val in extra.items():
        if isinstance(val, Mapping) and list(val) != labels:
            raise ValueError(f"{called.get(key, key)} must have the same keys as {name_y}, {labels}, got {list(val)}")
    if isinstance(x, Mapping) and (missing := [n for n in labels if n not in x]):
        raise ValueError(f"{called['x']} must give the x values of every series of {name_y}, missing {missing}")
    rows: list[dict] = []
    for group, (label, ys) in enumerate(zip(labels, values, strict=True)):
        ys = numbers_array(name_y, ys)
        wanted = 1 if frames is None else 2
        if ys.ndim != wanted or (frames is not None and ys.shape[0] != frames.size):
            need = "(n,)" if frames is None else f"(len(frame), n) = ({frames.size}, n)"
            raise ValueError(f"{name_y} must have shape {need} per series, got {ys.shape}")
        columns = {"x": x[label] if isinstance(x, Mapping) else x}
        columns |= {key: val[label] if isinstance(val, Mapping) else val for key, val in extra.items()}
        shaped = {
            key: _shaped(called.get(key, key), val, ys.shape, name_y, categorical=categorical_x and key == "x")
            for key, val in columns.items()
        }
        for j in [slice(None)] if frames is None else range(frames.size):
            base = {"group": group, "order": np.arange(np.shape(ys[j])[0])}
            if label is not None:
                base["series"] = label
            if frames is not None:
                base["frame"] = frames[j]
            if panel is not None:
                base["panel"] = panel
            rows += records(y=ys[j], **{key: v[j] for key, v in shaped.items()}, **base)
    return rows


def _named(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n is not None))


def lines(
    x,
    y,
    *,
    series=None,
    frame=None,
    panel: str | None = None,
    dash: bool | Mapping = False,
    step: bool = False,
    points: bool = False,
    thin: bool = False,
    color: str | None = None,
) -> Layer:
    """Curves ``y(x)``: one line per series (theory, a median, simulated paths).

    Parameters
    ----------
    x : array_like, shape (n,) or (len(frame), n), or dict of such
        Horizontal positions, shared by every series or given per series name.
    y : dict of {str: array_like} or array_like
        ``{name: values}``; or an array with ``series`` naming it (one name, or one name per
        row of a 2-D array: many paths, names may repeat, e.g. the winner of each).
    series : str or list of str, optional
        Names for an array ``y``; None draws one unnamed line (no legend entry).
    frame : sequence, optional
        Slider (numbers) or menu (strings) values: ``y`` then has a leading axis of that length.
    panel : str, optional
        The small multiple this layer belongs to.
    dash : bool or dict
        Dashed lines (True), or ``{series: pattern}`` giving some series their own dash
        pattern in pixels (``[6, 4]`` dashed, ``[2, 2]`` dotted) to tell apart lines of one
        colour.
    step, points, thin : bool
        Steps (``step-after``); a dot on every row; a thin line.
    color : str, optional
        The colour of every line of this layer: a hex colour or a class of ``CLASS_COLORS``
        ("theory", "dog"); by default each series gets its own (see :func:`figure`).

    Returns
    -------
    Layer
    """
    for flag, value in {"step": step, "points": points, "thin": thin}.items():
        if not isinstance(value, bool):
            raise TypeError(f"{flag} must be True or False, got {value!r}")
    rows = _path_rows(x, y, series, frame=frame, panel=panel)
    if isinstance(dash, Mapping):
        names = {r.get("series") for r in rows}
        for name, pattern in dash.items():
            if name not in names:
                raise ValueError(f"dash names a series this layer does not draw: {name!r}")
            if (
                not isinstance(pattern, list | tuple)
                or len(pattern) != 2
                or not all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in pattern)
            ):
                raise ValueError(f"dash patterns must be [dash, gap] in pixels, both positive, got {pattern!r}")
        dash = {name: [float(v) for v in pattern] for name, pattern in dash.items()}
    elif not isinstance(dash, bool):
        raise TypeError(f"dash must be True, False or a dict of series to [dash, gap], got {dash!r:.60}")
    style = {"dash": dash, "step": step, "points": points, "thin": thin, "color": _color(color)}
    return Layer("line", rows, _named(r.get("series") for r in rows), style)


def points(
    x,
    y,
    *,
    series=None,
    low=None,
    high=None,
    error=None,
    frame=None,
    panel: str | None = None,
    hollow: bool = False,
    size: float | None = None,
    color: str | None = None,
) -> Layer:
    """Dots at ``(x, y)``, with error bars from ``low`` to ``high`` if given (simulations).

    Parameters
    ----------
    x, y, series, frame, panel
        As for :func:`lines`; ``x`` may be strings (a categorical axis).
    low, high : same form as ``y``, optional
        Ends of each dot's error bar.
    error : same form as ``y``, optional
        Half-width of a symmetric error bar (e.g. two standard errors): ``low = y - error``,
        ``high = y + error``.
    hollow : bool
        Open circles (e.g. unstable fixed points).
    size : float, optional
        Dot area in square pixels (default 40).
    color : str, optional
        The colour of every dot of this layer: a hex colour or a class ("simulation").

    Returns
    -------
    Layer
    """
    if (low is None) != (high is None):
        raise ValueError(f"low and high must be given together, got low={low!r:.40} and high={high!r:.40}")
    if error is not None:
        if low is not None:
            raise ValueError("error must not be given with low and high (it sets both)")
        low, high = _spread(y, error, -1), _spread(y, error, +1)
    if not isinstance(hollow, bool):
        raise TypeError(f"hollow must be True or False, got {hollow!r}")
    if size is not None:
        size = float(numbers_array("size", size))
        if not size > 0 or not np.isfinite(size):
            raise ValueError(f"size must be a positive area in square pixels, got {size!r}")
    categorical = _is_categorical(x)
    rows = _path_rows(
        x, y, series, frame=frame, panel=panel, extra={"low": low, "high": high}, categorical_x=categorical
    )
    style = {"hollow": hollow, "size": size, "errorbars": low is not None, "color": _color(color)}
    return Layer("point", rows, _named(r.get("series") for r in rows), style)


def band(
    x, low, high, *, series: str | None = None, frame=None, panel: str | None = None, color: str | None = None
) -> Layer:
    """A shaded ribbon from ``low`` to ``high`` (a quantile band, a confidence interval, an area).

    Parameters
    ----------
    x : array_like, shape (n,) or (len(frame), n)
    low, high : array_like, same shape as ``x``
        Lower and upper edges.
    series : str, optional
        What the band shows, for the legend (e.g. "10–90% of chains").
    frame, panel
        As for :func:`lines`.
    color : str, optional
        Its colour: a hex colour or a class ("specialist").

    Returns
    -------
    Layer
    """
    _check_name("series", series, optional=True)
    if high is None:
        raise TypeError("high must be the upper edges of the band (numbers), got None")
    rows = _path_rows(x, low, series, frame=frame, panel=panel, extra={"y2": high}, names={"y": "low", "y2": "high"})
    return Layer("band", rows, _named([series]), {"color": _color(color)})


def bars(
    x,
    y,
    *,
    series=None,
    x2=None,
    frame=None,
    panel: str | None = None,
    horizontal: bool = False,
) -> Layer:
    """Bars of height ``y`` at categories ``x`` (stacked by series), or histogram bins ``[x, x2)``.

    Parameters
    ----------
    x : array_like of str or numbers
        Categories (strings), or the left edges of bins (numbers, with ``x2``).
    y : dict of {str: array_like} or array_like
        Heights, per series (stacked in the order given) or one unnamed set.
    series, frame, panel
        As for :func:`lines`.
    x2 : array_like, optional
        Right edges of the bins (a histogram); then ``x`` must be numbers.
    horizontal : bool
        Categories down the side, bars running across (stacked to 100%).

    Returns
    -------
    Layer
    """
    if not isinstance(horizontal, bool):
        raise TypeError(f"horizontal must be True or False, got {horizontal!r}")
    categorical = _is_categorical(x)
    if categorical == (x2 is not None):
        raise ValueError("bars need either category names in x, or bin edges x (numbers) and x2")
    return bar_layer(x, y, series=series, x2=x2, frame=frame, panel=panel, horizontal=horizontal)


def bar_layer(x, y, *, series, x2, frame, panel, horizontal: bool = False, names: Mapping | None = None) -> Layer:
    """The layer of :func:`bars` (and :func:`~mctools.charts.kinds.histogram`), arguments checked."""
    categorical = x2 is None
    rows = _path_rows(x, y, series, frame=frame, panel=panel, extra={"x2": x2}, categorical_x=categorical, names=names)
    return Layer("bar", rows, _named(r.get("series") for r in rows), {"horizontal": horizontal})


def tiles(x, y, value, *, x2=None, y2=None, panel: str | None = None) -> Layer:
    """A heatmap: one tile per ``(x, y)`` cell coloured by ``value`` (a phase diagram).

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Cell positions: categories (strings or numbers read as categories) or, with ``x2`` and
        ``y2``, the lower edges of cells on continuous axes.
    value : array_like, shape (n,)
        The colour of each cell.
    x2, y2 : array_like, shape (n,), optional
        Upper cell edges (continuous axes; e.g. a log-spaced grid).
    panel : str, optional
        As for :func:`lines`.

    Returns
    -------
    Layer
    """
    _check_name("panel", panel, optional=True)
    values = numbers_array("value", value)
    if values.ndim != 1:
        raise ValueError(f"value must be one-dimensional (one entry per cell), got shape {values.shape}")
    if (x2 is None) != (y2 is None):
        raise ValueError("x2 and y2 must be given together (cells with edges on both axes)")
    cols = {
        "x": _shaped("x", _categories_or_numbers("x", x), values.shape, categorical=True),
        "y": _shaped("y", _categories_or_numbers("y", y), values.shape, categorical=True),
        "value": values,
    }
    if x2 is not None:
        cols |= {"x2": _shaped("x2", x2, values.shape), "y2": _shaped("y2", y2, values.shape)}
    rows = records(**cols, **({} if panel is None else {"panel": panel}))
    return Layer("tile", rows, (), {"binned": x2 is not None})


def rule(*, x=None, y=None, label: str | None = None, frame=None, panel: str | None = None) -> Layer:
    """A dashed reference line at ``x`` (vertical) or ``y`` (horizontal): a threshold, a bound.

    A guide, not data: grey, no legend entry; ``label`` writes what it marks beside it.

    Parameters
    ----------
    x, y : float or array_like
        Its position; one per frame with ``frame``, or several lines at once.
    label : str, optional
        Short text drawn at the line (e.g. "λc = 0.32").
    frame, panel
        As for :func:`lines`.

    Returns
    -------
    Layer
    """
    if (x is None) == (y is None):
        raise ValueError("rule needs exactly one of x (a vertical line) or y (a horizontal one)")
    _check_name("label", label, optional=True)
    _check_name("panel", panel, optional=True)
    frames = _frames(frame)
    axis, where = ("x", x) if x is not None else ("y", y)
    positions = numbers_array(axis, where).ravel()
    if frames is not None and positions.size != frames.size:
        raise ValueError(f"{axis} must give one position per frame ({frames.size}), got {positions.size}")
    cols = {axis: positions}
    if frames is not None:
        cols["frame"] = frames
    if label is not None:
        cols["label"] = label
    rows = records(**cols, **({} if panel is None else {"panel": panel}))
    return Layer("rule", rows, (), {"axis": axis}, decorative=True)


def diagonal(low: float = 0.0, high: float = 1.0, *, panel: str | None = None) -> Layer:
    """The line ``y = x`` from ``low`` to ``high``: no drift, awards = proposals (a guide)."""
    ends = numbers_array("low and high", [low, high])
    if not np.all(np.isfinite(ends)) or not ends[0] < ends[1]:
        raise ValueError(f"low must be finite and below high, got low={low!r} and high={high!r}")
    rows = _path_rows(ends, ends, None, frame=None, panel=panel)
    return Layer("line", rows, (), {"dash": True, "thin": True, "color": None}, decorative=True)


def _spread(y, error, sign: int):
    """``y + sign * error``, series by series (``error`` has the form of ``y``)."""
    if isinstance(y, Mapping):
        if not isinstance(error, Mapping) or list(error) != list(y):
            raise ValueError(f"error must have the same keys as y, {list(y)}, got {error!r:.60}")
        return {k: numbers_array("y", y[k]) + sign * _half_width(error[k]) for k in y}
    return numbers_array("y", y) + sign * _half_width(error)


def _half_width(error) -> np.ndarray:
    width = numbers_array("error", error)
    if np.any(width < 0):
        raise ValueError(f"error must be a non-negative half-width, got {error!r:.60}")
    return width


def _is_categorical(x) -> bool:
    if isinstance(x, Mapping):
        return any(_is_categorical(v) for v in x.values())
    if isinstance(x, Sequence | np.ndarray) and not isinstance(x, str | bytes):
        flat = list(np.asarray(x, dtype=object).ravel())
        return bool(flat) and all(isinstance(v, str) for v in flat)
    return False


def _color(color) -> str | None:
    """A hex colour, or the colour of a class of ``CLASS_COLORS`` named instead."""
    if color is None:
        return None
    if isinstance(color, str) and color in CLASS_COLORS:
        return CLASS_COLORS[color]
    if not isinstance(color, str) or len(color) != 7 or not color.startswith("#"):
        raise ValueError(f"color must be a hex colour such as '#000000' or a class of CLASS_COLORS, got {color!r:.40}")
    try:
        int(color[1:], 16)
    except ValueError:
        raise ValueError(f"color must be a hex colour such as '#000000', got {color!r:.40}") from None
    return color
