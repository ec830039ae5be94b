"""Figure kinds the chapters draw more than once, built from layers.

* :func:`cobweb`: a one-dimensional map ``x → G(x)``, the diagonal and the walk of its orbit;
* :func:`heatmap`: a quantity over a grid of two parameters (a phase diagram);
* :func:`histogram`: bars of a histogram (read against a density curve, a :func:`lines` layer);
* :func:`pictures`: a grid of small grey-level pictures, each tinted by the class it shows.

Theory against simulation, bands, small multiples and slider views need no kind of their own:
they are :func:`figure` with :func:`lines` and :func:`points`, :func:`band`, ``panel=``, and
``frame=`` with ``control=``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np

from .._display import shown_unvalidated
from .._validate import check_integer
from ..maps import cobweb as cobweb_path
from .axes import _check_text
from .data import inline_data, numbers_array, records
from .figure import check_words, figure, titled
from .layers import Layer, _color, bar_layer, diagonal, lines, tiles
from .style import CLASS_COLORS

__all__ = ["cobweb", "heatmap", "histogram", "pictures"]


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


def pictures(
    images,
    classes,
    *,
    rows,
    columns,
    title: str,
    description: str,
    subtitle: str | list[str] | None = None,
    shown=None,
    ink=(0.0, 16.0),
    colors: Mapping | None = None,
    legend: str = "drawn as",
    column_title: str | None = None,
    size: int = 64,
) -> alt.VConcatChart:
    """A grid of small square pictures, one per (row, column), each tinted by its class.

    Pixel ``j`` of a picture with side ``s`` sits in pixel row ``j // s`` and column ``j % s``;
    its opacity grows with its value from ``ink[0]`` (blank) to ``ink[1]`` (full colour), values
    beyond are clipped, and its colour is the class the picture shows (what a generator drew).

    The grid is stored at ``size`` px per picture (JupyterLab draws that); the book shrinks the
    pictures on a narrow screen until the columns fit, never stretching them, so pixels stay
    square (``usermeta.course.fit = "cells"``, read by ``_ext/static/course-chart-fit.js``).

    Parameters
    ----------
    images : array_like, shape (len(rows), len(columns), s * s)
        The pictures, flattened row by row.
    classes : array_like of str, shape (len(rows), len(columns))
        The class each picture shows: a class of ``CLASS_COLORS`` or a key of ``colors``.
    rows, columns : sequence of str
        Distinct labels of the grid's rows (left) and columns (top).
    title, description, subtitle : str
        As for :func:`figure`: the finding, what a screen reader announces, what is drawn.
    shown : array_like of bool, shape (s * s,) or that of ``images``, optional
        The pixels drawn (a prompt hides the rest); default all.
    ink : (float, float)
        The values drawn blank and in full colour.
    colors : dict, optional
        ``{class: hex colour or class of CLASS_COLORS}`` for classes without a course colour.
    legend : str
        Title of the colour legend and of the class in the tooltips.
    column_title : str, optional
        What the columns are ("generation"), written above their labels.
    size : int
        Side of each picture in pixels, 20 to 200.

    Returns
    -------
    altair.VConcatChart
    """
    check_words(title, description, subtitle, legend)
    if legend is None:
        raise TypeError("legend must be a non-empty string (what the colours mean), got None")
    if column_title is not None:
        _check_text("column_title", column_title)
    row_names, column_names = _labels("rows", rows), _labels("columns", columns)
    grid, kinds, mask, ends = _picture_grid(images, classes, shown, ink, len(row_names), len(column_names))
    if isinstance(size, bool) or not isinstance(size, int) or not 20 <= size <= 200:
        raise ValueError(f"size must be a whole number of pixels between 20 and 200, got {size!r}")
    side = math.isqrt(grid.shape[-1])
    pixel = np.arange(side * side)
    data = [
        row
        for i, j in np.ndindex(kinds.shape)
        for row in records(
            picture=row_names[i],
            column=column_names[j],
            drawn=kinds[i, j],
            y=pixel[mask[i, j]] // side,
            x=pixel[mask[i, j]] % side,
            ink=np.clip(grid[i, j][mask[i, j]], ends[0], ends[1]),
        )
    ]
    palette = _class_colors(list(dict.fromkeys(kinds.ravel())), colors)
    cells = _picture_cells(data, side, palette, ends, legend, column_title)
    header = alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="normal")
    grid_chart = cells.properties(width=size, height=size).facet(
        row=alt.Row("picture:N", title=None, sort=row_names, header=header),
        column=alt.Column(
            "column:N",
            title=column_title or None,
            sort=column_names,
            header=alt.Header(labelFontWeight="normal", titleFontWeight="normal"),
        ),
        spacing=12,
    )
    # One view in a vconcat. The book shrinks the pictures (never stretches them) until the
    # columns fit the screen, keeping them square: the row labels take about 7 px a character
    # and their padding (the legend sits below the grid).
    reserved = 7 * max(len(name) for name in row_names) + 24
    fit = {"fit": "cells", "columns": len(column_names), "size": size, "reserved": reserved}
    chart = alt.vconcat(grid_chart).properties(
        title=titled(title, subtitle), description=description, usermeta={"course": fit}
    )
    return shown_unvalidated(chart)


def _picture_grid(images, classes, shown, ink, n_rows: int, n_cols: int):
    """:func:`pictures`' arrays, checked: pixels (rows, columns, side²), classes, mask, ink ends."""
    grid = numbers_array("images", images)
    side = math.isqrt(grid.shape[-1]) if grid.ndim == 3 else 0
    if grid.shape[:2] != (n_rows, n_cols) or grid.ndim != 3 or side * side != grid.shape[-1]:
        raise ValueError(
            f"images must have shape (len(rows), len(columns), side * side) = ({n_rows}, {n_cols}, side * side),"
            f" got {grid.shape}"
        )
    if not np.all(np.isfinite(grid)):
        raise ValueError("images must be finite pixel values, got NaN or infinity")
    kinds = np.asarray(classes, dtype=object)
    if kinds.shape != (n_rows, n_cols) or not all(isinstance(k, str) and k for k in kinds.ravel()):
        raise ValueError(
            f"classes must be class names, one per picture, shape ({n_rows}, {n_cols}), got {classes!r:.80}"
        )
    mask = np.ones(grid.shape, bool) if shown is None else np.asarray(shown)
    if mask.dtype != bool:
        raise TypeError(f"shown must be booleans (True: the pixel is drawn), got {shown!r:.80}")
    try:
        mask = np.broadcast_to(mask, grid.shape)
    except ValueError:
        raise ValueError(f"shown must have shape ({side * side},) or {grid.shape}, got {mask.shape}") from None
    ends = numbers_array("ink", ink)
    if ends.shape != (2,) or not np.all(np.isfinite(ends)) or not ends[0] < ends[1]:
        raise ValueError(f"ink must be a pair (blank, full) of finite numbers, blank < full, got {ink!r:.60}")
    return grid, kinds, mask, ends


