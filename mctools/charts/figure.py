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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt

from .controls import frame_filter
from .layers import Layer
from .style import CLASS_COLORS, NEUTRAL, SERIES_COLORS, SUBTITLE_SIZE, ordered_colors

__all__ = ["Axis", "axis", "figure"]

WIDTH, HEIGHT, PANEL_HEIGHT = 480, 300, 200
DESKTOP = 620  # px the book's column leaves a chart, axes and legend included
AXIS_ALLOWANCE, PANEL_GAP, MIN_PANEL = 60, 16, 150
SCALES = ("linear", "log", "sqrt")
DASH, SOLID = [6, 4], [1, 0]


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
        domain = tuple(float(v) for v in domain)
    if format is not None:
        _check_text("format", format)
    if ticks is not None:
        if isinstance(ticks, str | bytes) or not isinstance(ticks, Sequence) or not ticks:
            raise TypeError(f"ticks must be a sequence of numbers, got {ticks!r:.60}")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in ticks):
            raise TypeError(f"ticks must be a sequence of numbers, got {ticks!r:.60}")
        ticks = tuple(ticks)
    for name, flag in {"zero": zero, "reverse": reverse}.items():
        if flag is not None and not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {flag!r}")
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


def _position(channel: str, field: str, ax: Axis, categorical: bool, order: list | None, *, titled: bool = True):
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


@dataclass(frozen=True)
class _Palette:
    """Colour, dash and legend glyph of every named series."""

    names: list[str]
    colors: list[str]
    dashes: list[list[int]]
    glyphs: list[str]


def _palette(layers: Sequence[Layer], colors: Mapping | None, ordered: bool) -> _Palette:
    names = list(dict.fromkeys(n for layer in layers for n in layer.series))
    chosen: dict[str, str] = {}
    if colors is not None:
        if not isinstance(colors, Mapping):
            raise TypeError(f"colors must be a dict of series name to colour, got {colors!r:.80}")
        for name, value in colors.items():
            if name not in names:
                raise ValueError(f"colors names a series that no layer draws: {name!r}; series are {names}")
            if isinstance(value, str) and value in CLASS_COLORS:
                value = CLASS_COLORS[value]
            if not (isinstance(value, str) and len(value) == 7 and value.startswith("#")):
                raise ValueError(f"colors must map to a hex colour or a class of CLASS_COLORS, got {value!r}")
            chosen[name] = value
    for name in names:
        if name not in chosen and name in CLASS_COLORS:
            chosen[name] = CLASS_COLORS[name]
    rest = [n for n in names if n not in chosen]
    if ordered and rest:
        chosen |= dict(zip(rest, ordered_colors(len(rest)), strict=True))
    else:
        free = [c for c in SERIES_COLORS if c not in chosen.values()] or list(SERIES_COLORS)
        chosen |= {n: free[i % len(free)] for i, n in enumerate(rest)}
    dashed = {n for layer in layers if layer.kind == "line" and layer.style.get("dash") for n in layer.series}

    def glyph(name: str) -> str:
        kinds = {layer.kind for layer in layers if name in layer.series}
        return "stroke" if "line" in kinds else "square" if kinds & {"band", "bar"} else "circle"

    return _Palette(
        names, [chosen[n] for n in names], [DASH if n in dashed else SOLID for n in names], [glyph(n) for n in names]
    )


def _legend(palette: _Palette, title: str | None) -> alt.Legend | None:
    if len(palette.names) < 2:
        return None
    glyphs = dict(zip(palette.names, palette.glyphs, strict=True))
    if len(set(glyphs.values())) == 1:
        symbol = next(iter(glyphs.values()))
    else:  # one glyph per entry: Vega evaluates the expression for each legend item
        cases = " : ".join(f"datum.value === {_js(n)} ? '{g}'" for n, g in glyphs.items())
        symbol = {"expr": f"{cases} : 'circle'"}
    return alt.Legend(
        title=title,
        symbolType=symbol,
        symbolStrokeWidth=2.5,
        symbolSize=90,
        columns=_legend_columns(palette.names, title),
    )


def _legend_entry_width(names: Sequence[str]) -> int:
    """Pixels of the widest legend entry (symbol, gap and label at 12 px, ~6.6 px a character)."""
    return 40 + round(6.6 * max(len(n) for n in names))


