"""Figure kinds the chapters draw more than once, built from layers.

* :func:`cobweb`: a one-dimensional map ``x → G(x)``, the diagonal and the walk of its orbit;
* :func:`heatmap`: a quantity over a grid of two parameters (a phase diagram);
* :func:`histogram`: bars of a histogram (read against a density curve, a :func:`lines` layer).

Theory against simulation, bands, small multiples and slider views need no kind of their own:
they are :func:`figure` with :func:`lines` and :func:`points`, :func:`band`, ``panel=``, and
``frame=`` with ``control=``.
"""

from __future__ import annotations

import functools

import numpy as np

from .._validate import check_integer
from ..maps import cobweb as cobweb_path
from .data import numbers_array
from .figure import figure
from .layers import Layer, bar_layer, diagonal, lines, tiles

__all__ = ["cobweb", "heatmap", "histogram"]


def cobweb(
    step,
    start,
    steps: int,
    *extra: Layer,
    curve_name: str,
    walk_name: str,
    domain=(0.0, 1.0),
    frame=None,
    color: str | None = None,
    height: int = 360,
    **options,
):
    r"""Cobweb diagram of :math:`x_{n+1} = G(x_n)`: the map, the diagonal and the orbit's walk.

    The walk goes up to the curve and across to the diagonal, ``steps`` times from ``start``
    (:func:`mctools.cobweb`); with ``frame`` there is one picture per slider value ``v``.

    Parameters
    ----------
    step : callable
        The map :math:`G`, vectorised: ``step(x)``, or ``step(x, v)`` with ``frame``.
    start : float or array_like, shape (len(frame),)
        Where the walk starts (one start per frame, or one for all).
    steps : int
        Generations walked, at least 1.
    *extra : Layer
        More layers drawn on top (e.g. a :func:`rule`).
    curve_name, walk_name : str
        Legend names of the map and of the walk (black, unless ``colors`` says otherwise).
    domain : (float, float)
        The interval the map is drawn on (81 points).
    frame : sequence of float, optional
        Slider values (then give ``control=``).
    color : str, optional
        Colour of the map: a hex colour or a class ("dog").
    height : int
        Plot height in pixels (the plot is about as wide: the diagonal at 45°).
    **options
        Passed to :func:`figure` (``title``, ``description``, ``x``, ``y``, ``control``, ...).

    Returns
    -------
    altair.LayerChart
    """
    if not callable(step):
        raise TypeError(f"step must be the map G, a callable, got {step!r:.80}")
    for name, text in {"curve_name": curve_name, "walk_name": walk_name}.items():
        if not isinstance(text, str) or not text.strip():
            raise TypeError(f"{name} must be a non-empty string, got {text!r:.80}")
    _check_extra(extra)
    steps = check_integer("steps", steps, lower=1)
    ends = numbers_array("domain", domain)
    if ends.shape != (2,) or not np.all(np.isfinite(ends)) or not ends[0] < ends[1]:
        raise ValueError(f"domain must be a pair (low, high) of finite numbers, low < high, got {domain!r:.60}")
    grid = np.linspace(ends[0], ends[1], 81)
    values = [None] if frame is None else list(_numeric_frames(frame))
    starts = numbers_array("start", start)
    if starts.ndim > 1 or starts.size not in (1, len(values)) or not np.all(np.isfinite(starts)):
        raise ValueError(f"start must be one finite number, or one per frame ({len(values)}), got {start!r:.80}")
    starts = np.broadcast_to(starts.ravel(), (len(values),))
    maps = [step if v is None else functools.partial(_at, step, v) for v in values]
    curve = np.stack([m(grid) for m in maps])
    walks = np.stack([cobweb_path(m, float(x0), steps) for m, x0 in zip(maps, starts, strict=True)], axis=1)
    if frame is None:
        curve, walks = curve[0], walks[:, 0]
    return figure(
        diagonal(ends[0], ends[1]),
        lines(grid, {curve_name: curve}, frame=frame, color=color),
        lines(walks[0], {walk_name: walks[1]}, frame=frame, points=True, thin=True, color="#000000"),
        *extra,
        height=height,
        **options,
    )


def _at(step, value, x):
    return step(x, value)


def _numeric_frames(frame) -> np.ndarray:
    """Slider values: distinct finite numbers, at least one."""
    if isinstance(frame, str | bytes):
        raise TypeError(f"frame must be slider values (numbers), got {frame!r:.80}")
    values = numbers_array("frame", frame)
    if values.ndim != 1 or not np.all(np.isfinite(values)) or np.unique(values).size != values.size:
        raise ValueError(f"frame must be distinct finite numbers, got {frame!r:.80}")
    return values


