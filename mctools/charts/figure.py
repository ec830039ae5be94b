"""Assemble layers into one chart: title, axes, colours, legend, tooltips, description, size.

:func:`figure` is where every chart of the book gets the same reading aids:

* a title that states the finding and a subtitle that says what is drawn;
* axis titles (with units) that also title the tooltips;
* one colour per named series, the class colour where there is one (:data:`CLASS_COLORS`),
  and a legend whenever two or more series are named, whose glyph shows how each series is
  drawn (a line, a dashed line, a dot, a shaded band);
* a tooltip on every data mark (lines get invisible hover dots, since a line's own tooltip
  would show one arbitrary row);
* a ``description`` that screen readers announce for the chart, while every mark is hidden
  from the accessibility tree (``aria: false``), so a chart is not read as hundreds of points;
* a size that follows the page: the stored specification has a fixed size, which JupyterLab
  draws (its renderer hangs on ``width: "container"``), and declares in ``usermeta`` how the
  book's drawing script (``_ext/static/course-chart-fit.js``) fits it to the column, or to a
  phone, where small multiples wrap into fewer columns.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Mapping, Sequence

import altair as alt

from .._display import shown_unvalidated
from .axes import Axis, _as_axis, _check_text
from .data import inline_data
from .layers import Layer
from .marks import _Context, _marks
from .palette import _legend, _legend_entry_width, _palette
from .style import (
    AXIS_ALLOWANCE,
    DESKTOP,
    HEIGHT,
    MIN_PANEL,
    PANEL_GAP,
    PANEL_HEIGHT,
    WIDTH,
)

__all__ = ["figure"]

# About 600 px of text: a title at 15 px bold, a subtitle at 12 px.
TITLE_CHARACTERS, SUBTITLE_CHARACTERS = 72, 95


def figure(
    *layers: Layer,
    title: str,
    description: str,
    x,
    y=None,
    subtitle: str | list[str] | None = None,
    legend: str | None = None,
    colors: Mapping | None = None,
    ordered: bool = False,
    control: alt.Parameter | None = None,
    columns: int | None = None,
    independent_y: bool = False,
    color_axis: Axis | None = None,
    scheme: str = "viridis",
    width: int | None = None,
    height: int | None = None,
) -> alt.LayerChart | alt.ConcatChart:
    """One chart from its layers (see the module docstring for what every chart gets).

    Parameters
    ----------
    *layers : Layer
        What is drawn, bottom first (:func:`lines`, :func:`points`, :func:`band`, ...).
    title : str
        The finding, as a sentence ("Accumulating data bounds the damage").
    description : str
        What a screen reader announces: what the chart shows and what it finds, in words.
    x, y : str or Axis
        Axis titles with units, or :func:`axis` for log scales, fixed ends, formats and ticks;
        ``y`` may be None for small multiples with ``independent_y`` (panel titles name them).
    subtitle : str or list of str, optional
        What is drawn and how (model, sample sizes, "lines: theory; dots: simulation").
    legend : str, optional
        Title of the legend (shown when two or more series are named).
    colors : dict, optional
        ``{series: hex colour or class name}``; otherwise a layer's ``color``, then the class
        colour of a series named after a class, then the course's series colours in order.
    ordered : bool
        The unnamed-class series are ordered (sizes, temperatures): colour them dark to light.
    control : altair.Parameter, optional
        A :func:`slider` or :func:`menu`; layers made with ``frame=`` show the chosen frame.
    columns : int, optional
        Small multiples: panels per row on a wide screen (layers made with ``panel=``); they
        wrap into fewer columns on a narrow one. Default: all panels in one row, up to 3.
    independent_y : bool
        Each panel gets its own y scale (panels showing different quantities).
    color_axis : Axis, optional
        Title (and domain, format) of the colour scale of :func:`tiles`.
    scheme : str
        Vega colour scheme of :func:`tiles` (default ``"viridis"``).
    width, height : int, optional
        Plot size in pixels on a wide screen (per panel for small multiples).

    Returns
    -------
    altair.LayerChart or altair.ConcatChart
    """
    panels = _check_figure(
        layers,
        title,
        description,
        subtitle,
        legend,
        ordered,
        control,
        columns,
        independent_y,
        scheme,
        width,
        height,
    )
    x_axis, y_axis = _as_axis("x", x), (Axis(None) if y is None else _as_axis("y", y))
    if y_axis.title is None and not independent_y:
        raise TypeError("y must be an axis title (str) or charts.axis(...); only independent_y panels may omit it")
    if x_axis.title is None:
        raise TypeError("x must have a title")
    color_axis = None if color_axis is None else _as_axis("color_axis", color_axis)
    palette = _palette(layers, colors, ordered)
    legend_def = _legend(palette, legend)
    horizontal = any(layer.kind == "bar" and layer.style.get("horizontal") for layer in layers)
    grid = any(layer.kind == "tile" and not layer.style.get("binned") for layer in layers)
    x_cat = grid or (_categorical(layers, "x") and not horizontal)
    context = _Context(x_axis, y_axis, x_cat, grid or horizontal, palette, legend_def, legend or "series", control,
                       color_axis, scheme, _category_order(layers, "x"), _category_order(layers, "y"))  # fmt: skip
    rows = [{**row, "layer": index} for index, layer in enumerate(layers) for row in layer.rows]
    title_def = titled(title, subtitle)
    fit: dict = {"fit": "x"}
    if palette.names and legend_def is not None:
        fit["legendEntry"] = _legend_entry_width(palette.names)
    if not panels:
        marks = [m for index, layer in enumerate(layers) for m in _marks(layer, index, context)]
        chart = alt.layer(*marks, data=inline_data(rows))
        if control is not None:
            chart = chart.add_params(control)
        size = {"width": width or WIDTH, "height": height or HEIGHT}
        chart = chart.properties(**size, title=title_def, description=description, usermeta={"course": fit})
        return shown_unvalidated(chart)
    chart, fit = _small_multiples(layers, panels, context, rows, fit, columns, independent_y, width, height)
    if control is not None:
        chart = chart.add_params(control)
    return shown_unvalidated(chart.properties(title=title_def, description=description, usermeta={"course": fit}))


def _small_multiples(layers, panels, context, rows, fit, columns, independent_y, width, height):
    """One layered chart per panel, holding that panel's layers and the guides without a panel.

    A concatenation, not a facet: in a facet every layer would be drawn in every panel, most of
    them empty (Vega warns of an infinite extent for each). Returns the chart and its fit.
    """
    columns = columns or min(len(panels), 3)
    panel_width = width or int((DESKTOP - columns * AXIS_ALLOWANCE - (columns - 1) * PANEL_GAP) / columns)
    fit = fit | {
        "fit": "panels",
        "columns": columns,
        "minWidth": MIN_PANEL,
        "independentY": independent_y,
    }
    heading = {"anchor": "start", "fontSize": 13, "fontWeight": "bold", "offset": 6}
    untitled = dataclasses.replace(context, y_titled=False)  # a shared y axis is titled once
    charts = []
    for number, panel in enumerate(panels):
        ctx = untitled if number and not independent_y else context
        marks = [
            m
            for index, layer in enumerate(layers)
            if panel in layer.panels or not layer.panels
            for m in _marks(layer, index, ctx)
        ]
        view = alt.layer(*marks).properties(
            width=panel_width,
            height=height or PANEL_HEIGHT,
            title=alt.Title(panel, **heading),
        )
        charts.append(view)
    chart = alt.concat(*charts, columns=columns, spacing=PANEL_GAP, data=inline_data(rows))
    return chart.resolve_scale(x="shared", y="independent" if independent_y else "shared"), fit


def _lines(text: str | list[str], width: int) -> str | list[str]:
    """``text`` wrapped into lines of at most ``width`` characters (one line stays a string).

    Vega draws a title on one line however long it is. Wrapped here, a title fits the column
    wherever the stored specification is drawn (JupyterLab); the book re-wraps it to the screen.
    """
    items = [text] if isinstance(text, str) else list(text)
    lines = [line for item in items for line in textwrap.wrap(item, width, break_on_hyphens=False) or [item]]
    return lines[0] if len(lines) == 1 else lines


def _check_figure(
    layers,
    title,
    description,
    subtitle,
    legend,
    ordered,
    control,
    columns,
    independent_y,
    scheme,
    width,
    height,
) -> list[str]:
    """Refuse bad arguments of :func:`figure` by name; return the panels (small multiples)."""
    _check_layers(layers)
    check_words(title, description, subtitle, legend)
    for name, flag in {"ordered": ordered, "independent_y": independent_y}.items():
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {flag!r}")
    if not isinstance(scheme, str) or not scheme:
        raise TypeError(f"scheme must be the name of a Vega colour scheme, got {scheme!r}")
    framed = [layer for layer in layers if layer.framed]
    if control is not None and not framed:
        raise ValueError("control needs at least one layer made with frame= (the precomputed pictures)")
    if control is None and framed:
        raise ValueError("layers made with frame= need control= (a charts.slider or charts.menu)")
    panels = list(dict.fromkeys(p for layer in layers for p in layer.panels))
    if panels and any(not layer.panels and not layer.decorative for layer in layers):
        raise ValueError("in small multiples every data layer needs panel=")
    if columns is not None and (isinstance(columns, bool) or not isinstance(columns, int) or columns < 1):
        raise ValueError(f"columns must be a positive integer, got {columns!r}")
    if columns is not None and not panels:
        raise ValueError("columns applies to small multiples: give the layers panel=")
    for name, size in {"width": width, "height": height}.items():
        if size is not None and (isinstance(size, bool) or not isinstance(size, int) or not 50 <= size <= 1200):
            raise ValueError(f"{name} must be a whole number of pixels between 50 and 1200, got {size!r}")
    return panels


def check_words(title, description, subtitle=None, legend=None) -> None:
    """Refuse by name a missing title, a description too short to state a finding, bad text."""
    _check_text("title", title)
    _check_text("description", description)
    if len(description.strip()) < 40:
        raise ValueError(f"description must say what the chart shows and finds (40+ characters), got {description!r}")
    if subtitle is not None:
        _check_text("subtitle", subtitle, lines=True)
    if legend is not None:
        _check_text("legend", legend)


def titled(title: str, subtitle: str | list[str] | None) -> alt.Title:
    """The chart title, wrapped to the column as JupyterLab draws it (see :func:`_lines`)."""
    return alt.Title(
        _lines(title, TITLE_CHARACTERS),
        subtitle=alt.Undefined if subtitle is None else _lines(subtitle, SUBTITLE_CHARACTERS),
    )


def _check_layers(layers) -> None:
    if not layers:
        raise ValueError("layers must hold at least one layer (charts.lines, charts.points, ...), got none")
    for layer in layers:
        if not isinstance(layer, Layer):
            raise TypeError(f"layers must be charts layers (charts.lines, charts.points, ...), got {layer!r:.80}")
    if all(layer.decorative for layer in layers):
        raise ValueError("layers must hold at least one data layer, not only guides (rule, diagonal)")


def _categorical(layers: Sequence[Layer], field: str) -> bool:
    return any(isinstance(row.get(field), str) for layer in layers for row in layer.rows)


def _category_order(layers: Sequence[Layer], field: str) -> list:
    values = [row[field] for layer in layers for row in layer.rows if field in row]
    return list(dict.fromkeys(values)) if any(isinstance(v, str) for v in values) else []
