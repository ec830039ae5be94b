"""Draw the charts stored in the notebooks: Vega-Lite JSON rendered with the Vega the book ships.

A chart cell stores its chart as ``application/vnd.vegalite.v5+json`` (see
``mctools/_display.py``: the type JupyterLab draws without trust or network). myst-nb has no
renderer for that type, so this extension adds one, as a myst-nb MIME render plugin:

* **HTML**: the specification goes into the page as inert JSON
  (``<script type="application/json">``) inside a ``div.course-chart``; ``course-charts.js``
  (added to every page after ``vega-offline.js``, see ``offline_assets.py``) draws every such
  chart with ``vegaEmbed`` once the page has loaded. One script, one set of embed options.
* **Other builders** (LaTeX, text): the plugin declines and the bundle's ``text/plain``, the
  chart's title and description, is used.

myst-nb finds render plugins only through the ``myst_nb.mime_renderers`` entry point, which
would need a package installed for the book alone; instead ``setup`` adds the plugin to the
list myst-nb loads (``myst_nb.core.render.load_mime_renders``). The book build test fails if a
myst-nb upgrade breaks this.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx

CHART_MIME_TYPE = "application/vnd.vegalite.v5+json"
SCRIPT_NAME = "course-charts.js"
FIT_SCRIPT_NAME = "course-chart-fit.js"  # fits each chart to its container (see that file)
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def chart_html(spec: dict) -> str:
    """The HTML standing for one chart: a container holding its specification as inert JSON.

    ``</`` is escaped so that no string inside the specification can close the script element.
    """
    payload = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    label = html.escape(str(spec.get("description", "")), quote=True)
    return (
        f'<div class="course-chart" data-description="{label}">'
        f'<script type="application/json" class="course-chart-spec">{payload}</script></div>'
    )


class VegaLitePlugin:
    """myst-nb MIME render plugin for the course's stored charts (HTML builders only)."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int]]] = [
        (builder, CHART_MIME_TYPE, 1) for builder in HTML_BUILDERS
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != CHART_MIME_TYPE:
            return None
        if renderer.config.builder_name not in HTML_BUILDERS:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        return [nodes.raw(text=chart_html(spec), format="html", classes=["output", "course-chart-output"])]


def _install_plugin() -> None:
    from myst_nb.core import render

    if getattr(render.load_mime_renders, "course_charts", False):
        return
    loaded = render.load_mime_renders

    def load_mime_renders():
        return [*loaded(), VegaLitePlugin]

    load_mime_renders.course_charts = True
    render.load_mime_renders = load_mime_renders


def _add_script(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.add_js_file(FIT_SCRIPT_NAME, priority=205)  # before course-charts.js, which calls it
    app.add_js_file(SCRIPT_NAME, priority=210)  # after vega-offline.js (200)


def setup(app: Sphinx) -> dict[str, object]:
    _install_plugin()
    app.connect("builder-inited", _add_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