def _picture_cells(data: list[dict], side: int, palette: dict, ends, legend: str, column_title) -> alt.Chart:
    """One picture's pixels as rectangles: colour the class drawn, opacity the ink (clipped)."""
    return (
        alt.Chart(inline_data(data))
        .mark_rect(aria=False)
        .encode(
            x=alt.X("x:O", axis=None, title="pixel column"),
            y=alt.Y("y:O", axis=None, title="pixel row", scale=alt.Scale(domain=list(range(side)))),
            color=alt.Color(
                "drawn:N",
                scale=alt.Scale(domain=list(palette), range=list(palette.values())),
                legend=alt.Legend(title=legend, symbolType="square", orient="bottom"),
            ),
            opacity=alt.Opacity(
                "ink:Q", scale=alt.Scale(domain=[float(v) for v in ends], range=[0.02, 1]), legend=None
            ),
            tooltip=[
                alt.Tooltip("picture:N", title="picture"),
                alt.Tooltip("column:N", title=column_title or "shown as"),
                alt.Tooltip("drawn:N", title=legend),
            ],
        )
    )


def _labels(name: str, labels) -> list[str]:
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a sequence of labels (strings), got {labels!r:.80}")
    labels = list(labels)
    if not labels or not all(isinstance(v, str) and v.strip() for v in labels) or len(set(labels)) != len(labels):
        raise ValueError(f"{name} must be distinct non-empty strings, at least one, got {labels!r:.80}")
    return labels


def _class_colors(names: list[str], colors: Mapping | None) -> dict[str, str]:
    """The colour of each class: ``colors`` first, then the course's class colours."""
    if colors is not None and not isinstance(colors, Mapping):
        raise TypeError(f"colors must be a dict of class name to colour, got {colors!r:.80}")
    colors = dict(colors or {})
    if unused := [k for k in colors if k not in names]:
        raise ValueError(f"colors names classes no picture shows: {unused}; classes are {names}")
    chosen = {name: CLASS_COLORS.get(name) for name in names}
    for name, value in colors.items():
        try:
            chosen[name] = _color(value)
        except ValueError:
            raise ValueError(f"colors must map to hex colours or classes of CLASS_COLORS, got {value!r:.40}") from None
    if missing := [name for name, value in chosen.items() if value is None]:
        raise ValueError(f"classes must be classes of CLASS_COLORS or keys of colors, got unknown {missing}")
    return chosen
