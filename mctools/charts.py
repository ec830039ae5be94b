"""One look for every chart in the book, and the builders chapters reuse.

Call :func:`setup` once in a notebook's imports cell. It registers and enables the course
theme (colour-blind-safe Okabe–Ito colours) and the course's renderer, which stores each chart
as Vega-Lite JSON that JupyterLab, the built book and the print edition all draw without a
kernel and without the network (see ``mctools/_display.py``).

Conventions: every chart states its finding in the title, its axes carry units, and the
same class has the same colour in every chapter (:data:`CLASS_COLORS`).
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import numpy as np

from . import _display
from ._validate import as_finite_array, check_integer, check_real

__all__ = [
    "CLASS_COLORS",
    "OKABE_ITO",
    "class_scale",
    "line_chart",
    "matches",
    "records",
    "setup",
    "slider",
]

#: Okabe & Ito's palette, distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")

#: The same thing gets the same colour in every chapter.
CLASS_COLORS = {
    "dog": "#E69F00",
    "cat": "#56B4E9",
    "frog": "#009E73",
    "eight": "#E69F00",  # chapter 2's majority digit, in the majority's colour
    "zero": "#56B4E9",
    "pop": "#CC79A7",
    "rock": "#0072B2",
    "IDM": "#D55E00",
    "global health": "#E69F00",
    "animal welfare": "#56B4E9",
    "hunting": "#D55E00",
    "fishing": "#0072B2",
    "simulation": "#000000",
    "theory": "#D55E00",
    "replace": "#D55E00",
    "accumulate": "#0072B2",
    "greedy": "#000000",
    "ε-greedy": "#E69F00",
    "softmax": "#56B4E9",
    "annealed softmax": "#009E73",
    "monitoring": "#D55E00",
    "specialist": "#D55E00",
    "generalist": "#009E73",
}

THEME_NAME = "mode_collapse"


@alt.theme.register(THEME_NAME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # Fits the book's text column (about 700 px) with the legend underneath.
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridOpacity": 0.5},
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelLimit": 0,  # never truncate a label: they name what a line shows
                "orient": "bottom",
                "symbolDirection": "vertical",
                "gradientDirection": "horizontal",
            },
            "range": {"category": list(OKABE_ITO)},
            "line": {"strokeWidth": 2.5},
            "point": {"filled": True, "size": 40},
        }
    }


def setup() -> None:
    """Enable the course theme and the course's chart renderer (call once per notebook)."""
    alt.theme.enable(THEME_NAME)
    _display.enable()


def records(digits: int = 5, **columns) -> list[dict]:
    """Turn equal-length columns into the list of row dicts an Altair chart embeds.

    Floats are rounded to ``digits`` significant digits, which keeps the data shipped inside
    each page small and the stored notebook outputs stable.

    Parameters
    ----------
    digits : int
        Significant digits kept for float columns, at least 1.
    **columns : array_like or scalar
        Column name to values, shape (n,); scalars and length-1 columns are repeated.

    Returns
    -------
    list of dict
        ``n`` rows.
    """
    digits = check_integer("digits", digits, lower=1)
    if not columns:
        raise ValueError("columns: records needs at least one column, got none")
    arrays = {name: np.atleast_1d(np.asarray(values)) for name, values in columns.items()}
    lengths = {name: a.shape[0] for name, a in arrays.items() if a.ndim != 1 or a.shape[0] != 1}
    if any(a.ndim != 1 for a in arrays.values()):
        raise ValueError(f"columns must be one-dimensional, got shapes { {k: a.shape for k, a in arrays.items()} }")
    n = max(lengths.values(), default=1)
    if any(length != n for length in lengths.values()):
        raise ValueError(f"columns must have equal lengths, got {lengths}")
    out = {}
    for name, a in arrays.items():
        a = np.broadcast_to(a, (n,))
        if np.issubdtype(a.dtype, np.floating):
            out[name] = [_round(float(v), digits) for v in a]
        elif np.issubdtype(a.dtype, np.integer):
            out[name] = [int(v) for v in a]
        else:
            out[name] = [v.item() if isinstance(v, np.generic) else v for v in a]
    return [dict(zip(out, row, strict=True)) for row in zip(*out.values(), strict=True)]


def _check_text(name: str, value, *, allow_list: bool = False) -> None:
    """Titles and labels: a non-empty string (or, for a title, a list of strings)."""
    lines = value if allow_list and isinstance(value, list) and value else [value]
    if not all(isinstance(line, str) for line in lines) or not lines[0]:
        kind = "a non-empty string or a list of strings" if allow_list else "a non-empty string"
        raise TypeError(f"{name} must be {kind}, got {value!r}")


# Significant digits that absorb the last-bit differences between CPUs' exp, log and pow.
_CANONICAL_DIGITS = 12


def _round(value: float, digits: int):
    if not np.isfinite(value):
        return None  # JSON has no NaN or inf; Vega-Lite treats null as missing
    # Round twice: a value can sit exactly on a tie by construction (0.425 ** 2 = 0.180625 at 5
    # digits), where the last bit of pow, which differs between CPUs, would pick the side. Rounded
    # first to 12 digits it becomes the same float everywhere, and then rounds the same way.
    if digits < _CANONICAL_DIGITS:
        value = float(f"{value:.{_CANONICAL_DIGITS}g}")
    return float(f"{value:.{digits}g}")


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


def slider(name: str, values, label: str) -> alt.Parameter:
    """A parameter bound to a slider over the evenly spaced grid ``values``.

    Parameters
    ----------
    name : str
        Parameter name (a valid JavaScript identifier).
    values : array_like, shape (n,)
        The precomputed grid, evenly spaced, at least two values.
    label : str
        Text shown beside the slider.

    Returns
    -------
    altair.Parameter
        Starts at the middle of the grid; filter data with :func:`matches`.
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a valid identifier, got {name!r}")
    _check_text("label", label)
    grid = as_finite_array("values", values, min_ndim=1)
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(f"values must be a 1-D grid of at least two values, got shape {grid.shape}")
    steps = np.diff(grid)
    if np.any(steps <= 0) or not np.allclose(steps, steps[0], rtol=1e-6):
        raise ValueError(f"values must be increasing and evenly spaced, got {grid!r}")
    start = _round(float(grid[grid.size // 2]), 6)
    binding = alt.binding_range(
        min=_round(float(grid[0]), 6), max=_round(float(grid[-1]), 6), step=_round(float(steps[0]), 6), name=label
    )
    return alt.param(name=name, value=start, bind=binding)


def matches(field: str, parameter: alt.Parameter, tolerance: float = 1e-6) -> alt.expr.core.Expression:
    """Filter expression keeping rows whose ``field`` equals the slider's value.

    Compares within ``tolerance`` rather than exactly, because slider steps are floats:
    :math:`|\text{datum[field]} - \text{parameter}| < \text{tolerance}`.

    Parameters
    ----------
    field : str
        The data field the slider selects on.
    parameter : altair.Parameter
        A parameter made by :func:`slider`.
    tolerance : float
        Half-width of the match, > 0; smaller than half the slider step.

    Returns
    -------
    altair expression
        For ``transform_filter``.
    """
    _check_text("field", field)
    if not isinstance(parameter, alt.Parameter):
        raise TypeError(f"parameter must be an altair.Parameter (see slider), got {parameter!r}")
    check_real("tolerance", tolerance, lower=0.0, lower_open=True)
    return alt.expr.abs(alt.datum[field] - parameter) < tolerance