def _check_extra(extra) -> None:
    for layer in extra:
        if not isinstance(layer, Layer):
            raise TypeError(f"extra layers must be charts layers (charts.rule, charts.lines, ...), got {layer!r:.80}")


def heatmap(columns, rows, values, *extra: Layer, column_format: str = "{:g}", row_format: str = "{:g}", **options):
    """A quantity over a grid of two parameters, one coloured cell per pair (a phase diagram).

    Cells are categories labelled by the grid values (formatted with ``column_format`` and
    ``row_format``); for a grid that is not evenly spaced (log-spaced, say) give ``columns``
    and ``rows`` as cell *edges*, one more than the cells, and the axes are continuous.

    Parameters
    ----------
    columns : array_like, shape (nx,) or (nx + 1,)
        The parameter along x: one value per column of ``values``, or the column edges.
    rows : array_like, shape (ny,) or (ny + 1,)
        The parameter along y: one value per row, or the row edges.
    values : array_like, shape (ny, nx)
        The quantity in each cell.
    *extra : Layer
        Layers drawn on top (a :func:`rule` marking a threshold; continuous axes only).
    column_format, row_format : str
        Python format of the cell labels on categorical axes, e.g. ``"{:.2f}"``.
    **options
        Passed to :func:`figure` (``title``, ``description``, ``x``, ``y``, ``color_axis``,
        ``scheme``, ...).

    Returns
    -------
    altair.LayerChart
    """
    _check_extra(extra)
    fx, fy = _formatter("column_format", column_format), _formatter("row_format", row_format)
    grid = numbers_array("values", values)
    xs, ys = numbers_array("columns", columns), numbers_array("rows", rows)
    if grid.ndim != 2 or xs.ndim != 1 or ys.ndim != 1:
        shapes = f"{grid.shape}, {xs.shape}, {ys.shape}"
        raise ValueError(f"values must be 2-D (rows, columns) with 1-D columns and rows, got shapes {shapes}")
    n_rows, n_cols = grid.shape
    if (xs.size, ys.size) == (n_cols + 1, n_rows + 1):
        lo_x, lo_y = np.meshgrid(xs[:-1], ys[:-1])
        hi_x, hi_y = np.meshgrid(xs[1:], ys[1:])
        cells = tiles(lo_x.ravel(), lo_y.ravel(), grid.ravel(), x2=hi_x.ravel(), y2=hi_y.ravel())
    elif (xs.size, ys.size) == (n_cols, n_rows):
        cx, cy = np.meshgrid([fx(v) for v in xs], [fy(v) for v in ys])
        cells = tiles(cx.ravel().tolist(), cy.ravel().tolist(), grid.ravel())
        if extra:
            raise ValueError("extra layers need continuous axes: columns and rows must be the cell edges of values")
    else:
        raise ValueError(
            f"columns and rows must give one value (or one edge more) per column and row of values {grid.shape},"
            f" got {xs.size} and {ys.size}"
        )
    return figure(cells, *extra, **options)


def _formatter(name: str, pattern: str):
    if not isinstance(pattern, str):
        raise TypeError(f"{name} must be a format for one number, such as '{{:.2f}}', got {pattern!r}")
    try:
        pattern.format(0.5)
    except (ValueError, IndexError, KeyError):
        raise ValueError(f"{name} must be a format for one number, such as '{{:.2f}}', got {pattern!r}") from None
    return pattern.format


def histogram(edges, heights, *, series=None, frame=None, panel: str | None = None) -> Layer:
    """Bars of a histogram: bin ``[edges[i], edges[i+1])`` with height ``heights[i]``.

    Parameters
    ----------
    edges : array_like, shape (k + 1,)
        Bin edges, increasing.
    heights : dict of {str: array_like} or array_like, shape (k,) or (len(frame), k)
        Bar heights (counts or densities), per series (e.g. the majority class of the bin).
    series, frame, panel
        As for :func:`lines`.

    Returns
    -------
    Layer
    """
    edge = numbers_array("edges", edges)
    if edge.ndim != 1 or edge.size < 2 or not np.all(np.diff(edge) > 0):
        raise ValueError(f"edges must be increasing bin edges, at least two, got {edges!r:.80}")
    names = {"x": "edges", "x2": "edges", "y": "heights"}
    return bar_layer(edge[:-1], heights, x2=edge[1:], series=series, frame=frame, panel=panel, names=names)
