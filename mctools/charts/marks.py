"""How each layer is drawn: the Vega-Lite marks of lines, dots, bands, bars, tiles and rules.

Every mark is hidden from screen readers (``aria: false``: the chart's description speaks for
it), clipped to the plot, and, if it shows data, carries tooltips titled with the axis titles.
Lines and bands get invisible hover dots for their tooltips, since the tooltip of a line mark
shows one arbitrary row.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from .axes import Axis, _position, _tooltip
from .controls import frame_filter
from .layers import Layer
from .palette import DASH, _color_channels, _dash_channel, _Palette
from .style import NEUTRAL, SUBTITLE_SIZE

__all__: list[str] = []


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
    y_titled: bool = True


def _marks(layer: Layer, index: int, ctx: _Context) -> list:
    """The Altair layers drawing one :class:`Layer` (a data mark and, for lines, hover dots)."""
    base = alt.Chart().transform_filter(alt.datum.layer == index)
    if layer.framed:
        base = base.transform_filter(frame_filter(ctx.control))
    draw = {
        "line": _line,
        "point": _point,
        "band": _band,
        "bar": _bar,
        "tile": _tile,
        "rule": _rule,
    }[layer.kind]
    return draw(layer, base, ctx)


def _xy(ctx: _Context) -> dict:
    return {
        "x": _position("x", "x", ctx.x, ctx.x_cat, ctx.x_order),
        "y": _position("y", "y", ctx.y, ctx.y_cat, ctx.y_order, titled=ctx.y_titled),
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
    mark = {
        "aria": False,
        "strokeWidth": 1.2 if style.get("thin") else 2.5,
        "clip": True,
    }
    if style.get("step"):
        mark["interpolate"] = "step-after"
    if not layer.series:
        mark["color"] = _fixed_colour(layer)
        if style.get("dash"):
            mark["strokeDash"] = DASH  # an unnamed line: dash is True (a dict names series)
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
    mark = {
        "aria": False,
        "filled": not style.get("hollow"),
        "size": style.get("size") or 40,
        "opacity": 0.9,
    }
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
    enc = _xy(ctx) | {"y2": alt.Y2("y2:Q")} | _colour(layer, ctx)  # no order: it would stack the area
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
        enc = _xy(ctx) | {
            "order": order,
            "tooltip": _series_tooltips(layer, ctx, ("y", ctx.y.title)),
        }
    return [base.mark_bar(**mark).encode(**enc, **_colour(layer, ctx))]


def _tile(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    color_axis = ctx.color_axis or Axis("value")
    scale = {"scheme": ctx.scheme} | ({"domain": list(color_axis.domain)} if color_axis.domain else {})
    if color_axis.reverse:
        scale["reverse"] = True
    legend = alt.Legend(
        title=color_axis.title,
        format=color_axis.format or alt.Undefined,
        gradientLength=200,
        direction="horizontal",
        # the first label is drawn from the gradient's start, the others centred on their value:
        # the first two would run together ("0.000.20"); drop every other label until they are apart
        labelOverlap="parity",
        labelSeparation=6,
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
        tips = [
            _tooltip("x", ctx.x.title, categorical=True),
            _tooltip("y", ctx.y.title, categorical=True),
        ]
    tips.append(_tooltip("value", color_axis.title, color_axis))
    return [base.mark_rect(aria=False).encode(**enc, color=color, tooltip=tips)]


def _rule(layer: Layer, base: alt.Chart, ctx: _Context) -> list:
    channel = layer.style["axis"]
    categorical = ctx.x_cat if channel == "x" else ctx.y_cat
    ax = ctx.x if channel == "x" else ctx.y
    where = _position(channel, channel, ax, categorical, None, titled=channel == "x" or ctx.y_titled)
    out = [base.mark_rule(aria=False, color=NEUTRAL, strokeDash=[4, 4], strokeWidth=1.5).encode(**{channel: where})]
    if "label" in layer.rows[0]:
        text = {"aria": False, "color": "#444444", "fontSize": SUBTITLE_SIZE}
        if channel == "x":
            text |= {"align": "left", "dx": 4, "y": 8, "baseline": "top"}
        else:
            text |= {"align": "right", "dy": -4, "x": "width", "baseline": "bottom"}
        out.append(base.mark_text(**text).encode(**{channel: where}, text="label:N"))
    return out
