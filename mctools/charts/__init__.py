"""The course's charts: a small grammar that gives every figure the same reading aids.

A chart cell says *what* is shown; these modules say *how*::

    charts.figure(
        charts.lines(generations, {"replace": theory_replace, "accumulate": theory_acc}),
        charts.points(generations, {"replace": mean_replace, "accumulate": mean_acc}),
        title="Accumulating data bounds the damage; replacing it does not",
        subtitle="lines: theory; dots: 200 simulated chains",
        description="Excess test error against generation ... grows linearly when ...",
        x="generation n",
        y="excess test error (units of σ²)",
    )

``Axis`` and ``Layer`` (what :func:`axis` and the layer functions return) are importable from
:mod:`.axes` and :mod:`.layers`.

* :mod:`.layers`: the marks (:func:`lines`, :func:`points` with error bars, :func:`band`,
  :func:`bars`, :func:`tiles`, and the guides :func:`rule` and :func:`diagonal`);
* :mod:`.figure`: :func:`figure` assembles them; :mod:`.axes`: :func:`axis` for scales and
  ticks; :mod:`.palette`: colours, dashes and the legend; :mod:`.marks`: how each layer is drawn;
* :mod:`.kinds`: :func:`cobweb`, :func:`heatmap`, :func:`histogram` and :func:`pictures`;
* :mod:`.controls`: :func:`slider` and :func:`menu` over precomputed frames;
* :mod:`.style`: colours (:data:`CLASS_COLORS`, no yellow lines) and the theme, :func:`setup`;
* :mod:`.data`: :func:`records`, rows rounded so stored outputs are the same everywhere.

Call :func:`setup` once in a notebook's imports cell: it enables the theme and the course's
renderer, which stores each chart as Vega-Lite JSON that JupyterLab, the built book and the
print edition all draw without a kernel and without the network (``mctools/_display.py``).
"""

from .axes import axis
from .controls import matches, menu, slider
from .data import records
from .figure import figure
from .kinds import cobweb, heatmap, histogram, pictures
from .layers import band, bars, diagonal, lines, points, rule, tiles
from .style import (
    CLASS_COLORS,
    NEUTRAL,
    OKABE_ITO,
    SERIES_COLORS,
    ordered_colors,
    setup,
)

__all__ = [
    "CLASS_COLORS",
    "NEUTRAL",
    "OKABE_ITO",
    "SERIES_COLORS",
    "axis",
    "band",
    "bars",
    "cobweb",
    "diagonal",
    "figure",
    "heatmap",
    "histogram",
    "lines",
    "matches",
    "menu",
    "ordered_colors",
    "pictures",
    "points",
    "records",
    "rule",
    "setup",
    "slider",
    "tiles",
]
