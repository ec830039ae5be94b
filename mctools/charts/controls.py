"""Sliders and menus over precomputed data: the static page needs no kernel to redraw.

A control is an Altair parameter bound to an input. A figure given ``control=`` shows, of
every layer made with ``frame=``, only the rows whose frame equals the control's value.
"""

from __future__ import annotations

import altair as alt
import numpy as np

from .._validate import as_finite_array, check_real
from .data import rounded

__all__ = ["frame_filter", "matches", "menu", "slider"]


def _check_label(name: str, value) -> None:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{name} must be a non-empty string, got {value!r:.80}")


def _check_identifier(name) -> None:
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"name must be a valid identifier, got {name!r}")


def slider(name: str, values, label: str, start: float | None = None) -> alt.Parameter:
    """A parameter bound to a slider over the evenly spaced grid ``values``.

    Parameters
    ----------
    name : str
        Parameter name (a valid JavaScript identifier).
    values : array_like, shape (n,)
        The precomputed grid, evenly spaced, at least two values.
    label : str
        Text shown beside the slider (say what it sets, with its symbol).
    start : float, optional
        The value shown first, one of ``values``; default the middle of the grid.

    Returns
    -------
    altair.Parameter
        For ``figure(control=...)``, or filter data with :func:`matches`.
    """
    _check_identifier(name)
    _check_label("label", label)
    grid = as_finite_array("values", values, min_ndim=1)
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(f"values must be a 1-D grid of at least two values, got shape {grid.shape}")
    steps = np.diff(grid)
    if np.any(steps <= 0) or not np.allclose(steps, steps[0], rtol=1e-6):
        raise ValueError(f"values must be increasing and evenly spaced, got {grid!r}")
    if start is None:
        start = grid[grid.size // 2]
    else:
        start = check_real("start", start)
        if not np.any(np.abs(grid - start) < steps[0] / 4):
            raise ValueError(f"start must be one of values, got {start!r}")
    binding = alt.binding_range(
        min=rounded(float(grid[0]), 6), max=rounded(float(grid[-1]), 6), step=rounded(float(steps[0]), 6), name=label
    )
    return alt.param(name=name, value=rounded(float(start), 6), bind=binding)


def menu(name: str, options, label: str, start: str | None = None) -> alt.Parameter:
    """A parameter bound to a drop-down menu of named settings.

    Parameters
    ----------
    name : str
        Parameter name (a valid JavaScript identifier).
    options : sequence of str
        The choices, distinct, at least two.
    label : str
        Text shown beside the menu.
    start : str, optional
        The choice shown first; default the first option.

    Returns
    -------
    altair.Parameter
    """
    _check_identifier(name)
    _check_label("label", label)
    if isinstance(options, str) or not hasattr(options, "__iter__"):
        raise TypeError(f"options must be a sequence of strings, got {options!r:.80}")
    options = list(options)
    if len(options) < 2 or not all(isinstance(o, str) and o for o in options) or len(set(options)) != len(options):
        raise ValueError(f"options must be at least two distinct non-empty strings, got {options!r:.80}")
    start = options[0] if start is None else start
    if start not in options:
        raise ValueError(f"start must be one of options {options}, got {start!r}")
    return alt.param(name=name, value=start, bind=alt.binding_select(options=options, name=label))


def matches(field: str, parameter: alt.Parameter, tolerance: float = 1e-6) -> alt.expr.core.Expression:
    """Filter expression keeping rows whose ``field`` equals the slider's value.

    Compares within ``tolerance`` rather than exactly, because slider steps are floats:
    :math:`|\\text{datum[field]} - \\text{parameter}| < \\text{tolerance}`.

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
    _check_label("field", field)
    if not isinstance(parameter, alt.Parameter):
        raise TypeError(f"parameter must be an altair.Parameter (see slider), got {parameter!r}")
    check_real("tolerance", tolerance, lower=0.0, lower_open=True)
    return alt.expr.abs(alt.datum[field] - parameter) < tolerance


def is_menu(parameter: alt.Parameter) -> bool:
    bind = parameter.param.bind
    return isinstance(bind, alt.BindRadioSelect) or getattr(bind, "input", None) == "select"


def frame_filter(parameter: alt.Parameter):
    """The filter showing the rows of the control's current frame (``datum.frame``)."""
    if not isinstance(parameter, alt.Parameter) or parameter.param.bind is alt.Undefined:
        raise TypeError(f"control must be a parameter made by charts.slider or charts.menu, got {parameter!r:.80}")
    if is_menu(parameter):
        return alt.datum.frame == parameter
    step = parameter.param.bind.step
    return matches("frame", parameter, tolerance=float(step) / 4)
