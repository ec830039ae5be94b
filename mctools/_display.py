"""How a chart is stored in a notebook: one MIME bundle that every reader's client can draw.

A chart cell's output is the bundle

* ``application/vnd.vegalite.v5+json``: the Vega-Lite specification as JSON. JupyterLab and
  Jupyter Notebook 4 (up to 4.6) draw this type with the Vega they ship, in an untrusted
  notebook and with no network (they have no renderer for the ``v6`` type that Altair 6 would
  emit, and Altair's ``html`` output needs a trusted notebook and a CDN). The specification
  keeps its own ``$schema`` (Vega-Lite 6); the charts use only features that Vega-Lite 5 also
  draws, which the JupyterLab test checks chart by chart.
* ``text/plain``: the chart's title and description, for clients that draw no charts (a
  terminal, GitHub's preview, a screen reader reading the raw notebook).

The built book renders the same JSON with the Vega shipped in the build
(``_ext/vega_charts.py``), and the print edition turns it into a picture. Nothing random goes
into the bundle (no element ids), so strict nbval compares it exactly.
"""

from __future__ import annotations

import altair as alt

#: The MIME type a chart is stored under (see the module docstring for why v5).
CHART_MIME_TYPE = "application/vnd.vegalite.v5+json"
RENDERER_NAME = "mode_collapse"


def chart_text(spec: dict) -> str:
    """The plain-text stand-in of a chart: ``Chart: <title>. <description>``.

    Parameters
    ----------
    spec : dict
        A Vega-Lite specification (``chart.to_dict()``).

    Returns
    -------
    str
        One line naming the chart and, when the specification has one, its description.
    """
    title = spec.get("title", "")
    # title and subtitle, each a string or a list of lines
    parts = [title.get("text", ""), title.get("subtitle", "")] if isinstance(title, dict) else [title]
    lines = [" ".join(part) if isinstance(part, list) else str(part) for part in parts]
    words = " — ".join(line.strip() for line in lines if line and line.strip())
    text = f"Chart: {words}" if words else "Chart"
    description = str(spec.get("description", "")).strip()
    if description:
        text = f"{text.rstrip('.')}. {description}"
    return text


def mimebundle(spec: dict, **metadata) -> tuple[dict, dict]:
    """Altair renderer: the bundle stored for a chart (see the module docstring).

    Parameters
    ----------
    spec : dict
        The Vega-Lite specification Altair passes to its renderers.
    **metadata
        Altair's embed options, ignored: the book and JupyterLab use their own.

    Returns
    -------
    (dict, dict)
        The MIME bundle and its (empty) metadata.
    """
    return {CHART_MIME_TYPE: spec, "text/plain": chart_text(spec)}, {}


class _ShownUnvalidated:
    """Mixin: a course chart is displayed without validating it against the schema again.

    Altair validates a chart against the Vega-Lite JSON schema every time it is displayed,
    which was a third of the time a chapter's charts took to draw (0.1 to 0.2 s a chapter).
    The course's charts come from the figure grammar, whose every kind is validated by its
    tests (``tests/test_charts.py`` calls ``to_dict()``, which validates), and every chart
    stored in a notebook is validated again, as stored (``tests/test_charts_stored.py``).
    ``to_dict()``, ``save()`` and anything else a student calls still validate.
    """

    def _repr_mimebundle_(self, *args, **kwargs):
        spec = self.to_dict(context={"pre_transform": False}, validate=False)
        renderer = alt.renderers.get()
        return renderer(spec) if renderer else None


_SHOWN: dict[type, type] = {
    kind: type(kind.__name__, (_ShownUnvalidated, kind), {"__module__": __name__})
    for kind in (alt.LayerChart, alt.ConcatChart, alt.VConcatChart, alt.HConcatChart, alt.Chart, alt.FacetChart)
}


def shown_unvalidated(chart):
    """``chart`` itself, displayed from now on without validation (see :class:`_ShownUnvalidated`).

    Parameters
    ----------
    chart : altair.Chart, LayerChart, ConcatChart, HConcatChart, VConcatChart or FacetChart
        A chart the course's figure grammar built.

    Returns
    -------
    The same object, of a subclass of its type that only displays differently (copies keep it).
    """
    if type(chart) in _SHOWN:
        # same attributes, one overridden method; object's own setattr, as a chart's would
        # store the name among the specification's properties
        object.__setattr__(chart, "__class__", _SHOWN[type(chart)])
    return chart


def enable() -> None:
    """Register (once) and enable the course's renderer."""
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, mimebundle)
    alt.renderers.enable(RENDERER_NAME)
