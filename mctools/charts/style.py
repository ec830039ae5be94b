"""The course's look: colours that survive colour-blindness and white paper, and the Altair theme.

Colours are chosen for two readers at once. Okabe & Ito's palette stays distinguishable under
the common colour-vision deficiencies, but its yellow ``#F0E442`` has a contrast of 1.3:1 on
white, too faint for a line, so it is never used for data; :data:`SERIES_COLORS` orders the
rest with the highest-contrast colours first, so a chart with two to four series draws every
series at a contrast of at least 3:1 (WCAG 1.4.11 for graphics). Ordered series (five funding
bars, three population sizes) take :func:`ordered_colors`, steps of the *plasma* scale from
its dark end to 0.6, all at least 3.3:1 and ordered in lightness, which every colour-vision
type can still rank.
"""

from __future__ import annotations

import altair as alt
import numpy as np

from .. import _display

__all__ = [
    "CLASS_COLORS",
    "NEUTRAL",
    "OKABE_ITO",
    "SERIES_COLORS",
    "ordered_colors",
    "setup",
]

#: Okabe & Ito's palette, distinguishable under the common colour-vision deficiencies.
OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)

#: Default colours of named series, in order of use: contrast on white 5.2, 3.9, 3.4, 3.1, 21,
#: then the two light Okabe–Ito colours (2.3:1) for a sixth and seventh series. No yellow.
SERIES_COLORS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#000000",
    "#E69F00",
    "#56B4E9",
)

#: Reference lines, diagonals and other guides (not data): mid grey, 4.5:1 on white.
NEUTRAL = "#767676"

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

# plasma at 0, 0.1, ..., 0.6 (matplotlib's table): contrast on white 15 down to 3.4.
_PLASMA = ("#0D0887", "#41049D", "#6A00A8", "#8F0DA4", "#B12A90", "#CC4778", "#E16462")

#: Sizes in pixels: a single view and a small-multiple panel as stored (JupyterLab draws
#: these; the book fits them to its column), what the column leaves a chart, and the room a
#: y axis and the gap between panels take.
WIDTH, HEIGHT, PANEL_HEIGHT = 480, 300, 200
DESKTOP = 620
AXIS_ALLOWANCE, PANEL_GAP, MIN_PANEL = 60, 16, 150

THEME_NAME = "mode_collapse"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TITLE_SIZE, SUBTITLE_SIZE = 15, 12


def ordered_colors(n: int) -> list[str]:
    """``n`` colours for ordered series, dark to light, from the plasma scale.

    Parameters
    ----------
    n : int
        Number of series, 1 to 7.

    Returns
    -------
    list of str
        Hex colours; for ``n`` below 7, evenly spaced steps of the seven.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise TypeError(f"n must be an integer, got {n!r}")
    if not 1 <= n <= len(_PLASMA):
        raise ValueError(f"n must be between 1 and {len(_PLASMA)}, got {n!r}")
    steps = np.rint(np.linspace(0, len(_PLASMA) - 1, n)).astype(int)
    return [_PLASMA[i] for i in steps]


@alt.theme.register(THEME_NAME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            # The book's text column is about 690 px; the course's drawing script makes each
            # chart follow its container (charts/figure.py), JupyterLab keeps these sizes.
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
            "font": FONT,
            "title": {
                "anchor": "start",
                "fontSize": TITLE_SIZE,
                "subtitleFontSize": SUBTITLE_SIZE,
                "offset": 10,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "gridOpacity": 0.5,
                "labelSeparation": 8,
            },
            "header": {
                "labelFontSize": 13,
                "labelAnchor": "start",
                "labelFontWeight": "bold",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelLimit": 0,  # never truncate a label: they name what a line shows
                "orient": "bottom",
                "direction": "horizontal",  # entries fill rows, in reading order
                "gradientDirection": "horizontal",
            },
            "range": {"category": list(SERIES_COLORS)},
            "line": {"strokeWidth": 2.5},
            "point": {"filled": True, "size": 40},
        }
    }


def setup() -> None:
    """Enable the course theme and the course's chart renderer (call once per notebook)."""
    alt.theme.enable(THEME_NAME)
    _display.enable()