def _legend_columns(names: Sequence[str], title: str | None) -> int:
    """As many legend columns as fit the book's column, at most four."""
    return max(1, min(len(names), 4, DESKTOP // _legend_entry_width(names)))


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _color_channels(palette: _Palette, legend) -> dict:
    scale = alt.Scale(domain=palette.names, range=palette.colors)
    return {"color": alt.Color("series:N", scale=scale, legend=legend)}


def _dash_channel(palette: _Palette, legend) -> dict:
    if all(d == SOLID for d in palette.dashes):
        return {}
    scale = alt.Scale(domain=palette.names, range=palette.dashes)
    return {"strokeDash": alt.StrokeDash("series:N", scale=scale, legend=legend)}


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
        ``{series: hex colour or class name}``; by default a series named after a class gets
        its class colour and the others the course's series colours in order.
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
    _check_layers(layers)
    _check_text("title", title)
    _check_text("description", description)
    if len(description.strip()) < 40:
        raise ValueError(f"description must say what the chart shows and finds (40+ characters), got {description!r}")
    if subtitle is not None:
        _check_text("subtitle", subtitle, lines=True)
    if legend is not None:
        _check_text("legend", legend)
    x_axis, y_axis = _as_axis("x", x), (Axis(None) if y is None else _as_axis("y", y))
    if y_axis.title is None and not independent_y:
        raise TypeError(
            "y must be an axis title (str) or charts.axis(...), got no title (only independent_y panels may omit it)"
        )
    if x_axis.title is None:
        raise TypeError("x must have a title")
    color_axis = None if color_axis is None else _as_axis("color_axis", color_axis)
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

    palette = _palette(layers, colors, ordered)
    legend_def = _legend(palette, legend)
    horizontal = any(layer.kind == "bar" and layer.style.get("horizontal") for layer in layers)
    grid = any(layer.kind == "tile" and not layer.style.get("binned") for layer in layers)
    x_cat = grid or (_categorical(layers, "x") and not horizontal)
    y_cat = grid or horizontal
    context = _Context(x_axis, y_axis, x_cat, y_cat, palette, legend_def, legend or "series", control, color_axis,
                       scheme, _category_order(layers, "x"), _category_order(layers, "y"))  # fmt: skip
    rows = [{**row, "layer": index} for index, layer in enumerate(layers) for row in layer.rows]
    drawn = [_marks(layer, index, context) for index, layer in enumerate(layers)]
    title_def = alt.Title(title, subtitle=subtitle if subtitle is not None else alt.Undefined)
    fit: dict = {"fit": "x"}
    if palette.names and legend_def is not None:
        fit["legendEntry"] = _legend_entry_width(palette.names)
    if not panels:
        chart = alt.layer(*[m for marks in drawn for m in marks], data=alt.Data(values=rows))
        if control is not None:
            chart = chart.add_params(control)
        return chart.properties(
            width=width or WIDTH, height=height or HEIGHT, title=title_def, description=description,
            usermeta={"course": fit},
        )  # fmt: skip
    # Small multiples: one layered chart per panel, holding that panel's layers and the guides
    # without a panel (a concatenation, not a facet: no panel carries empty layers).
    columns = columns or min(len(panels), 3)
    axes = columns if independent_y else 1
    panel_width = width or int((DESKTOP - axes * AXIS_ALLOWANCE - (columns - 1) * PANEL_GAP) / columns)
    fit |= {"fit": "panels", "columns": columns, "minWidth": MIN_PANEL, "independentY": independent_y}
    heading = {"anchor": "start", "fontSize": 13, "fontWeight": "bold", "offset": 6}
    charts = [
        alt.layer(*[m for layer, marks in zip(layers, drawn, strict=True) if panel in layer.panels or not layer.panels
                    for m in marks]).properties(
            width=panel_width, height=height or PANEL_HEIGHT, title=alt.Title(panel, **heading)
        )
        for panel in panels
    ]  # fmt: skip
    chart = alt.concat(*charts, columns=columns, spacing=PANEL_GAP, data=alt.Data(values=rows))
    chart = chart.resolve_scale(x="shared", y="independent" if independent_y else "shared")
    if control is not None:
        chart = chart.add_params(control)
    return chart.properties(title=title_def, description=description, usermeta={"course": fit})


@dataclass(frozen=True)
class _Context:
    x: Axis
    y: Axis
    x_cat: bool
    y_cat: bool
    palette: _Palette
    legend: alt.Legend | None
    series_title: str
    control: alt.Parameter | None
    color_axis: Axis | None
    scheme: str
    x_order: list
    y_order: list


def _check_layers(layers) -> None:
    if not layers:
        raise ValueError("figure needs at least one layer (charts.lines, charts.points, ...), got none")
    for layer in layers:
        if not isinstance(layer, Layer):
            raise TypeError(f"layers must be charts layers (charts.lines, charts.points, ...), got {layer!r:.80}")
    if all(layer.decorative for layer in layers):
        raise ValueError("figure needs at least one data layer, not only guides (rule, diagonal)")


def _categorical(layers: Sequence[Layer], field: str) -> bool:
    return any(isinstance(row.get(field), str) for layer in layers for row in layer.rows)


def _category_order(layers: Sequence[Layer], field: str) -> list:
    values = [row[field] for layer in layers for row in layer.rows if field in row]
    return list(dict.fromkeys(values)) if any(isinstance(v, str) for v in values) else []


def _marks(layer: Layer, index: int, ctx: _Context) -> list:
    """The Altair layers drawing one :class:`Layer` (a data mark and, for lines, hover dots)."""
    base = alt.Chart().transform_filter(alt.datum.layer == index)
    if layer.framed:
        base = base.transform_filter(frame_filter(ctx.control))
    draw = {"line": _line, "point": _point, "band": _band, "bar": _bar, "tile": _tile, "rule": _rule}[layer.kind]
    return draw(layer, base, ctx)


def _xy(ctx: _Context, *, titled: bool = True) -> dict:
    return {
        "x": _position("x", "x", ctx.x, ctx.x_cat, ctx.x_order, titled=titled),
        "y": _position("y", "y", ctx.y, ctx.y_cat, ctx.y_order, titled=titled),
    }


def _series_tooltips(layer: Layer, ctx: _Context, *fields: tuple[str, str]) -> list:
    tips = [_tooltip("series", ctx.series_title)] if layer.series else []
    tips += [_tooltip("panel", "panel")] if layer.panels else []
    tips += [_tooltip("x", ctx.x.title, ctx.x, ctx.x_cat)]
    return tips + [_tooltip(field, title, ctx.y) for field, title in fields]


def _colour(layer: Layer, ctx: _Context) -> dict:
    if layer.series:
        return _color_channels(ctx.palette, ctx.legend)
    return {}


def _fixed_colour(layer: Layer) -> str:
    return layer.style.get("color") or (NEUTRAL if layer.decorative else "#000000")


def _line(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    style = layer.style
    mark = {"aria": False, "strokeWidth": 1.2 if style.get("thin") else 2.5, "clip": True}
    if style.get("step"):
        mark["interpolate"] = "step-after"
    if not layer.series:
        mark["color"] = _fixed_colour(layer)
        if style.get("dash"):
            mark["strokeDash"] = DASH
    enc = _xy(ctx) | {"order": alt.Order("order:Q"), "detail": alt.Detail("group:N")}
    enc |= _colour(layer, ctx) | (_dash_channel(ctx.palette, ctx.legend) if layer.series else {})
    out = [base.mark_line(**mark).encode(**enc)]
    if style.get("points"):
        dots = {"aria": False, "filled": True, "size": 30, "opacity": 1}
        if not layer.series:
            dots["color"] = mark["color"]
        out.append(base.mark_point(**dots).encode(**_xy(ctx), **_colour(layer, ctx)))
    if not layer.decorative:  # invisible dots carry the tooltips a line cannot
        hover = base.mark_point(aria=False, opacity=0, size=120, filled=True, clip=True)
        out.append(hover.encode(**_xy(ctx), tooltip=_series_tooltips(layer, ctx, ("y", ctx.y.title))))
    return out


def _point(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    style = layer.style
    mark = {"aria": False, "filled": not style.get("hollow"), "size": style.get("size") or 40, "opacity": 0.9}
    mark["clip"] = True
    if style.get("hollow"):
        mark["strokeWidth"] = 1.5
    if not layer.series:
        mark["color"] = _fixed_colour(layer)
    tips = [("y", ctx.y.title)] + ([("low", "error bar from"), ("high", "to")] if style.get("errorbars") else [])
    out = []
    if style.get("errorbars"):
        bar = {"aria": False, "strokeWidth": 1.5} | ({} if layer.series else {"color": mark["color"]})
        y_pos = _position("y", "low", ctx.y, False, None)
        out.append(base.mark_rule(**bar).encode(x=_xy(ctx)["x"], y=y_pos, y2="high:Q", **_colour(layer, ctx)))
    tooltip = _series_tooltips(layer, ctx, *tips)
    out.append(base.mark_point(**mark).encode(**_xy(ctx), **_colour(layer, ctx), tooltip=tooltip))
    return out


def _band(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    mark = {"aria": False, "opacity": 0.25, "clip": True}
    if not layer.series:
        mark["color"] = _fixed_colour(layer)
    enc = _xy(ctx) | {"y2": alt.Y2("y2:Q"), "order": alt.Order("order:Q")} | _colour(layer, ctx)
    area = base.mark_area(**mark).encode(**enc)
    tips = _series_tooltips(layer, ctx, ("y", "from"), ("y2", "to"))
    hover = base.transform_calculate(mid="(datum.y + datum.y2) / 2").mark_point(
        aria=False, opacity=0, size=120, filled=True, clip=True
    )
    mid = _position("y", "mid", ctx.y, False, None)
    return [area, hover.encode(x=_xy(ctx)["x"], y=mid, tooltip=tips)]


def _bar(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    mark = {"aria": False, "clip": True}
    if not layer.series:
        mark["color"] = _fixed_colour(layer)
    order = alt.Order("group:Q", sort="ascending")
    if layer.style.get("horizontal"):  # categories down the side (the layer's x), lengths across
        enc = {
            "y": _position("y", "x", ctx.y, True, ctx.x_order),
            "x": alt.X("y:Q", title=ctx.x.title, stack="normalize", axis=alt.Axis(format=ctx.x.format or ".0%")),
            "order": order,
            "tooltip": [_tooltip("series", ctx.series_title), _tooltip("x", ctx.y.title, categorical=True),
                        _tooltip("y", ctx.x.title, ctx.x)],
        }  # fmt: skip
    elif "x2" in layer.rows[0]:  # histogram bins [x, x2)
        mark["opacity"] = 0.85
        enc = _xy(ctx) | {"x2": alt.X2("x2:Q"), "y2": alt.Y2Datum(0)}
        enc["tooltip"] = _series_tooltips(layer, ctx, ("x2", "bin to"), ("y", ctx.y.title))
    else:
        enc = _xy(ctx) | {"order": order, "tooltip": _series_tooltips(layer, ctx, ("y", ctx.y.title))}
    return [base.mark_bar(**mark).encode(**enc, **_colour(layer, ctx))]


def _tile(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    color_axis = ctx.color_axis or Axis("value")
    scale = {"scheme": ctx.scheme} | ({"domain": list(color_axis.domain)} if color_axis.domain else {})
    if color_axis.reverse:
        scale["reverse"] = True
    legend = alt.Legend(
        title=color_axis.title, format=color_axis.format or alt.Undefined, gradientLength=200, direction="horizontal"
    )
    color = alt.Color("value:Q", scale=alt.Scale(**scale), legend=legend)
    if layer.style.get("binned"):  # tooltips give the cell's centre (geometric on a log axis)
        centre = {
            f"c{a}": f"sqrt(datum.{a} * datum.{a}2)" if ax.scale == "log" else f"(datum.{a} + datum.{a}2) / 2"
            for a, ax in (("x", ctx.x), ("y", ctx.y))
        }
        base = base.transform_calculate(**centre)
        enc = _xy(ctx) | {"x2": alt.X2("x2:Q"), "y2": alt.Y2("y2:Q")}
        tips = [_tooltip("cx", ctx.x.title, ctx.x), _tooltip("cy", ctx.y.title, ctx.y)]
    else:
        enc = {
            "x": _position("x", "x", ctx.x, True, ctx.x_order),
            "y": _position("y", "y", ctx.y, True, ctx.y_order),
        }
        tips = [_tooltip("x", ctx.x.title, categorical=True), _tooltip("y", ctx.y.title, categorical=True)]
    tips.append(_tooltip("value", color_axis.title, color_axis))
    return [base.mark_rect(aria=False).encode(**enc, color=color, tooltip=tips)]


def _rule(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    channel = layer.style["axis"]
    categorical = ctx.x_cat if channel == "x" else ctx.y_cat
    ax = ctx.x if channel == "x" else ctx.y
    where = _position(channel, channel, ax, categorical, None, titled=True)
    out = [base.mark_rule(aria=False, color=NEUTRAL, strokeDash=[4, 4], strokeWidth=1.5).encode(**{channel: where})]
    if "label" in layer.rows[0]:
        text = {"aria": False, "color": "#444444", "fontSize": SUBTITLE_SIZE}
        if channel == "x":
            text |= {"align": "left", "dx": 4, "y": 8, "baseline": "top"}
        else:
            text |= {"align": "right", "dy": -4, "x": "width", "baseline": "bottom"}
        out.append(base.mark_text(**text).encode(**{channel: where}, text="label:N"))
    return out
