"""Chart data: rows of plain JSON values, small and the same on every machine."""

from __future__ import annotations

import numbers

import altair as alt
import numpy as np

from .._validate import check_integer

__all__ = ["inline_data", "records"]

DIGITS = 5


def inline_data(rows: list[dict]) -> alt.InlineData:
    """The rows as the chart's inline data, which Altair validates as JSON values, not row by row.

    As inline data, Altair moves the rows into the chart's top-level ``datasets`` under a name
    that hashes them (identical rows in two layers are stored once), and adds ``datasets`` after
    it has validated the chart against the Vega-Lite schema: the schema's check of the rows
    (each one against every kind of inline value) was most of a chart's rendering time, 0.1 to
    1 s a chart. Built without Altair's debug-mode check for the same reason.
    """
    with alt.utils.schemapi.debug_mode(False):
        return alt.InlineData(values=rows)


def records(digits: int = DIGITS, **columns) -> list[dict]:
    """Turn equal-length columns into the list of row dicts an Altair chart embeds.

    Floats are rounded to ``digits`` significant digits, which keeps the data shipped inside
    each page small and the stored notebook outputs stable; NaN and infinities become
    ``None`` (JSON has neither; Vega-Lite treats ``null`` as missing).

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
    if any(a.ndim != 1 for a in arrays.values()):
        raise ValueError(f"columns must be one-dimensional, got shapes { {k: a.shape for k, a in arrays.items()} }")
    lengths = {name: a.shape[0] for name, a in arrays.items() if a.shape[0] != 1}
    n = max(lengths.values(), default=1)
    if any(length != n for length in lengths.values()):
        raise ValueError(f"columns must have equal lengths, got {lengths}")
    out = {}
    for name, a in arrays.items():
        a = np.broadcast_to(a, (n,))
        if np.issubdtype(a.dtype, np.floating):
            out[name] = [rounded(float(v), digits) for v in a]
        elif np.issubdtype(a.dtype, np.integer):
            out[name] = [int(v) for v in a]
        else:
            out[name] = [v.item() if isinstance(v, np.generic) else v for v in a]
    return [dict(zip(out, row, strict=True)) for row in zip(*out.values(), strict=True)]


# Significant digits that absorb the last-bit differences between CPUs' exp, log and pow.
CANONICAL_DIGITS = 12


def rounded(value: float, digits: int = DIGITS) -> float | None:
    """``value`` to ``digits`` significant digits, or ``None`` if it is not finite."""
    if not np.isfinite(value):
        return None  # JSON has no NaN or inf; Vega-Lite treats null as missing
    # Round twice: a value can sit exactly on a tie by construction (0.425 ** 2 = 0.180625 at 5
    # digits), where the last bit of pow, which differs between CPUs, would pick the side. Rounded
    # first to 12 digits it becomes the same float everywhere, and then rounds the same way.
    if digits < CANONICAL_DIGITS:
        value = float(f"{value:.{CANONICAL_DIGITS}g}")
    return float(f"{value:.{digits}g}")


def numbers_array(name: str, value) -> np.ndarray:
    """``value`` as a float array; NaN and infinities allowed (drawn as gaps), text is not."""
    if isinstance(value, bool | str | bytes) or value is None:
        raise TypeError(f"{name} must be numbers, got {value!r:.80}")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers, got {value!r:.80}") from error
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.number) or array.dtype == object):
        raise TypeError(f"{name} must be numbers, got {value!r:.80}")
    if array.dtype == object and not all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in array.ravel()
    ):
        raise TypeError(f"{name} must be numbers, got {value!r:.80}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real numbers, got {value!r:.80}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got {value!r:.80}")
    return array.astype(float)
