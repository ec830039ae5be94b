"""Colours, dash patterns and the legend: one entry per named series, drawn as it is drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt

from .layers import Layer
from .style import CLASS_COLORS, DESKTOP, SERIES_COLORS, ordered_colors

__all__: list[str] = []

DASH, SOLID = [6, 4], [1, 0]


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
    for layer in layers:  # a layer's own colour, for each of its series
        if layer.style.get("color"):
            chosen |= {n: layer.style["color"] for n in layer.series if n not in chosen}
    for name in names:
        if name not in chosen and name in CLASS_COLORS:
            chosen[name] = CLASS_COLORS[name]
    rest = [n for n in names if n not in chosen]
    if ordered and rest:
        chosen |= dict(zip(rest, ordered_colors(len(rest)), strict=True))
    else:
        free = [c for c in SERIES_COLORS if c not in chosen.values()] or list(SERIES_COLORS)
        chosen |= {n: free[i % len(free)] for i, n in enumerate(rest)}
    dashes: dict[str, list] = {}
    for layer in layers:
        pattern = layer.style.get("dash") if layer.kind == "line" else None
        if isinstance(pattern, dict):
            dashes |= pattern
        elif pattern:
            dashes |= dict.fromkeys(layer.series, DASH)

    def glyph(name: str) -> str:
        kinds = {layer.kind for layer in layers if name in layer.series}
        return "stroke" if "line" in kinds else "square" if kinds & {"band", "bar"} else "circle"

    return _Palette(
        names,
        [chosen[n] for n in names],
        [dashes.get(n, SOLID) for n in names],
        [glyph(n) for n in names],
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
        symbolOpacity=1,  # not a band's 0.25: the legend shows every series at full strength
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
