"""Draw the charts stored in the notebooks: Vega-Lite JSON rendered with the Vega the book ships.

A chart cell stores its chart as ``application/vnd.vegalite.v5+json`` (see
``mctools/_display.py``: the type JupyterLab draws without trust or network). myst-nb has no
renderer for that type, so this extension adds one, as a myst-nb MIME render plugin:

* **HTML**: the specification goes into the page as inert JSON
  (``<script type="application/json">``) inside a ``div.course-chart``; ``course-charts.js``
  (added to every page after ``vega-offline.js``, see ``offline_assets.py``) draws every such
  chart with ``vegaEmbed`` once the page has loaded. One script, one set of embed options.
* **LaTeX** (the print edition): the chart becomes a picture (PNG at twice its CSS size, about
  190 dpi on the page), rendered offline by vl-convert at its print width; an interactive chart
  is printed at its parameters' starting values, and its caption says so
  (``print_caption_note``).
* **Other builders** (text, ...): the plugin declines and the bundle's ``text/plain``, the
  chart's title and description, is used.

myst-nb renders a notebook's outputs when it reads it, and Sphinx caches what it read, so a
build for another builder reads every document again (``_reread_for_another_builder``).

myst-nb finds render plugins only through the ``myst_nb.mime_renderers`` entry point, which
would need a package installed for the book alone; instead ``setup`` adds the plugin to the
list myst-nb loads (``myst_nb.core.render.load_mime_renders``). The book build test fails if a
myst-nb upgrade breaks this.
"""

from __future__ import annotations

import base64
import copy
import html
import json
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

CHART_MIME_TYPE = "application/vnd.vegalite.v5+json"
SCRIPT_NAME = "course-charts.js"
FIT_SCRIPT_NAME = "course-chart-fit.js"  # fits each chart to its container (see that file)
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
PRINT_BUILDERS = ("latex",)
#: Width in CSS pixels of a chart that follows its container on screen, when printed.
PRINT_WIDTH = 520
#: Device pixels per CSS pixel in a printed chart's picture.
PRINT_SCALE = 2
#: Marks the picture of an interactive chart, for the caption note.
PRINT_NOTE = "course_print_note"


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


def print_spec(spec: dict) -> dict:
    """The specification to print: every width that follows its container made fixed."""

    def fix(node):
        if isinstance(node, dict):
            return {k: PRINT_WIDTH if k == "width" and v == "container" else fix(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    return fix(copy.deepcopy(spec))


def bound_parameters(spec: dict) -> list[tuple[str, object]]:
    """``(label, starting value)`` of every parameter bound to an input (slider, menu), at any depth."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for param in node.get("params", []) if isinstance(node.get("params"), list) else []:
                bind = param.get("bind") if isinstance(param, dict) else None
                if isinstance(bind, dict) and "input" in bind:
                    found.append((bind.get("name") or param.get("name", "?"), param.get("value")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return list(dict.fromkeys((str(label).strip(), value) for label, value in found))


def print_caption_note(spec: dict) -> str:
    """What a printed interactive chart's caption adds: the settings it is printed at."""
    settings = ", ".join(f"{label} = {value}" for label, value in bound_parameters(spec))
    return f" (Printed at {settings}; the chart is interactive in the online book.)" if settings else ""


def _picture(renderer, data, spec: dict) -> list[nodes.Element]:
    import vl_convert as vlc
    from myst_nb.core.render import MimeData

    # ppi: a CSS pixel is 1/96 inch, so the picture prints at its on-screen size.
    png = vlc.vegalite_to_png(print_spec(spec), vl_version=_vegalite_version(), scale=PRINT_SCALE, ppi=96 * PRINT_SCALE)
    picture = MimeData(
        "image/png",
        base64.b64encode(png).decode("ascii"),
        cell_metadata=data.cell_metadata,
        output_metadata={},
        cell_index=data.cell_index,
        output_index=data.output_index,
        line=data.line,
    )
    images = renderer.render_image(picture)
    for image in images:
        image["alt"] = str(spec.get("description", "")) or "chart"
        image[PRINT_NOTE] = print_caption_note(spec)
    return images


def _vegalite_version() -> str:
    import altair as alt

    return ".".join(alt.VEGALITE_VERSION.split(".")[:2])


class VegaLitePlugin:
    """myst-nb MIME render plugin for the course's stored charts (HTML and LaTeX builders)."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int]]] = [
        (builder, CHART_MIME_TYPE, 1) for builder in (*HTML_BUILDERS, *PRINT_BUILDERS)
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != CHART_MIME_TYPE:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        env = renderer.renderer.sphinx_env
        builder = env.app.builder.name if env is not None else renderer.config.builder_name
        if builder in HTML_BUILDERS:
            return [nodes.raw(text=chart_html(spec), format="html", classes=["output", "course-chart-output"])]
        if builder in PRINT_BUILDERS:
            return _picture(renderer, data, spec)
        return None


def _reread_for_another_builder(app: Sphinx, env, added, changed, removed) -> list[str]:
    # A chart is rendered for one builder when its notebook is read (a <div> for HTML, a
    # picture for print), and Sphinx caches what it read: read every document again when the
    # cache was made by another builder.
    previous = getattr(env, "course_charts_builder", app.builder.name)
    env.course_charts_builder = app.builder.name
    return sorted(env.found_docs) if previous != app.builder.name else []


class PrintCaptionNote(SphinxPostTransform):
    """In print, an interactive chart's caption says at which settings it is printed."""

    default_priority = 400
    builders = PRINT_BUILDERS

    def run(self, **kwargs) -> None:
        for figure in self.document.findall(nodes.figure):
            notes = [image.get(PRINT_NOTE, "") for image in figure.findall(nodes.image)]
            note = next((n for n in notes if n), "")
            captions = list(figure.findall(nodes.caption))
            if note and captions:
                captions[0] += nodes.Text(note)


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
    app.add_post_transform(PrintCaptionNote)
    app.connect("env-get-outdated", _reread_for_another_builder)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
