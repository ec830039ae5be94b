"""The first chart helpers, kept for chapters not yet written with :func:`figure`.

New charts use :func:`mctools.charts.figure` and its layers, which add the description,
tooltips, legend glyphs and container width these two do not.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from .style import CLASS_COLORS

__all__ = ["class_scale", "line_chart"]


def _check_text(name: str, value, *, allow_list: bool = False) -> None:
    """Titles and labels: a non-empty string (or, for a title, a list of strings)."""
    lines = value if allow_list and isinstance(value, list) and value else [value]
    if not all(isinstance(line, str) for line in lines) or not lines[0]:
        kind = "a non-empty string or a list of strings" if allow_list else "a non-empty string"
        raise TypeError(f"{name} must be {kind}, got {value!r}")


def class_scale(classes) -> alt.Scale:
    """A colour scale giving each class in ``classes`` its course colour.

    Parameters
    ----------
    classes : sequence of str
        Class names; each must be a key of :data:`CLASS_COLORS`.

    Returns
    -------
    altair.Scale
    """
    return _scale_for("classes", classes)


def _scale_for(name: str, classes) -> alt.Scale:
    if isinstance(classes, str) or not isinstance(classes, Iterable):
        raise TypeError(f"{name} must be a sequence of class names, got {classes!r}")
    classes = list(classes)
    if not classes:
        raise ValueError(f"{name} must name at least one class, got none")
    unknown = [c for c in classes if not isinstance(c, str) or c not in CLASS_COLORS]
    if unknown:
        raise ValueError(f"{name} must be keys of CLASS_COLORS, got unknown {unknown}")
    return alt.Scale(domain=classes, range=[CLASS_COLORS[c] for c in classes])


def line_chart(
    data: list[dict],
    x: str,
    y: str,
    *,
    title: str | list[str],
    x_title: str,
    y_title: str,
    color: str | None = None,
    colors: list[str] | None = None,
    y_scale: alt.Scale | None = None,
) -> alt.Chart:
    """A titled line chart of ``y`` against ``x``, one line per ``color`` value.

    Parameters
    ----------
    data : list of dict
        Rows, as made by :func:`records`.
    x, y : str
        Quantitative fields.
    title : str or list of str
        The finding the chart shows (a list gives title and subtitle lines).
    x_title, y_title : str
        Axis titles, with units.
    color : str, optional
        Nominal field that splits the lines.
    colors : list of str, optional
        Class names (keys of :data:`CLASS_COLORS`) fixing the colour of each line.
    y_scale : altair.Scale, optional
        E.g. ``alt.Scale(type="log")``.

    Returns
    -------
    altair.Chart
    """
    if not isinstance(data, list) or not data or not all(isinstance(row, dict) for row in data):
        raise ValueError(f"data must be a non-empty list of row dicts (see mctools.charts.records), got {data!r:.80}")
    fields = {"x": x, "y": y} | ({} if color is None else {"color": color})
    for name, field in fields.items():
        if not isinstance(field, str) or field not in data[0]:
            raise ValueError(f"{name} must name a field of the rows, one of {sorted(data[0])}, got {field!r}")
    _check_text("title", title, allow_list=True)
    _check_text("x_title", x_title)
    _check_text("y_title", y_title)
    if y_scale is not None and not isinstance(y_scale, alt.Scale):
        raise TypeError(f"y_scale must be an altair.Scale or None, got {y_scale!r}")
    if colors is not None and color is None:
        raise ValueError(f"colors needs color (the field that splits the lines), got colors={colors!r}")
    title_param = alt.Title(title[0], subtitle=title[1:]) if isinstance(title, list) else title
    encoding = {
        "x": alt.X(f"{x}:Q", title=x_title),
        "y": alt.Y(f"{y}:Q", title=y_title, scale=y_scale if y_scale is not None else alt.Undefined),
    }
    if color is not None:
        scale = _scale_for("colors", colors) if colors is not None else alt.Undefined
        encoding["color"] = alt.Color(f"{color}:N", title=None, scale=scale)
    return alt.Chart(alt.Data(values=data), title=title_param).mark_line().encode(**encoding)
